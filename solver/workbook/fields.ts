/**
 * The columns of the planners' workbook (issue 18): each sheet's fields with their type, the Chinese headers
 * accepted for them and a description in both languages (the template's guide sheet prints them), and the
 * conversion of a cell into the model's JSON value. Dates and times are factory-local: a date cell or text
 * `YYYY-MM-DD`, `YYYY-MM-DD HH:mm`, `YYYY-MM-DDTHH:mm` (also with `/` and one-digit months, days and hours,
 * as Chinese Excel writes them); numbers are numeric cells or numeric text.
 */
import { formatDate, formatDateTime, MINUTES_PER_DAY } from "../../src/time.ts";
import type { ColumnType } from "../export/table.ts";
import type { RawCell } from "./raw-sheet.ts";

/** `list`: values separated by `,` `|` `，` `、`; `breaks`: `10:00-10:30; 18:00-18:30`. */
export type FieldType = "text" | "number" | "integer" | "boolean" | "date" | "datetime" | "time" | "list" | "breaks";

export interface FieldSpec {
  /** The column's name: the model's field name. */
  readonly key: string;
  readonly type: FieldType;
  /** A row without it is an error (when the sheet has rows). */
  readonly required?: boolean;
  /** Chinese headers accepted for the column; the first is the one the template shows. */
  readonly zh: readonly string[];
  readonly en: string;
  readonly zhDescription: string;
}

export interface SheetSpec {
  readonly name: string;
  /** Chinese sheet names accepted. */
  readonly zh: readonly string[];
  readonly en: string;
  readonly zhDescription: string;
  readonly fields: readonly FieldSpec[];
}

/** Shorthand for a field: `field("quantity", "number", ["数量"], "…", "…", true)`. */
export function field(key: string, type: FieldType, zh: readonly string[], en: string, zhDescription: string, required = false): FieldSpec {
  return { key, type, zh, en, zhDescription, ...(required ? { required } : {}) };
}

/** How a field's values are written in exports. */
export function columnType(type: FieldType): ColumnType {
  if (type === "integer") return "number";
  if (type === "number" || type === "boolean" || type === "date" || type === "datetime") return type;
  return "text";
}

/** Header or sheet name as compared: width-folded (NFKC: `（分）` is `(分)`), without spaces, lower case. */
export function normalizeName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

export type Converted = { value: unknown } | { error: string } | null;

const NUMBER_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DATE_TEXT_RE = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const TIME_TEXT_RE = /^(\d{1,2}):(\d{2})(?::\d{2})?$/;
const TRUE = new Set(["true", "yes", "y", "1", "是", "真", "x", "✓"]);
const FALSE = new Set(["false", "no", "n", "0", "否", "假"]);

const pad = (n: number) => String(n).padStart(2, "0");

/** A date or date-time text → minutes since the epoch (null when it is not one), and whether it had a time. */
function parseDateText(text: string): { minutes: number; hasTime: boolean } | null {
  const m = DATE_TEXT_RE.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute] = [Number(m[4] ?? 0), Number(m[5] ?? 0)];
  const d = new Date(Date.UTC(year, month - 1, day, hour, minute));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  return { minutes: d.getTime() / 60_000, hasTime: m[4] !== undefined };
}

function describe(cell: RawCell): string {
  return typeof cell === "object" && cell !== null ? `the date ${formatDateTime(cell.minutes).replace("T", " ")}` : JSON.stringify(cell);
}

/** A time of day from minutes after midnight (a time cell, or the fraction of a day Excel stores). */
function timeOfDay(minutes: number): string {
  const m = ((Math.round(minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** Text with the `'` a CSV export puts before `=`, `+`, `-`, `@` (formula protection) taken off. */
function plainText(text: string): string {
  return /^'[=+\-@\t\r\uFF1D]/.test(text) ? text.slice(1) : text;
}

/** Text of a cell: text trimmed, numbers as written, dates as the model writes them. */
export function cellText(cell: RawCell): string {
  if (typeof cell === "string") return plainText(cell).trim();
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  if (cell === null) return "";
  return cell.minutes % MINUTES_PER_DAY === 0 ? formatDate(cell.minutes) : formatDateTime(cell.minutes);
}

/**
 * A cell as the field's JSON value: null when empty, else the value or why it is not one. The value's
 * finer rules (positive, an integer, a known enum value, a real time of day) are the model schema's.
 */
export function convertCell(cell: RawCell | undefined, type: FieldType): Converted {
  if (cell === undefined || cell === null) return null;
  const text = cellText(cell);
  if (text === "") return null;
  switch (type) {
    case "text":
      return { value: text };
    case "list":
      return { value: text.split(/[,|，、]/).map((s) => s.trim()).filter((s) => s !== "") };
    case "breaks":
      return convertBreaks(text);
    case "number":
    case "integer":
      if (typeof cell === "number") return { value: cell };
      return typeof cell === "string" && NUMBER_RE.test(text) ? { value: Number(text) } : { error: `expected a number, got ${describe(cell)}` };
    case "boolean": {
      if (typeof cell === "boolean") return { value: cell };
      const word = text.toLowerCase();
      if (TRUE.has(word)) return { value: true };
      if (FALSE.has(word)) return { value: false };
      return { error: `expected true or false (是/否), got ${describe(cell)}` };
    }
    case "date": {
      const at = typeof cell === "object" ? { minutes: cell.minutes, hasTime: cell.minutes % MINUTES_PER_DAY !== 0 } : parseDateText(text);
      if (at === null || at.hasTime) return { error: `expected a date YYYY-MM-DD, got ${describe(cell)}` };
      return { value: formatDate(at.minutes) };
    }
    case "datetime": {
      // A date alone (a date cell, or text without a time) is its midnight.
      const at = typeof cell === "object" ? { minutes: cell.minutes } : parseDateText(text);
      return at === null ? { error: `expected a date and time YYYY-MM-DD HH:mm, got ${describe(cell)}` } : { value: formatDateTime(at.minutes) };
    }
    case "time": {
      if (typeof cell === "object") return { value: timeOfDay(cell.minutes) };
      if (typeof cell === "number") return cell >= 0 && cell <= 1 ? { value: cell === 1 ? "24:00" : timeOfDay(cell * MINUTES_PER_DAY) } : { error: `expected a time HH:mm, got ${describe(cell)}` };
      const m = TIME_TEXT_RE.exec(text);
      return m ? { value: `${pad(Number(m[1]))}:${m[2]}` } : { error: `expected a time HH:mm, got ${describe(cell)}` };
    }
  }
}

/** `10:00-10:30; 18:00-18:30` → breaks. */
function convertBreaks(text: string): Converted {
  const breaks: Array<{ start: string; end: string }> = [];
  for (const part of text.split(/[;；,，\n]/).map((s) => s.trim()).filter((s) => s !== "")) {
    const m = /^(\d{1,2}:\d{2})\s*[-–~～至]\s*(\d{1,2}:\d{2})$/.exec(part);
    if (!m) return { error: `expected breaks like "10:00-10:30; 18:00-18:30", got ${JSON.stringify(text)}` };
    breaks.push({ start: m[1]!.padStart(5, "0"), end: m[2]!.padStart(5, "0") });
  }
  return { value: breaks };
}

/** Breaks as the breaks column writes them. */
export function breaksText(breaks: ReadonlyArray<{ start: string; end: string }>): string {
  return breaks.map((b) => `${b.start}-${b.end}`).join("; ");
}
