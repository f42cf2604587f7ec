/**
 * Reads the cells of an XLSX workbook (as Excel, WPS Office, LibreOffice and our writer make them): each
 * sheet's values by row and column, with numbers in date formats turned into factory-local minutes. fflate
 * unzips (only the parts read, each inflated into a buffer of its declared size, so a zip bomb cannot take
 * more memory than the limits below allow), saxes parses the XML (ISC, maintained, the parser jsdom uses).
 *
 * Why not exceljs: it loads the whole archive with JSZip, inflating every part without a bound, and pulls in
 * about 190 packages (among them the deprecated unzipper and fstream); its last release was in 2023.
 *
 * What counts: shared strings (rich-text runs joined, phonetic runs left out), inline strings, cached
 * formula results, booleans, errors (as their text, `#N/A`), ISO dates (`t="d"`), numbers, and the 1900
 * and 1904 date systems. Formatting, formulas and merged cells are ignored.
 */
import { unzipSync } from "fflate";
import { SaxesParser } from "saxes";
import type { SaxesTagPlain } from "saxes";
import type { RawCell, RawSheet } from "../../solver/workbook/raw-sheet.ts";
import { TaktError } from "../../src/errors.ts";
import { EXCEL_EPOCH_SERIAL } from "./sheet-xml.ts";
import { MAX_IMPORT_CELLS, MAX_IMPORT_INFLATED_BYTES, MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from "../../src/limits.ts";

/** Days from the 1904 date system's day 0 to the 1900 system's. */
const DATE1904_OFFSET = 1462;

function unreadable(message: string): TaktError {
  return new TaktError("TAKT_ERR_UNREADABLE_FILE", `not a readable XLSX workbook: ${message}`);
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** Parses XML text, calling back with each element's local name and attributes, and text inside the innermost element. */
function parseXml(xml: string, handlers: { open?(name: string, attributes: Record<string, string>): void; text?(text: string): void; close?(name: string): void }): void {
  const parser = new SaxesParser({ xmlns: false });
  parser.on("error", (error) => {
    throw unreadable(error.message);
  });
  if (handlers.open) parser.on("opentag", (tag: SaxesTagPlain) => handlers.open!(localName(tag.name), tag.attributes));
  if (handlers.text) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  if (handlers.close) parser.on("closetag", (tag: SaxesTagPlain) => handlers.close!(localName(tag.name)));
  parser.write(xml).close();
}

/** Excel's `_xHHHH_` escapes (characters XML cannot carry) back to characters. */
export function unescapeText(text: string): string {
  return text.includes("_x") ? text.replace(/_x([0-9a-fA-F]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Text of `<t>` elements inside each `<si>` (or one `<is>`), skipping phonetic runs (`<rPh>`). */
function collectStrings(xml: string, item: string): string[] {
  const strings: string[] = [];
  let current: string | null = null;
  let inText = false;
  let phonetic = 0;
  parseXml(xml, {
    open(name) {
      if (name === item) current = "";
      else if (name === "rPh") phonetic++;
      else if (name === "t") inText = true;
    },
    text(text) {
      if (inText && phonetic === 0 && current !== null) current += text;
    },
    close(name) {
      if (name === item && current !== null) {
        strings.push(unescapeText(current));
        current = null;
      } else if (name === "rPh") phonetic--;
      else if (name === "t") inText = false;
    },
  });
  return strings;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** Whether a number format code shows a date or time: y, m, d, h or s outside quotes, brackets and escapes. */
function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\.|_.|\*./g, "");
  return /[ymdhs]/i.test(bare) && !/^[#0.,%\s]*$/.test(bare);
}

/** For each cell style index (`s`), whether it formats numbers as dates. */
function dateStyles(xml: string | undefined): boolean[] {
  if (xml === undefined) return [];
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  parseXml(xml, {
    open(name, attributes) {
      if (name === "numFmt") custom.set(Number(attributes.numFmtId), attributes.formatCode ?? "");
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "xf" && inCellXfs) {
        const id = Number(attributes.numFmtId ?? 0);
        const code = custom.get(id);
        styles.push(code === undefined ? BUILTIN_DATE_FORMATS.has(id) : isDateFormat(code));
      }
    },
    close(name) {
      if (name === "cellXfs") inCellXfs = false;
    },
  });
  return styles;
}

/** `"BC12"` → [row 11, column 54] (0-based), or null. */
function parseReference(ref: string): [number, number] | null {
  const m = /^([A-Z]{1,3})(\d+)$/.exec(ref);
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!) column = column * 26 + (ch.charCodeAt(0) - 64);
  return [Number(m[2]) - 1, column - 1];
}

interface SheetContext {
  shared: readonly string[];
  dates: readonly boolean[];
  date1904: boolean;
  budget: { cells: number };
}

function readSheet(name: string, xml: string, context: SheetContext): RawSheet {
  const rows: RawCell[][] = [];
  let row = -1;
  let column = -1;
  let type = "n";
  let style = 0;
  let value: string | null = null;
  let inline: string | null = null;
  let inValue = false;
  let inText = false;
  let phonetic = 0;
  parseXml(xml, {
    open(tag, attributes) {
      if (tag === "row") {
        row = attributes.r ? Number(attributes.r) - 1 : row + 1;
        column = -1;
        if (!(row >= 0 && row < MAX_SHEET_ROWS)) throw unreadable(`sheet "${name}" has a row ${attributes.r ?? row + 1} outside 1 … ${MAX_SHEET_ROWS}`);
      } else if (tag === "c") {
        const at = attributes.r ? parseReference(attributes.r) : null;
        column = at ? at[1] : column + 1;
        if (at) row = at[0];
        if (!(column >= 0 && column < MAX_SHEET_COLUMNS)) throw unreadable(`sheet "${name}" has a cell ${attributes.r ?? ""} past column ${MAX_SHEET_COLUMNS}`);
        type = attributes.t ?? "n";
        style = Number(attributes.s ?? 0);
        value = null;
        inline = null;
      } else if (tag === "v") {
        inValue = true;
        value = "";
      } else if (tag === "is") inline = "";
      else if (tag === "rPh") phonetic++;
      else if (tag === "t") inText = true;
    },
    text(text) {
      if (inValue) value += text;
      else if (inText && inline !== null && phonetic === 0) inline += text;
    },
    close(tag) {
      if (tag === "v") inValue = false;
      else if (tag === "t") inText = false;
      else if (tag === "rPh") phonetic--;
      else if (tag === "c") {
        const cell = cellValue(type, value, inline, style, context);
        if (cell === null) return;
        if (--context.budget.cells < 0) throw unreadable(`more than ${MAX_IMPORT_CELLS} filled cells`);
        (rows[row] ??= [])[column] = cell;
      }
    },
  });
  return { name, rows };
}

function cellValue(type: string, value: string | null, inline: string | null, style: number, context: SheetContext): RawCell {
  switch (type) {
    case "s": {
      const text = context.shared[Number(value)];
      if (text === undefined) throw unreadable(`a cell refers to shared string ${value}, which does not exist`);
      return text;
    }
    case "inlineStr":
      return inline === null ? null : unescapeText(inline);
    case "str":
    case "e":
      return value === null ? null : unescapeText(value);
    case "b":
      return value === null ? null : value === "1" || value === "true";
    case "d": {
      const ms = value === null ? NaN : Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
      return Number.isFinite(ms) ? { minutes: Math.round(ms / 60_000) } : value;
    }
    default: {
      if (value === null || value === "") return null;
      const number = Number(value);
      if (!Number.isFinite(number)) return value;
      if (!context.dates[style]) return number;
      const serial = context.date1904 ? number + DATE1904_OFFSET : number;
      return { minutes: Math.round((serial - EXCEL_EPOCH_SERIAL) * 1440) };
    }
  }
}

/** The path of a relationship target, from the folder of the part that names it. */
function resolveTarget(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts: string[] = ["xl"];
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

/** Every sheet of the workbook in tab order, with its cells; throws TAKT_ERR_UNREADABLE_FILE (400) for anything else. */
export function readXlsx(bytes: Uint8Array): RawSheet[] {
  let files: Record<string, Uint8Array>;
  let inflated = 0;
  try {
    files = unzipSync(bytes, {
      filter(file) {
        const wanted = file.name.startsWith("xl/") && /\.(xml|rels)$/.test(file.name);
        if (!wanted) return false;
        inflated += file.originalSize;
        if (inflated > MAX_IMPORT_INFLATED_BYTES) throw unreadable(`it unpacks to more than ${MAX_IMPORT_INFLATED_BYTES} bytes of XML`);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof TaktError) throw error;
    throw unreadable(`not a zip archive (${(error as Error).message})`);
  }
  const text = (name: string) => (files[name] ? Buffer.from(files[name]).toString("utf8") : undefined);
  const workbook = text("xl/workbook.xml");
  if (workbook === undefined) throw unreadable("it has no xl/workbook.xml");
  const targets = new Map<string, string>();
  parseXml(text("xl/_rels/workbook.xml.rels") ?? "<Relationships/>", {
    open(name, attributes) {
      if (name === "Relationship" && attributes.Id && attributes.Target) targets.set(attributes.Id, resolveTarget(attributes.Target));
    },
  });
  const sheets: Array<{ name: string; path: string }> = [];
  let date1904 = false;
  parseXml(workbook, {
    open(name, attributes) {
      if (name === "workbookPr") date1904 = attributes.date1904 === "1" || attributes.date1904 === "true";
      if (name !== "sheet") return;
      const id = attributes["r:id"] ?? Object.entries(attributes).find(([key]) => key.endsWith(":id"))?.[1];
      const path = id === undefined ? undefined : targets.get(id);
      if (attributes.name !== undefined && path !== undefined) sheets.push({ name: attributes.name, path });
    },
  });
  const shared = text("xl/sharedStrings.xml");
  const context: SheetContext = {
    shared: shared === undefined ? [] : collectStrings(shared, "si"),
    dates: dateStyles(text("xl/styles.xml")),
    date1904,
    budget: { cells: MAX_IMPORT_CELLS },
  };
  return sheets.map(({ name, path }) => {
    const xml = text(path);
    if (xml === undefined) throw unreadable(`sheet "${name}" (${path}) is missing`);
    return readSheet(name, xml, context);
  });
}
