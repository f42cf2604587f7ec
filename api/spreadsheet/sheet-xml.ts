/**
 * One worksheet's XML written as UTF-8 bytes into a reused 1 MiB buffer that is handed on (to the zip's
 * deflate, which copies it) whenever it fills: no string per cell or row. The markup around a value is
 * pre-encoded and whole numbers are written digit by digit, because an MRP plan's records are tens of
 * millions of number cells and building their text as strings cost most of the export's time.
 */
import type { Cell, Column } from "../../solver/export/table.ts";
import { columnLetters } from "../../solver/workbook/cell-map.ts";
import { parseDate, parseDateTime } from "../../src/time.ts";

const encoder = new TextEncoder();
const bytes = (text: string) => encoder.encode(text);

const BUFFER_BYTES = 1 << 20;
/** Date cells are encoded once per distinct date (an MRP plan's 52 bucket dates recur a million times), up to this many. */
const CACHED_DATES = 4096;
/** Excel's limit on the characters in one cell; longer text is cut (and says so). */
export const XLSX_MAX_CELL_CHARS = 32_767;
/** The serial number Excel gives 1970-01-01 (its 1900 date system counts days from 1899-12-30). */
export const EXCEL_EPOCH_SERIAL = 25_569;
/** Cell styles of the workbook's styles part: bold header, date-time, date. */
export const STYLE = { header: 1, dateTime: 2, date: 3 } as const;

const ROW_OPEN = bytes('<row r="');
const TAG_END = bytes('">');
const ROW_CLOSE = bytes("</row>");
const CELL_OPEN = bytes("<c");
const REF_OPEN = bytes(' r="');
const QUOTE = bytes('"');
const NUMBER_OPEN = bytes("><v>");
const NUMBER_CLOSE = bytes("</v></c>");
const ZERO = bytes("<c><v>0</v></c>");
const PLAIN_NUMBER_OPEN = bytes("<c><v>");
const TRUE = bytes(' t="b"><v>1</v></c>');
const FALSE = bytes(' t="b"><v>0</v></c>');
const TEXT_OPEN = bytes(' t="inlineStr"><is><t>');
const TEXT_OPEN_SPACED = bytes(' t="inlineStr"><is><t xml:space="preserve">');
const TEXT_CLOSE = bytes("</t></is></c>");

/**
 * Text as XML character data. Characters XML cannot carry or would change (controls other than tab and
 * newline: a parser turns a return into a newline) and a literal `_xHHHH_` are escaped the way Excel does
 * (`_x000D_`, `_x005F_x…`), so they read back as they were.
 */
export function escapeText(text: string): string {
  // Most text (ids, names) has nothing to escape: one test instead of a replace with a callback.
  // eslint-disable-next-line no-control-regex
  if (!/[&<>\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_x[0-9a-fA-F]{4}_/.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[&<>]|[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_(?=x[0-9a-fA-F]{4}_)/g, (c) => {
    if (c === "&") return "&amp;";
    if (c === "<") return "&lt;";
    if (c === ">") return "&gt;";
    return `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`;
  });
}

export class SheetXml {
  private readonly buffer = new Uint8Array(BUFFER_BYTES);
  private at = 0;
  private readonly letters: Uint8Array[];
  /** A date cell's markup after `<c`, by its column type and text (null: not a date, written as text). */
  private readonly dates = new Map<string, Uint8Array | null>();

  constructor(
    private readonly columns: readonly Column[],
    private readonly out: (chunk: Uint8Array, final: boolean) => void,
  ) {
    this.letters = columns.map((_, c) => bytes(columnLetters(c)));
  }

  private room(n: number): void {
    if (this.at + n > this.buffer.length) this.flush(false);
  }

  flush(final: boolean): void {
    this.out(this.buffer.subarray(0, this.at), final);
    this.at = 0;
  }

  private raw(part: Uint8Array): void {
    const n = part.length;
    this.room(n);
    // A loop beats TypedArray.set on the few bytes of markup most parts are.
    if (n < 32) for (let k = 0; k < n; k++) this.buffer[this.at++] = part[k]!;
    else {
      this.buffer.set(part, this.at);
      this.at += n;
    }
  }

  /** Markup or escaped text, any length. */
  markup(text: string): void {
    if (text.length * 3 > this.buffer.length) {
      this.flush(false);
      this.out(encoder.encode(text), false);
      return;
    }
    this.room(text.length * 3);
    this.at += encoder.encodeInto(text, this.buffer.subarray(this.at)).written;
  }

  /** Text known to be ASCII: a number's shortest round-trip form. */
  private ascii(text: string): void {
    this.room(text.length);
    for (let k = 0; k < text.length; k++) this.buffer[this.at++] = text.charCodeAt(k);
  }

  private unsigned(n: number): void {
    this.room(16);
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) digits++;
    for (let k = this.at + digits - 1, x = n; k >= this.at; k--, x = Math.floor(x / 10)) this.buffer[k] = 48 + (x % 10);
    this.at += digits;
  }

  private number(value: number): void {
    if (Number.isInteger(value) && value >= 0 && value < 1e15) this.unsigned(value);
    else this.ascii(String(value));
  }

  private openCell(c: number, row: number, referenced: boolean): void {
    this.raw(CELL_OPEN);
    if (!referenced) return;
    this.raw(REF_OPEN);
    this.raw(this.letters[c]!);
    this.unsigned(row);
    this.raw(QUOTE);
  }

  private text(value: string, c: number, row: number, referenced: boolean): void {
    const clipped = value.length > XLSX_MAX_CELL_CHARS ? `${value.slice(0, XLSX_MAX_CELL_CHARS - 24)}… (cut: Excel's limit)` : value;
    this.openCell(c, row, referenced);
    this.raw(/^\s|\s$/.test(clipped) ? TEXT_OPEN_SPACED : TEXT_OPEN);
    this.markup(escapeText(clipped));
    this.raw(TEXT_CLOSE);
  }

  /** A date cell's markup after `<c`, or null when the text is no date. */
  private date(value: string, type: Column["type"]): Uint8Array | null {
    const key = type === "date" ? value : `T${value}`;
    let markup = this.dates.get(key);
    if (markup === undefined) {
      const minutes = parseDateTime(value) ?? parseDate(value);
      const style = type === "date" && parseDate(value) !== null ? STYLE.date : STYLE.dateTime;
      markup = minutes === null ? null : encoder.encode(` s="${style}"><v>${minutes / 1440 + EXCEL_EPOCH_SERIAL}</v></c>`);
      if (this.dates.size >= CACHED_DATES) this.dates.clear();
      this.dates.set(key, markup);
    }
    return markup;
  }

  /** Writes one cell; false when there is nothing to write (an empty cell: the next one then needs its reference). */
  private cell(value: Cell | undefined, type: Column["type"], c: number, row: number, referenced: boolean): boolean {
    if (typeof value === "number") {
      if (!Number.isFinite(value)) return false;
      if (value === 0 && !referenced) {
        this.raw(ZERO);
        return true;
      }
      this.openCell(c, row, referenced);
      this.raw(NUMBER_OPEN);
      this.number(value);
      this.raw(NUMBER_CLOSE);
      return true;
    }
    if (typeof value === "boolean") {
      this.openCell(c, row, referenced);
      this.raw(value ? TRUE : FALSE);
      return true;
    }
    if (typeof value !== "string" || value === "") return false;
    const date = type === "datetime" || type === "date" ? this.date(value, type) : null;
    if (date === null) this.text(value, c, row, referenced);
    else {
      this.openCell(c, row, referenced);
      this.raw(date);
    }
    return true;
  }

  /** A row of cells in the columns' order; after an empty cell the others carry their reference. */
  row(rowNumber: number, cells: readonly Cell[]): void {
    this.raw(ROW_OPEN);
    this.unsigned(rowNumber);
    this.raw(TAG_END);
    let skipped = false;
    for (let c = 0; c < this.columns.length; c++) {
      const value = cells[c];
      // The common case inline: a number cell at its place (an MRP record row is 52 of them).
      if (!skipped && typeof value === "number" && Number.isFinite(value)) {
        if (value === 0) this.raw(ZERO);
        else {
          this.raw(PLAIN_NUMBER_OPEN);
          this.number(value);
          this.raw(NUMBER_CLOSE);
        }
      } else skipped = !this.cell(value, this.columns[c]!.type, c, rowNumber, skipped) || skipped;
    }
    this.raw(ROW_CLOSE);
  }

  /** The bold header row, row 1. */
  header(): void {
    this.raw(ROW_OPEN);
    this.unsigned(1);
    this.raw(TAG_END);
    this.columns.forEach((column) => {
      this.markup(`<c s="${STYLE.header}"`);
      this.raw(/^\s|\s$/.test(column.name) ? TEXT_OPEN_SPACED : TEXT_OPEN);
      this.markup(escapeText(column.name));
      this.raw(TEXT_CLOSE);
    });
    this.raw(ROW_CLOSE);
  }
}
