/** Sorting and paging of the workbench's long tables (web/views/paged-table.tsx), apart from the component so they are tested alone. */
export const PAGE_SIZE = 100;

const collator = new Intl.Collator(undefined, { numeric: true });

/** The rows sorted by one column (stable: ties keep the given order). */
export function sortRows<R>(rows: readonly R[], value: (row: R) => string | number, descending: boolean): R[] {
  const keyed = rows.map((row, index) => ({ row, index, key: value(row) }));
  keyed.sort((a, b) => {
    const order = typeof a.key === "number" && typeof b.key === "number" ? a.key - b.key : collator.compare(String(a.key), String(b.key));
    return (descending ? -order : order) || a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

/** Rows `from` … `to` − 1 of the page `page` (0-based), clamped to the rows there are. */
export function pageBounds(total: number, page: number, size = PAGE_SIZE): { page: number; from: number; to: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const shown = Math.min(Math.max(0, page), pages - 1);
  return { page: shown, from: shown * size, to: Math.min(total, (shown + 1) * size), pages };
}
