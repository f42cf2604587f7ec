/**
 * Cell references (`orders!B7`) and the map from the model's JSON paths back to the cells they came from, so
 * that every problem the model's checks find — by JSON path, as for a JSON request — names its cell.
 */
import type { Problem } from "../../src/problem.ts";
import { formatPath } from "../../src/problem.ts";

/** Column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** `sheet!A1`, the sheet name quoted as Excel quotes it when it has spaces or punctuation. */
export function cellReference(sheet: string, column: number, row: number): string {
  const name = /^[\p{L}\p{N}_.]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return `${name}!${columnLetters(column)}${row}`;
}

/** The parent of a formatted path: `a[1].b` → `a[1]` → `a`; null for a top-level key. */
function parentPath(path: string): string | null {
  const cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
  return cut <= 0 ? null : path.slice(0, cut);
}

export class CellMap {
  private readonly cells = new Map<string, string>();

  set(path: ReadonlyArray<PropertyKey>, cell: string): void {
    this.cells.set(formatPath(path), cell);
  }

  /** Sets the cell of a path that has none yet (the first row that gives a part of an object). */
  setIfAbsent(path: ReadonlyArray<PropertyKey>, cell: string): void {
    const key = formatPath(path);
    if (!this.cells.has(key)) this.cells.set(key, cell);
  }

  /** The cell of a path, or of its nearest ancestor that has one (a row for a missing field, a sheet for a list). */
  locate(path: string): string | undefined {
    for (let p: string | null = path; p !== null; p = parentPath(p)) {
      const cell = this.cells.get(p);
      if (cell !== undefined) return cell;
    }
    return undefined;
  }

  /** A problem at a JSON path as one at its cell (the path itself when no cell holds it: a setting never given). */
  toCell(problem: Problem): Problem {
    const cell = this.locate(problem.path);
    return cell === undefined ? problem : { path: cell, message: problem.message };
  }
}
