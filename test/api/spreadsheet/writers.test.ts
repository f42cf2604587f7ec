import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { readCsv } from "../../../api/spreadsheet/csv-reader.ts";
import { csvChunks } from "../../../api/spreadsheet/csv-writer.ts";
import { readXlsx } from "../../../api/spreadsheet/xlsx-reader.ts";
import { xlsxChunks, XLSX_MAX_ROWS } from "../../../api/spreadsheet/xlsx-writer.ts";
import type { Table } from "../../../solver/export/table.ts";
import { columnsOf } from "../../../solver/export/table.ts";
import { convertCell } from "../../../solver/workbook/fields.ts";

const awkward = ["Hefei, Anhui", 'the "VIP" line', "two\r\nlines", "one\nline", "=HYPERLINK(\"x\")", "-5 mm", "+86", "@home", "  spaced  ", "华信电器", "tab\there", ""];
const table: Table = {
  name: "customers",
  columns: columnsOf({ name: "text", due: "datetime", day: "date", quantity: "number", vip: "boolean" }),
  rows: awkward.map((name, k) => [name, "2026-03-30T06:05", "2026-03-30", k === 0 ? -1.25 : k, k % 2 === 0]),
};

describe("CSV (RFC 4180)", () => {
  const text = Buffer.concat(csvChunks(table)).toString("utf8");

  it("quotes fields with commas, quotes and line breaks, doubles quotes, ends records with CRLF, starts with a BOM", () => {
    expect(text.startsWith("\ufeffname,due,day,quantity,vip\r\n")).toBe(true);
    expect(text).toContain('"Hefei, Anhui",2026-03-30 06:05,2026-03-30,-1.25,true\r\n');
    expect(text).toContain('"the ""VIP"" line",');
    expect(text).toContain('"two\r\nlines",');
    expect(text).toContain('"one\nline",');
    // Formula-like text is kept as text for spreadsheet programs; numbers are left alone.
    expect(text).toContain("'-5 mm,");
    expect(text).toContain("\r\n'@home,");
  });

  it("reads back as the same values with any RFC 4180 parser, and through the importer's reader", () => {
    const records = parse(text, { bom: true }) as string[][];
    expect(records.slice(1).map((r) => r[0]!.replace(/^'(?=[=+\-@\t])/, ""))).toEqual(awkward);
    const sheet = readCsv("customers", text);
    expect(sheet.rows.slice(1).map((r) => convertCell(r![0] ?? null, "text"))).toEqual(awkward.map((a) => (a.trim() === "" ? null : { value: a.trim() })));
  });
});

describe("XLSX", () => {
  it("keeps text, numbers, booleans and dates through a write and a read", () => {
    const [sheet] = readXlsx(Buffer.concat(xlsxChunks([table])));
    expect(sheet!.rows[1]).toEqual(["Hefei, Anhui", { minutes: Date.UTC(2026, 2, 30, 6, 5) / 60_000 }, { minutes: Date.UTC(2026, 2, 30) / 60_000 }, -1.25, true]);
    expect(sheet!.rows.slice(1).map((r) => r![0] ?? "")).toEqual(awkward);
  });

  it("goes on in further sheets, each with the header, past the row limit (Excel's, lowered here)", () => {
    expect(XLSX_MAX_ROWS).toBe(2 ** 20);
    const big: Table = { name: "big", columns: columnsOf({ n: "number" }), rows: Array.from({ length: 10 }, (_, n) => [n]) };
    const sheets = readXlsx(Buffer.concat(xlsxChunks([big], { maxRows: 4 })));
    expect(sheets.map((s) => s.rows)).toEqual([
      [["n"], [0], [1], [2]],
      [["n"], [3], [4], [5]],
      [["n"], [6], [7], [8]],
      [["n"], [9]],
    ]);
    expect(sheets.map((s) => s.name)).toEqual(["big", "big (2)", "big (3)", "big (4)"]);
  });
});
