import { describe, expect, it } from "vitest";
import { readXlsx } from "../../../api/spreadsheet/xlsx-reader.ts";
import { xlsxChunks } from "../../../api/spreadsheet/xlsx-writer.ts";
import type { Cell, ColumnType, Table } from "../../../solver/export/table.ts";
import { importPlant } from "../../../solver/workbook/import-plant.ts";
import { ModelError } from "../../../src/errors.ts";
import type { Problem } from "../../../src/problem.ts";

/** A sheet written as a planner would type it: header names as given, date columns as Excel date cells. */
function sheet(name: string, header: Array<string | [string, ColumnType]>, rows: Cell[][]): Table {
  return { name, columns: header.map((h) => (typeof h === "string" ? { name: h, type: "text" } : { name: h[0], type: h[1] })), rows };
}

/** Writes the sheets as a real XLSX file and imports it. */
function importSheets(...tables: Table[]) {
  return importPlant(readXlsx(Buffer.concat(xlsxChunks(tables))));
}

function problemsOf(run: () => unknown): { code: string; problems: Problem[] } {
  try {
    run();
  } catch (error) {
    if (error instanceof ModelError) return { code: error.code, problems: error.problems };
    throw error;
  }
  throw new Error("expected the import to fail");
}

const calendar = sheet("日历", ["日历", "星期", "开始", "结束", "休息"], [
  ["白班", "周一", "08:00", "17:00", "12:00-13:00"],
  ["白班", "周二", "08:00", "17:00", "12:00-13:00"],
  ["白班", "2026-05-01", null, null, null],
]);
const resources = sheet("资源", ["资源编号", "名称", "日历", "效率", "台数"], [["CNC", "加工中心", "白班", 0.9, 2]]);

describe("a workbook with Chinese headers", () => {
  it("imports, with full-width brackets, numeric text, date cells and a holiday", () => {
    const { plant, warnings } = importSheets(
      calendar,
      resources,
      sheet("物料", ["物料编码", "名称", "库存"], [["P-1", "支架", "120"], ["RAW", "钢板", 40]]),
      sheet("物料清单", ["父件", "子件", "用量"], [["P-1", "RAW", 2.5]]),
      sheet("工艺路线", ["物料", "工序", "资源", "准备时间（分）", "单件工时(分)"], [["P-1", "10", "CNC", 30, 1.5]]),
      sheet("订单", ["订单号", "客户", "物料", "数量", ["交期", "datetime"], "优先级", "备注"], [["SO-1", "华信", "P-1", 50, "2026-05-06T17:00", 1, "急"]]),
    );
    expect(plant).toEqual({
      calendars: [
        {
          id: "白班",
          shifts: {
            mon: [{ start: "08:00", end: "17:00", breaks: [{ start: "12:00", end: "13:00" }] }],
            tue: [{ start: "08:00", end: "17:00", breaks: [{ start: "12:00", end: "13:00" }] }],
          },
          exceptions: [{ date: "2026-05-01", shifts: [] }],
        },
      ],
      resources: [{ id: "CNC", name: "加工中心", calendar: "白班", efficiency: 0.9, units: 2 }],
      items: [
        { id: "P-1", name: "支架", onHand: 120 },
        { id: "RAW", name: "钢板", onHand: 40 },
      ],
      bom: [{ parent: "P-1", component: "RAW", quantity: 2.5 }],
      routings: [{ item: "P-1", operations: [{ id: "10", resources: ["CNC"], setupMinutes: 30, runMinutesPerUnit: 1.5 }] }],
      orders: [{ id: "SO-1", customer: "华信", item: "P-1", quantity: 50, due: "2026-05-06T17:00", priority: 1 }],
    });
    // The column nobody knows is a warning at its header cell, not an error.
    expect(warnings).toEqual([{ path: "订单!G1", message: 'unknown column "备注" in sheet orders (ignored)' }]);
  });
});

describe("every problem names its cell", () => {
  const routings = sheet("routings", ["item", "operation", "resources", "runMinutesPerUnit"], [["P-1", "10", "CNC, LATHE", 1]]);

  it("wrong references are a 422 at the cell that holds them", () => {
    const { code, problems } = problemsOf(() =>
      importSheets(
        calendar,
        sheet("resources", ["id", "calendar"], [["CNC", "白班"], ["SAW", "night"]]),
        sheet("items", ["id"], [["P-1"]]),
        routings,
        sheet("orders", ["id", "item", "quantity", ["due", "datetime"]], [
          ["SO-1", "P-1", 5, "2026-05-06T17:00"],
          ["SO-2", "X-99", 5, "2026-05-06T17:00"],
          ["SO-1", "P-1", 5, "2026-05-06T17:00"],
        ]),
      ),
    );
    expect(code).toBe("TAKT_ERR_INVALID_MODEL");
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "resources!B3", message: 'unknown calendar "night"' },
        { path: "routings!C2", message: 'unknown resource "LATHE"' },
        { path: "orders!B3", message: 'unknown item "X-99"' },
        { path: "orders!A4", message: 'duplicate order id "SO-1" (first at orders!A2)' },
      ]),
    );
    expect(problems).toHaveLength(4);
  });

  it("cells of the wrong type, missing values and columns are a 400 at their cells", () => {
    const { code, problems } = problemsOf(() =>
      importSheets(
        calendar,
        resources,
        routings,
        sheet("orders", ["id", "item", "quantity", "due", "priority"], [
          ["SO-1", "P-1", "five", "2026-05-06 17:00", 1],
          ["SO-2", "P-1", 5, "6 May", 9],
          [null, "P-1", 5, "2026/5/6 8:00", null],
        ]),
        sheet("bom", ["parent", "component"], [["P-1", "RAW"]]),
        sheet("changeovers", ["resource", "from", "to", "minutes"], [["CNC", "*", "red", 10]]),
      ),
    );
    expect(code).toBe("TAKT_ERR_BAD_REQUEST");
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "orders!C2", message: 'expected a number, got "five"' },
        { path: "orders!D3", message: 'expected a date and time YYYY-MM-DD HH:mm, got "6 May"' },
        { path: "orders!A4", message: expect.stringMatching(/string/) },
        { path: "orders!E3", message: expect.stringMatching(/5/) },
        { path: "bom!C1", message: 'sheet bom has no column "quantity" (用量), which every row needs' },
        { path: "changeovers!B2", message: '"*" stands for every family only as both from and to (the default changeover)' },
      ]),
    );
    for (const problem of problems) expect(problem.path).toMatch(/^[^!]+![A-Z]+\d+$/);
  });
});
