/**
 * A workbook's sheets as a checked plant (`takt import`, `POST /v1/import`): read the cells, check the
 * result with the Plant schema (shape problems: a 400) and then with the model's own reference checks —
 * src/check-factory.ts, and the progress and MRP checks when the plant has what they need (a 422) — every
 * problem moved from its JSON path to the cell it came from (`orders!B7`).
 */
import { checkFactory } from "../../src/check-factory.ts";
import { ModelError } from "../../src/errors.ts";
import { Plant } from "../../src/plant.ts";
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";
import { checkMrpRequest } from "../mrp/check-mrp-request.ts";
import { checkScheduleRequest } from "../schedule/check-schedule-request.ts";
import type { CellMap } from "./cell-map.ts";
import { readPlantWorkbook } from "./plant-workbook.ts";
import type { RawSheet } from "./raw-sheet.ts";
import type { PlantDraft } from "./workbook-sheet.ts";

export interface ImportedPlant {
  /** The plant as the cells give it (defaults not applied): a valid Plant. */
  plant: PlantDraft;
  /** Unknown sheets, columns and settings, by cell. */
  warnings: Problem[];
}

/** Problems by cell, each cell and message once, in the order found. */
function byCell(problems: readonly Problem[], cells: CellMap, skip: ReadonlySet<string> = new Set()): Problem[] {
  const seen = new Set<string>();
  const out: Problem[] = [];
  for (const problem of problems) {
    const cell = cells.toCell(problem);
    // Messages that name another entry by its path (`first at orders[0]`) name its cell too.
    const located = { path: cell.path, message: cell.message.replace(/[A-Za-z]+(?:\[\d+\](?:\.[A-Za-z]+)*)+/g, (path) => cells.locate(path) ?? path) };
    const key = `${located.path}\u0000${located.message}`;
    if (skip.has(located.path) || seen.has(key)) continue;
    seen.add(key);
    out.push(located);
  }
  return out;
}

/** The model's reference problems of a plant whose shape is right. */
function referenceProblems(plant: Plant): Problem[] {
  const problems = checkFactory({ ...plant, receipts: plant.receipts ?? [] }, { ordersNeedRoutings: plant.routings.length > 0 });
  if (plant.planStart !== undefined && plant.progress !== undefined) {
    problems.push(
      ...checkScheduleRequest({ ...plant, receipts: plant.receipts ?? [], planStart: plant.planStart, progress: plant.progress, options: { timeLimitSeconds: 1, seed: 1, objective: "tardiness" } }),
    );
  }
  if (plant.buckets !== undefined && plant.items.length > 0) {
    const mrp = { buckets: plant.buckets, calendars: plant.calendars, items: plant.items, bom: plant.bom, demands: plant.demands ?? [], receipts: plant.receipts ?? [] };
    problems.push(...checkMrpRequest({ ...mrp, firmPlannedOrders: [] }));
  }
  return problems;
}

/**
 * The plant in `sheets`, or a ModelError: TAKT_ERR_BAD_REQUEST (400) for cells of the wrong type or shape,
 * TAKT_ERR_INVALID_MODEL (422) for wrong references, each problem at its cell.
 */
export function importPlant(sheets: readonly RawSheet[]): ImportedPlant {
  const reading = readPlantWorkbook(sheets);
  const parsed = Plant.safeParse(reading.plant);
  const shape = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  const problems = [...reading.problems, ...byCell(shape, reading.cells, reading.failedCells)];
  if (problems.length > 0 || !parsed.success) throw new ModelError(problems, "TAKT_ERR_BAD_REQUEST");
  const references = byCell(referenceProblems(parsed.data), reading.cells);
  if (references.length > 0) throw new ModelError(references);
  return { plant: reading.plant, warnings: reading.warnings };
}
