import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readXlsx } from "../../../api/spreadsheet/xlsx-reader.ts";
import { xlsxChunks } from "../../../api/spreadsheet/xlsx-writer.ts";
import { importPlant } from "../../../solver/workbook/import-plant.ts";
import { plantTables } from "../../../solver/workbook/plant-workbook.ts";
import { Plant } from "../../../src/plant.ts";
import { takt } from "../../helpers/cli.ts";
import { demo } from "../../helpers/demo.ts";

describe("data/steel-plant.xlsx", () => {
  it("is the demo steel plant, as export-model writes it now", () => {
    const file = readFileSync(new URL("../../../data/steel-plant.xlsx", import.meta.url));
    expect(Plant.parse(importPlant(readXlsx(file)).plant)).toEqual(Plant.parse(demo("steel-plant")));
    // Cell for cell what export-model writes today (not byte for byte: another zlib may deflate differently).
    expect(readXlsx(file)).toEqual(readXlsx(Buffer.concat(xlsxChunks(plantTables(demo("steel-plant"))))));
  });
});

describe("takt template, export-model, import and export", () => {
  it("take a plant through a workbook and a plan to a CSV dispatch list", async () => {
    const dir = mkdtempSync(join(tmpdir(), "takt-sheets-"));
    const template = await takt("template", "--xlsx", join(dir, "template.xlsx"));
    expect(template.code).toBe(0);
    expect(readXlsx(readFileSync(join(dir, "template.xlsx"))).map((s) => s.name)).toContain("columns");

    const plantFile = join(dir, "plant.json");
    writeFileSync(plantFile, JSON.stringify({ ...demo("steel-plant"), options: { timeLimitSeconds: 0.3, workers: 1, maxIterations: 20 } }));
    expect((await takt("export-model", plantFile, "--csv", join(dir, "plant-csv"))).code).toBe(0);
    const imported = await takt("import", join(dir, "plant-csv"));
    expect(imported.code).toBe(0);
    expect(Plant.parse(JSON.parse(imported.stdout))).toEqual(Plant.parse(demo("steel-plant")));

    const plan = await takt("schedule", plantFile);
    expect(plan.code).toBe(0);
    writeFileSync(join(dir, "plan.json"), plan.stdout);
    expect((await takt("export", join(dir, "plan.json"), "--model", plantFile, "--csv", join(dir, "plan-csv"))).code).toBe(0);
    const dispatch = parse(readFileSync(join(dir, "plan-csv", "dispatch.csv")), { bom: true, columns: true }) as unknown[];
    expect(dispatch).toHaveLength((JSON.parse(plan.stdout) as { operations: unknown[] }).operations.length);
  });

  it("exit 2 with the cell for a bad cell, 3 for a wrong reference", async () => {
    const dir = mkdtempSync(join(tmpdir(), "takt-sheets-"));
    const bad = { ...demo("steel-plant") };
    bad.orders[0].item = "X-99";
    writeFileSync(join(dir, "bad.json"), JSON.stringify(bad));
    expect((await takt("export-model", join(dir, "bad.json"), "--xlsx", join(dir, "bad.xlsx"))).code).toBe(0);
    const wrong = await takt("import", join(dir, "bad.xlsx"));
    expect(wrong.code).toBe(3);
    expect(JSON.parse(wrong.stdout).problems).toContainEqual({ path: "orders!B2", message: 'unknown item "X-99"' });
    writeFileSync(join(dir, "junk.xlsx"), "not a workbook");
    const junk = await takt("import", join(dir, "junk.xlsx"));
    expect([junk.code, JSON.parse(junk.stdout).code]).toEqual([2, "TAKT_ERR_UNREADABLE_FILE"]);
  });
});
