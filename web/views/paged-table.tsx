/**
 * A sortable table shown a page at a time: an MRP answer of 10,000 planned orders stays responsive because
 * the page holds at most PAGE_SIZE rows (sorting 10,000 rows takes milliseconds; laying out 10,000 table
 * rows takes seconds). Filtering is the view's: it hands over the rows to show. Headers are buttons (sort,
 * again to reverse), the pager is two buttons, so the keyboard reaches both.
 */
import type { ComponentChildren } from "preact";
import { useMemo, useState } from "preact/hooks";
import { formatNumber } from "../format.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import { pageBounds, sortRows } from "./table-rows.ts";

export interface Column<R> {
  label: MessageKey;
  /** What the column sorts by. */
  value(row: R): string | number;
  /** The cell's content; default the value (numbers formatted). */
  render?(row: R): ComponentChildren;
  numeric?: boolean;
}

export interface Sort {
  column: number;
  descending: boolean;
}

export function PagedTable<R>({
  t,
  rows,
  columns,
  rowKey,
  rowAttributes,
  testId,
  label,
  initialSort = null,
}: {
  t: Translate;
  rows: readonly R[];
  columns: ReadonlyArray<Column<R>>;
  rowKey(row: R): string;
  rowAttributes?(row: R): Record<string, string | undefined>;
  testId: string;
  /** What the table holds, for screen readers (the scrolling box is a labelled region). */
  label: string;
  initialSort?: Sort | null;
}) {
  const [sort, setSort] = useState<Sort | null>(initialSort);
  // The page belongs to the rows it was chosen for: other rows (a new filter, a new answer) start at the first,
  // in the same render, so no control shows a page that is about to change.
  const [paging, setPaging] = useState({ rows, page: 0 });
  const page = paging.rows === rows ? paging.page : 0;
  const setPage = (next: number) => setPaging({ rows, page: next });
  const sorted = useMemo(() => (sort ? sortRows(rows, columns[sort.column]!.value, sort.descending) : rows), [rows, sort]);
  const bounds = pageBounds(sorted.length, page);
  const shown = sorted.slice(bounds.from, bounds.to);
  return (
    <>
      {/* A labelled region; browsers make a scrolling box keyboard-focusable themselves (Chrome 130+, Firefox). */}
      <section class="table-scroll paged-scroll" aria-label={label}>
        <table data-testid={testId}>
          <thead>
            <tr>
              {columns.map((column, index) => (
                <th key={column.label} class={column.numeric ? "num" : undefined} aria-sort={sort?.column === index ? (sort.descending ? "descending" : "ascending") : "none"}>
                  <button type="button" class="sort" onClick={() => {
                      setSort({ column: index, descending: sort?.column === index ? !sort.descending : false });
                      setPage(0);
                    }}>
                    {t(column.label)} {sort?.column === index ? (sort.descending ? "▼" : "▲") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={rowKey(row)} {...(rowAttributes?.(row) ?? {})}>
                {columns.map((column) => {
                  const value = column.value(row);
                  return (
                    <td key={column.label} class={column.numeric ? "num" : undefined}>
                      {column.render ? column.render(row) : typeof value === "number" ? formatNumber(value, t.lang, 2) : value}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {sorted.length === 0 ? (
        <p class="muted">{t("table.none")}</p>
      ) : (
        <div class="pager" data-testid={`${testId}-pager`}>
          <button type="button" data-testid={`${testId}-previous`} disabled={bounds.page === 0} onClick={() => setPage(bounds.page - 1)}>
            ← {t("table.previous")}
          </button>
          <span role="status">{t("table.rows", { from: formatNumber(bounds.from + 1, t.lang), to: formatNumber(bounds.to, t.lang), total: formatNumber(sorted.length, t.lang) })}</span>
          <button type="button" data-testid={`${testId}-next`} disabled={bounds.page >= bounds.pages - 1} onClick={() => setPage(bounds.page + 1)}>
            {t("table.next")} →
          </button>
        </div>
      )}
    </>
  );
}
