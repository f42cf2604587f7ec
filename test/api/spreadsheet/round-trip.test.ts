import { describe, expect, it } from "vitest";
import { csvChunks } from "../../../api/spreadsheet/csv-writer.ts";
import { readCsv } from "../../../api/spreadsheet/csv-reader.ts";
import { readXlsx } from "../../../api/spreadsheet/xlsx-reader.ts";
import { xlsxChunks } from "../../../api/spreadsheet/xlsx-writer.ts";
import { importPlant } from "../../../solver/workbook/import-plant.ts";
import { plantTables } from "../../../solver/workbook/plant-workbook.ts";
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
