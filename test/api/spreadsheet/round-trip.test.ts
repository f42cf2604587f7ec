import { describe, expect, it } from "vitest";
import { csvChunks } from "../../../api/spreadsheet/csv-writer.ts";
import { readCsv } from "../../../api/spreadsheet/csv-reader.ts";
import { readXlsx } from "../../../api/spreadsheet/xlsx-reader.ts";
import { xlsxChunks } from "../../../api/spreadsheet/xlsx-writer.ts";
import { importPlant } from "../../../solver/workbook/import-plant.ts";
import { plantTables } from "../../../solver/workbook/plant-workbook.ts";
import type { ModelError } from "../../../src/errors.ts";
import { Plant } from "../../../src/plant.ts";
import { demo } from "../../helpers/demo.ts";

const bytes = (chunks: Uint8Array[]) => Buffer.concat(chunks);

describe("export-model → import", () => {
  for (const name of ["steel-plant", "appliance-plant"] as const) {
    it(`gives the ${name} back (XLSX), with every key`, () => {
      const plant = demo(name);
      const imported = importPlant(readXlsx(bytes(xlsxChunks(plantTables(plant)))));
      expect(imported.warnings).toEqual([]);
      expect(Plant.parse(imported.plant)).toEqual(Plant.parse(plant));
      expect(Object.keys(imported.plant).sort()).toEqual(Object.keys(plant).sort());
    });

    it(`gives the ${name} back (a folder of CSV files)`, () => {
      const plant = demo(name);
      const sheets = plantTables(plant).map((table) => readCsv(table.name, bytes(csvChunks(table)).toString("utf8")));
      expect(Plant.parse(importPlant(sheets).plant)).toEqual(Plant.parse(plant));
    });
  }
});

describe("issue 16's fields in the workbook", () => {
  it("give transfer batches, splits, uninterruptible operations, maximum waits and due-date buffers back", () => {
    const plant = demo("steel-plant");
    const [first, ...others] = plant.routings;
    const [pickle, roll, galvanize, ...rest] = first!.operations;
    const withRules = {
      ...plant,
      routings: [
        {
          ...first!,
          operations: [
            { ...pickle!, transferQuantity: 12.5, interruptible: false },
            { ...roll!, split: { minQuantity: 10 }, maxWaitMinutes: 2880 },
            { ...galvanize!, split: { minQuantity: 5, maxParts: 3 } },
            ...rest,
          ],
        },
        ...others,
      ],
      orders: plant.orders.map((order: object, i: number) => (i === 0 ? { ...order, dueBufferMinutes: 2880 } : order)),
    };
    const tables = plantTables(withRules as Parameters<typeof plantTables>[0]);
    const routingsTable = tables.find((t) => t.name === "routings")!;
    const routings = { columns: routingsTable.columns, rows: Array.from(routingsTable.rows) };
    const column = (name: string) => routings.columns.findIndex((c) => c.name === name);
    expect(routings.rows[1]![column("split.minQuantity")]).toBe(10);
    expect(routings.rows[2]![column("split.maxParts")]).toBe(3);
    expect(routings.rows[0]![column("interruptible")]).toBe(false);
    const imported = importPlant(readXlsx(bytes(xlsxChunks(tables))));
    expect(imported.warnings).toEqual([]);
    expect(Plant.parse(imported.plant)).toEqual(Plant.parse(withRules));
    const sheets = tables.map((table) => readCsv(table.name, bytes(csvChunks(table)).toString("utf8")));
    expect(Plant.parse(importPlant(sheets).plant)).toEqual(Plant.parse(withRules));
  });

  it("names the cell of a split's bad smallest part and of a maximum wait below the gap", () => {
    const plant = demo("steel-plant");
    const routingsTable = plantTables(plant).find((t) => t.name === "routings")!;
    const routings = { columns: routingsTable.columns, rows: Array.from(routingsTable.rows) };
    const at = (name: string) => routings.columns.findIndex((c) => c.name === name);
    const letter = (name: string) => String.fromCharCode(65 + at(name));
    // Row 2 (the sheet's row 3) is an operation with minGapMinutes 240.
    expect(routings.rows[1]![at("minGapMinutes")]).toBe(240);
    const edited = (row: number, name: string, value: number) =>
      plantTables(plant).map((table) =>
        table.name === "routings" ? { ...table, rows: Array.from(table.rows).map((r, i) => (i === row ? r.map((cell, k) => (k === at(name) ? value : cell)) : r)) } : table,
      );
    const failure = (tables: ReturnType<typeof plantTables>) => {
      try {
        importPlant(readXlsx(bytes(xlsxChunks(tables))));
      } catch (error) {
        return error as ModelError;
      }
      throw new Error("expected the import to fail");
    };
    const shape = failure(edited(1, "split.minQuantity", -5));
    expect(shape.code).toBe("TAKT_ERR_BAD_REQUEST");
    expect(shape.problems).toEqual([{ path: `routings!${letter("split.minQuantity")}3`, message: expect.any(String) }]);
    const model = failure(edited(1, "maxWaitMinutes", 60));
    expect(model.code).toBe("TAKT_ERR_INVALID_MODEL");
    expect(model.problems).toEqual([{ path: `routings!${letter("maxWaitMinutes")}3`, message: expect.stringMatching(/at most 60 minutes .* minGapMinutes 240/) }]);
  });
});
