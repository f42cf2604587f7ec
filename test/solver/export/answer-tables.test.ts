import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { answerTables, chosenOption, insertTables, mrpAnswerRows, mrpTables } from "../../../solver/export/answer-tables.ts";
import { describeCause, orderOutcomeTable } from "../../../solver/export/order-outcomes.ts";
import type { Table } from "../../../solver/export/table.ts";
import { assessCapacity } from "../../../solver/capacity/assess-capacity.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { computeMaterialPlan, planMaterials } from "../../../solver/mrp/plan-materials.ts";
import { planRows } from "../../../solver/mrp/plan-rows.ts";
import { CapacityRequest } from "../../../src/capacity.ts";
import { ModelError } from "../../../src/errors.ts";
import type { InsertResponse } from "../../../src/insert.ts";
import { MrpRequest } from "../../../src/mrp.ts";
import type { MrpResponse } from "../../../src/mrp.ts";
import { Order } from "../../../src/order.ts";

const plant = (name: string) => JSON.parse(readFileSync(new URL(`../../../data/${name}.json`, import.meta.url), "utf8")) as Record<string, unknown>;
const rowsOf = (table: Table) => Array.from(table.rows, (row) => [...row]);
const names = (table: Table) => table.columns.map((c) => c.name);

describe("capacity sheets of the demo steel plant", () => {
  it("load: a row per resource and week with the figures of data/README.md", async () => {
    const answer = await assessCapacity(CapacityRequest.parse(plant("steel-plant")), { engine: highsEngine, timeLimitSeconds: 30 });
    const [load, countermeasures] = answerTables(answer).tables as [Table, Table];
    expect(names(load)).toEqual(["resource", "bucket", "bucketStart", "bucketEnd", "workingMinutes", "availableMinutes", "loadMinutes", "utilization", "overloadMinutes"]);
    const rows = rowsOf(load);
    expect(rows).toHaveLength(6 * 4);
    // Week 2 of the galvanizing line: the Qingming holiday and the overtime Saturday, 351 minutes over.
    expect(rows.find((r) => r[0] === "CGL" && r[1] === 1)).toEqual(["CGL", 1, "2026-04-06T00:00", "2026-04-13T00:00", 4050, 4050, 4401, 4401 / 4050, 351]);
    // The cheapest countermeasure: build the 351 minutes ahead into week 1 at 2 CNY a minute.
    expect(names(countermeasures)).toEqual(["kind", "resource", "bucket", "minutes", "order", "item", "operation", "toResource", "toBucket", "cost"]);
    const built = rowsOf(countermeasures).filter((r) => r[0] === "build-ahead");
    expect(built.reduce((sum, r) => sum + (r[3] as number), 0)).toBeCloseTo(351, 6);
    expect(built.every((r) => r[1] === "CGL" && r[2] === 1 && r[8] === 0)).toBe(true);
    expect(rowsOf(countermeasures).reduce((sum, r) => sum + (r[9] as number), 0)).toBeCloseTo(702, 6);
  });
});

describe("MRP sheets of the demo appliance plant", () => {
  const request = MrpRequest.parse(plant("appliance-plant"));
  const answer = JSON.parse(Buffer.concat(planMaterials(request)).toString("utf8")) as MrpResponse;
  const fromAnswer = mrpTables(mrpAnswerRows(request, answer));

  it("planned orders, exceptions, the follow-up list and records hold the answer's values in its order", () => {
    const [orders, exceptions, followUp, records] = fromAnswer as [Table, Table, Table, Table];
    const orderRows = rowsOf(orders);
    // data/README.md: 334 planned orders, 180 make (4 of them firm) and 154 buy; 42 action messages, 37 of
    // them releases; 36 purchases to follow up.
    expect(orderRows).toHaveLength(334);
    expect(orderRows.filter((r) => r[2] === "make")).toHaveLength(180);
    expect(orderRows.filter((r) => r[3] === true).map((r) => r[0])).toEqual(["FA-WM-F80-W01", "FA-EXP-2604-DUBAI", "FA-WM-F100-W01", "FA-RF-BCD350-W01"]);
    const first = answer.plannedOrders[0]!;
    expect(orderRows[0]).toEqual([
      first.id, first.item, first.source, first.firm ?? false, first.quantity, first.startQuantity, first.releaseBucket, first.releaseDate, first.receiptBucket, first.receiptDate,
      first.pegging.map((p) => `${"demand" in p ? p.demand : p.parentOrder} ${p.quantity}`).join("; "),
    ]);
    const kinds = rowsOf(exceptions).map((r) => r[1]);
    expect(kinds.filter((k) => k !== "release").sort()).toEqual(["cancel", "past-due", "past-due", "reschedule-in", "reschedule-out"]);
    expect(kinds.filter((k) => k === "release")).toHaveLength(37);
    expect(rowsOf(exceptions).find((r) => r[1] === "reschedule-in")).toEqual([
      "DRUM-INNER-100", "reschedule-in", 3, 2, null, "PO-INNER100-2604", null, 1800,
      "open receipt PO-INNER100-2604 (1800) arrives in bucket 3 (2026-04-20) but is needed in bucket 2 (2026-04-13): reschedule it in",
    ]);
    expect(rowsOf(followUp)).toHaveLength(36);
    expect(rowsOf(followUp)[0]).toEqual(["2026-03-30", 0, "receipt", "PO-PACK-WM-W00", "PACK-WM", "Hefei Packaging Co.", 20, 0]);
    // weekly buckets dated on their first working day of the two-shift calendar: 6 April is Qingming
    expect(names(records).slice(0, 5)).toEqual(["item", "lowLevelCode", "row", "2026-03-30", "2026-04-07"]);
    expect(names(records)).toHaveLength(3 + 12);
    const recordRows = rowsOf(records);
    expect(recordRows).toHaveLength(6 * Object.keys(answer.items).length);
    const [item, record] = Object.entries(answer.items)[0]!;
    expect(recordRows.slice(0, 6)).toEqual(
      (["gross", "scheduledReceipts", "projectedOnHand", "net", "plannedReceipts", "plannedReleases"] as const).map((key) => [item, record.lowLevelCode, key, ...record[key]]),
    );
  });

  it("are the same from an answer with columnar records", () => {
    const columnar = MrpRequest.parse({ ...plant("appliance-plant"), options: { format: "columnar" } });
    const columns = JSON.parse(Buffer.concat(planMaterials(columnar)).toString("utf8")) as MrpResponse;
    mrpTables(mrpAnswerRows(request, columns)).forEach((table, k) => expect(rowsOf(table)).toEqual(rowsOf(fromAnswer[k]!)));
  });

  it("read straight from the plan's arrays, are the same as from the JSON answer", () => {
    const fromPlan = mrpTables(planRows(request, computeMaterialPlan(request)));
    expect(fromPlan.map((t) => [t.name, t.columns])).toEqual(fromAnswer.map((t) => [t.name, t.columns]));
    fromPlan.forEach((table, k) => expect(rowsOf(table)).toEqual(rowsOf(mrpTables(mrpAnswerRows(request, answer))[k]!)));
  });
});

describe("orders sheet", () => {
  const orders = [Order.parse({ id: "A", item: "P", quantity: 5, due: "2026-03-02T14:00", customer: "Huaxin" })];
  it("gives the cause of a late order as text, else the resource that held it, and an unplannable one's reason", () => {
    const table = orderOutcomeTable(orders, [
      { id: "A", due: "2026-03-02T14:00", completion: "2026-03-02T15:30", lateMinutes: 90, onTime: false, heldBy: "CGL" },
      { id: "A", due: "2026-03-02T14:00", completion: "2026-03-02T15:30", lateMinutes: 90, onTime: false, heldBy: "CGL", cause: { kind: "material", item: "ZINC", availableAt: "2026-03-02T12:00" } },
      { id: "B", due: "2026-03-02T14:00", completion: "2026-03-02T10:00", lateMinutes: 0, onTime: true, bufferKept: false },
      { id: "A", due: "2026-03-02T14:00", status: "unplannable", completion: null, lateMinutes: 0, onTime: false, bufferKept: false, reason: "operation \"roll\" cannot start within its maximum wait" },
    ]);
    expect(rowsOf(table)).toEqual([
      ["A", "Huaxin", "P", 5, "2026-03-02T14:00", "2026-03-02T15:30", 90, false, null, "held by CGL"],
      ["A", "Huaxin", "P", 5, "2026-03-02T14:00", "2026-03-02T15:30", 90, false, null, "material: ZINC, availableAt 2026-03-02T12:00"],
      ["B", "", "", null, "2026-03-02T14:00", "2026-03-02T10:00", 0, true, false, ""],
      ["A", "Huaxin", "P", 5, "2026-03-02T14:00", null, 0, false, false, 'operation "roll" cannot start within its maximum wait'],
    ]);
    expect(describeCause({ kind: "release" })).toBe("release");
    expect(describeCause({ kind: "capacity", resource: "CGL" })).toBe("capacity: CGL");
  });
});

describe("rush insertion sheets", () => {
  const option = (name: string, start: string) => ({
    name,
    promise: { R: start },
    schedule: { operations: [{ order: "R", operation: "x", resource: "M", unit: 0, start, end: start, setupMinutes: 0, changeoverMinutes: 0, state: "planned" as const }], orders: [] },
    impact: [],
    ordersMadeLate: name === "fastest" ? 1 : 0,
    weightedHarm: name === "fastest" ? 100 : 0,
    movedOperations: 0,
    changes: { count: 0, operations: [] },
    kpis: { onTimeRate: 1, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} },
  });
  const answer: Pick<InsertResponse, "options"> = { options: [option("fastest", "2026-03-02T06:00"), option("protect-confirmed", "2026-03-03T06:00")] };

  it("export the chosen option (the first by default) and compare all of them", () => {
    const model = { rushOrders: [Order.parse({ id: "R", item: "P", quantity: 3, due: "2026-03-04T14:00" })] };
    const [dispatch, , options] = insertTables(model, answer, "protect-confirmed") as [Table, Table, Table];
    expect(rowsOf(dispatch).map((r) => [r[5], r[7], r[8], r[9]])).toEqual([["R", "P", 3, "2026-03-03T06:00"]]);
    expect(rowsOf(options).map((r) => [r[0], r[1], r[2], r[3], r[4], r[5]])).toEqual([
      ["fastest", false, "R 2026-03-02T06:00", 1, 100, 0],
      ["protect-confirmed", true, "R 2026-03-03T06:00", 0, 0, 0],
    ]);
    expect(chosenOption(answer)?.name).toBe("fastest");
  });

  it("refuses an option the answer does not have, naming the ones it has", () => {
    expect(() => chosenOption(answer, "allow-9-late")).toThrow(ModelError);
    expect(() => chosenOption(answer, "allow-9-late")).toThrow(/fastest, protect-confirmed/);
  });
});
