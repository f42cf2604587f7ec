/**
 * The planners' workbook (issue 18) as a whole: its sheets in order, a plant written as tables
 * (`takt export-model`, and with no plant the empty template), the guide sheet explaining every column in
 * English and Chinese, and a workbook's sheets read back into a plant with each value's cell recorded.
 * Sheet names are matched like headers (English or Chinese, any case); unknown sheets are warnings.
 */
import type { Problem } from "../../src/problem.ts";
import type { Table } from "../export/table.ts";
import { columnsOf } from "../export/table.ts";
import { calendarsSheet } from "./calendars-sheet.ts";
import { CellMap } from "./cell-map.ts";
import { columnType, normalizeName } from "./fields.ts";
import { itemsSheet } from "./items-sheet.ts";
import { bomSheet, candidatesSheet, demandsSheet, firmPlannedOrdersSheet, ordersSheet, productsSheet, progressSheet, receiptsSheet, rushOrdersSheet } from "./list-sheet.ts";
import type { RawSheet } from "./raw-sheet.ts";
import { changeoversSheet, resourcesSheet } from "./resources-sheet.ts";
import { routingsSheet } from "./routings-sheet.ts";
import { SETTINGS, settingsSheet } from "./settings-sheet.ts";
import { ReadReport, readSheetRows } from "./sheet-reader.ts";
import type { PlantDraft, PlantInput, WorkbookSheet } from "./workbook-sheet.ts";

/** Every sheet, in the order written and read (changeovers after the resources they belong to). */
export const WORKBOOK_SHEETS: readonly WorkbookSheet[] = [
  settingsSheet,
  calendarsSheet,
  resourcesSheet,
  changeoversSheet,
  itemsSheet,
  bomSheet,
  routingsSheet,
  ordersSheet,
  progressSheet,
  receiptsSheet,
  firmPlannedOrdersSheet,
  demandsSheet,
  rushOrdersSheet,
  candidatesSheet,
  productsSheet,
];

/** The guide sheet: written last, never read. */
export const GUIDE_SHEET = { name: "columns", zh: ["说明", "填写说明"] } as const;

function guideTable(): Table {
  const rows: unknown[][] = [];
  for (const sheet of WORKBOOK_SHEETS) {
    rows.push([sheet.spec.name, "", sheet.spec.zh[0], "", "", sheet.spec.en, sheet.spec.zhDescription]);
    for (const f of sheet.spec.fields) rows.push([sheet.spec.name, f.key, f.zh[0] ?? "", f.type, f.required ? "yes 是" : "", f.en, f.zhDescription]);
  }
  for (const s of SETTINGS) rows.push(["settings", s.key, s.zh, s.type, "", s.en, ""]);
  return {
    name: GUIDE_SHEET.name,
    columns: columnsOf({ sheet: "text", column: "text", 中文: "text", type: "text", required: "text", description: "text", 说明: "text" }),
    rows: rows as string[][],
  };
}

/** A plant as the workbook's tables: every sheet (empty ones with their header), then the guide. The template is `plantTables({})`. */
export function plantTables(plant: PlantInput): Table[] {
  const sheets = WORKBOOK_SHEETS.map((sheet): Table => {
    const columns = sheet.spec.fields.map((f) => ({ name: f.key, type: columnType(f.type) }));
    return { name: sheet.spec.name, columns, rows: sheet.rows(plant).map((row) => columns.map((c) => (row[c.name] ?? null) as string | number | boolean | null)) };
  });
  return [...sheets, guideTable()];
}

export interface WorkbookReading {
  /** The plant as plain JSON (only what the cells give), to be checked against the Plant schema. */
  plant: PlantDraft;
  /** Cells that are not of their column's type, missing columns, misplaced rows: a 400. */
  problems: Problem[];
  warnings: Problem[];
  /** Where each JSON path of `plant` came from. */
  cells: CellMap;
  /** Cells already named by a problem. */
  failedCells: ReadonlySet<string>;
}

const BY_NAME = new Map(WORKBOOK_SHEETS.flatMap((sheet) => [sheet.spec.name, ...sheet.spec.zh].map((name) => [normalizeName(name), sheet] as const)));
const GUIDE_NAMES = new Set([GUIDE_SHEET.name, ...GUIDE_SHEET.zh].map(normalizeName));

/** Reads a workbook's sheets (or a folder's CSV files, one sheet each) into a plant. */
export function readPlantWorkbook(sheets: readonly RawSheet[]): WorkbookReading {
  const report = new ReadReport();
  const cells = new CellMap();
  const found = new Map<WorkbookSheet, RawSheet>();
  for (const raw of sheets) {
    const name = normalizeName(raw.name);
    const sheet = BY_NAME.get(name);
    if (sheet === undefined) {
      if (!GUIDE_NAMES.has(name)) report.warnings.push({ path: `${raw.name}!A1`, message: `unknown sheet "${raw.name}" (ignored)` });
    } else if (found.has(sheet)) {
      report.problem(`${raw.name}!A1`, `a second ${sheet.spec.name} sheet (the first is "${found.get(sheet)!.name}")`);
    } else found.set(sheet, raw);
  }
  const plant: PlantDraft = {};
  for (const sheet of WORKBOOK_SHEETS) {
    const raw = found.get(sheet);
    if (raw) sheet.read(readSheetRows(raw, sheet.spec, report), plant, { cells, report });
  }
  return { plant, problems: report.problems, warnings: report.warnings, cells, failedCells: report.failedCells };
}
