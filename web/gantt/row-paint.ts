/**
 * One Gantt row drawn as a handful of paths instead of an element per bar: the row's bars in the visible
 * window become rectangles grouped by how they are painted (the state's colour, dimmed or not, setup,
 * changeover, the highlighted chain's outline). A canvas then fills each group in one call, so drawing and
 * panning cost in proportion to the bars in view, with a few elements per row at any plan size.
 */
import type { BarState, GanttBar } from "./gantt-model.ts";
import { firstEndingAfter } from "./gantt-model.ts";

/** How a group of rectangles is painted. */
export type Paint = BarState | `dim-${BarState}` | "setup" | "changeover" | "outline";

/** Rectangles as flat [x, y, width, height, …] in pixels, per paint. */
export type RowPaint = Map<Paint, number[]>;

/**
 * The rectangles of `bars` (one unit's, sorted by start) inside [from, to) minutes, mapped to pixels by
 * `toX`, between `top` and `top + height`. Bars are at least a pixel wide; setup and changeover parts
 * narrower than a pixel are left out (the bar alone draws the same picture). With a highlighted order,
 * every other bar is dimmed and the order's bars are outlined.
 */
export function paintRow(
  bars: ReadonlyArray<GanttBar>,
  window: { from: number; to: number },
  toX: (minute: number) => number,
  box: { top: number; height: number },
  highlight: string | null,
): RowPaint {
  const paint: RowPaint = new Map();
  const add = (key: Paint, x0: number, x1: number) => {
    let rects = paint.get(key);
    if (!rects) paint.set(key, (rects = []));
    rects.push(x0, box.top, Math.max(x1 - x0, 1), box.height);
  };
  for (let i = firstEndingAfter(bars, window.from); i < bars.length && bars[i]!.start < window.to; i++) {
    const bar = bars[i]!;
    const x0 = toX(bar.start);
    const x1 = toX(bar.end);
    const dimmed = highlight !== null && bar.order !== highlight;
    add(dimmed ? `dim-${bar.state}` : bar.state, x0, x1);
    if (highlight !== null && !dimmed) add("outline", x0, x1);
    if (dimmed || bar.setupEnd <= bar.start) continue;
    const setupX = toX(bar.setupEnd);
    if (setupX - x0 < 1) continue;
    const changeoverX = toX(bar.changeoverEnd);
    if (changeoverX - x0 >= 1) add("changeover", x0, changeoverX);
    if (setupX - changeoverX >= 1) add("setup", changeoverX, setupX);
  }
  return paint;
}
