/**
 * What hovering a Gantt bar says: order, operation (and its part, when split), customer, where and when, item
 * and quantity (the part's, of the order's), setup, state.
 */
import { formatDuration, formatMs } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Plan, Plant } from "../model.ts";
import { ordersById } from "../model.ts";
import type { GanttBar, GanttModel, GanttRow } from "./gantt-model.ts";

export const STATE_LABELS = { "on-time": "state.onTime", late: "state.late", running: "state.running", frozen: "state.frozen", other: "state.other" } as const;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function rowLabel(row: GanttRow): string {
  return row.units > 1 ? `${row.resource} · ${row.unit + 1}` : row.resource;
}

const ordersOf = new WeakMap<Plant, ReturnType<typeof ordersById>>();

/** The tooltip's HTML, every text from the plan escaped. */
export function barTooltip(bar: GanttBar, model: GanttModel, plan: Plan, plant: Plant, t: Translate): string {
  let orders = ordersOf.get(plant);
  if (!orders) ordersOf.set(plant, (orders = ordersById(plant)));
  const op = plan.operations[bar.index]!;
  const order = orders.get(op.order);
  const minute = 60_000;
  const split = op.quantity !== undefined && order !== undefined && op.quantity !== order.quantity;
  const part = split ? ` · ${t("gantt.part", { part: (op.part ?? 0) + 1 })}` : "";
  const quantity = split ? t("gantt.partQuantity", { quantity: op.quantity!, of: order.quantity }) : String(order?.quantity ?? "");
  return [
    `<b>${escapeHtml(op.order)}</b> · ${escapeHtml(op.operation)}${part}${order?.customer ? ` · ${escapeHtml(order.customer)}` : ""}`,
    `${escapeHtml(rowLabel(model.rows[bar.row]!))}: ${formatMs(bar.start * minute, t.lang)} → ${formatMs(bar.end * minute, t.lang)}`,
    ...(order ? [`${t("orders.item")}: ${escapeHtml(order.item)} · ${t("orders.quantity")}: ${quantity}`] : []),
    `${t("gantt.setup")}: ${formatDuration(op.setupMinutes, t.lang)}${op.changeoverMinutes > 0 ? ` (${t("gantt.changeover")} ${formatDuration(op.changeoverMinutes, t.lang)})` : ""}`,
    `${t("gantt.state")}: ${t(STATE_LABELS[bar.state])}${bar.state === "other" ? ` (${escapeHtml(op.state)})` : ""}`,
  ].join("<br>");
}
