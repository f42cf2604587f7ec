/**
 * The cause of a late order in words. Issue 14's `cause` ({ kind, resource?, item?, availableAt? }) when the
 * answer has it, else the resource the order waited on longest (`heldBy`); a cause kind this page does not
 * know yet is shown by its name with whatever it names.
 */
import type { Translate } from "./i18n.ts";
import type { PlanOrder } from "./model.ts";
import { formatDateTime } from "./format.ts";

const KNOWN = {
  material: "cause.material",
  capacity: "cause.capacity",
  changeover: "cause.changeover",
  release: "cause.release",
  calendar: "cause.calendar",
  engineering: "cause.engineering",
  progress: "cause.progress",
} as const;

/** The words for why `order` is late, or null for an order on time; an order left out says why (issue 16's rules). */
export function lateCause(order: PlanOrder, t: Translate): string | null {
  if (order.onTime && order.status !== "unplannable") return null;
  if (order.reason !== undefined) return order.reason;
  const cause = order.cause;
  if (cause) {
    const key = KNOWN[cause.kind as keyof typeof KNOWN];
    const params = { resource: cause.resource ?? "", item: cause.item ?? "", availableAt: formatDateTime(cause.availableAt, t.lang) };
    const what = [cause.resource, cause.item].filter(Boolean).join(", ");
    const base = key ? t(key, params) : `${cause.kind}${what ? `: ${what}` : ""}`;
    return cause.availableAt && key !== "cause.release" && key !== "cause.material" ? `${base} (${t("cause.until", params)})` : base;
  }
  if (order.heldBy) return t("cause.heldBy", { resource: order.heldBy });
  return t("cause.unknown");
}
