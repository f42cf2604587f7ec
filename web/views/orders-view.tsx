/**
 * Orders against the plan: the order fulfilment rate (订单达成率) on top, then every order's due date,
 * completion, lateness, priority and customer, and the cause of each late one; filter and sort.
 */
import { useMemo, useState } from "preact/hooks";
import { lateCause } from "../cause.ts";
import { formatDateTime, formatDuration, formatShare } from "../format.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import { ordersById } from "../model.ts";
import { useAppState } from "../store.ts";
import { NeedsPlant } from "./needs-plant.tsx";

interface Row {
  id: string;
  customer: string;
  item: string;
  quantity: number;
  priority: number;
  due: string;
  completion: string;
  lateMinutes: number;
  late: boolean;
  /** Completed by due − the due-date buffer (issue 16); null when the plan does not say. */
  bufferKept: boolean | null;
  status: string;
  cause: string | null;
}

const COLUMNS: ReadonlyArray<readonly [keyof Row, MessageKey]> = [
  ["id", "orders.order"],
  ["customer", "orders.customer"],
  ["item", "orders.item"],
  ["quantity", "orders.quantity"],
  ["priority", "orders.priority"],
  ["due", "orders.due"],
  ["completion", "orders.completion"],
  ["lateMinutes", "orders.lateness"],
  ["bufferKept", "orders.bufferKept"],
  ["cause", "orders.cause"],
];

type Filter = "all" | "late" | "on-time";

export function OrdersView({ t }: { t: Translate }) {
  const state = useAppState();
  const [filter, setFilter] = useState<Filter>("all");
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<{ key: keyof Row; descending: boolean }>({ key: "lateMinutes", descending: true });
  const plant = state.plant?.model;
  const plan = state.plan;

  const rows = useMemo<Row[]>(() => {
    if (!plant || !plan) return [];
    const orders = ordersById(plant);
    return plan.orders.map((o) => {
      const order = orders.get(o.id);
      const unplannable = o.status === "unplannable";
      return {
        id: o.id,
        customer: order?.customer ?? "",
        item: order?.item ?? "",
        quantity: order?.quantity ?? 0,
        priority: order?.priority ?? 3,
        due: o.due,
        completion: unplannable ? "" : (o.completion ?? ""),
        lateMinutes: o.lateMinutes,
        late: !o.onTime || unplannable,
        bufferKept: o.bufferKept ?? null,
        status: unplannable ? "unplannable" : o.onTime ? "on-time" : "late",
        cause: lateCause(o, t),
      };
    });
  }, [plant, plan, t.lang]);

  if (!plant) return <NeedsPlant t={t} />;
  if (!plan) return <p class="card">{t("plan.none")}</p>;

  const needle = search.trim().toLowerCase();
  const shown = rows
    .filter((r) => filter === "all" || (filter === "late" ? r.late : !r.late))
    .filter((r) => !needle || [r.id, r.customer, r.item, r.cause ?? ""].some((text) => text.toLowerCase().includes(needle)))
    .sort((a, b) => {
      const [x, y] = [a[sort.key], b[sort.key]];
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x ?? "").localeCompare(String(y ?? ""));
      return (sort.descending ? -order : order) || a.id.localeCompare(b.id);
    });
  const late = rows.filter((r) => r.late).length;

  return (
    <section aria-labelledby="orders-title">
      <h2 id="orders-title">{t("orders.title")}</h2>
      <div class="headline">
        <div class="big-number" data-testid="on-time-rate">
          <span class="label">{t("orders.onTimeRate")}</span>
          <span class="value">{formatShare(plan.kpis?.onTimeRate ?? (rows.length ? (rows.length - late) / rows.length : 1))}</span>
        </div>
        <p>{t("orders.summary", { total: rows.length, late, onTime: rows.length - late })}</p>
      </div>
      <div class="toolbar">
        <label>
          {t("orders.show")}{" "}
          <select value={filter} data-testid="orders-filter" onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value as Filter)}>
            <option value="all">{t("orders.all")}</option>
            <option value="late">{t("orders.lateOnly")}</option>
            <option value="on-time">{t("orders.onTimeOnly")}</option>
          </select>
        </label>
        <label>
          {t("orders.search")} <input type="search" value={search} onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)} />
        </label>
      </div>
      <div class="table-scroll">
        <table data-testid="orders-table">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th key={key} aria-sort={sort.key === key ? (sort.descending ? "descending" : "ascending") : "none"}>
                  <button type="button" class="sort" onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : key === "lateMinutes" })}>
                    {t(label)} {sort.key === key ? (sort.descending ? "▼" : "▲") : ""}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.id} data-order={r.id} data-late={String(r.late)} class={r.late ? "late" : undefined}>
                <td>
                  <b>{r.id}</b>
                </td>
                <td>{r.customer}</td>
                <td>{r.item}</td>
                <td class="num">{r.quantity}</td>
                <td class="num">{r.priority}</td>
                <td>{formatDateTime(r.due, t.lang)}</td>
                <td>{r.status === "unplannable" ? t("orders.unplannable") : formatDateTime(r.completion, t.lang)}</td>
                <td class="num">{r.late ? <span class="bad">{formatDuration(r.lateMinutes, t.lang)}</span> : <span class="ok">{t("state.onTime")}</span>}</td>
                <td data-testid="buffer-kept">{r.bufferKept === null ? "" : r.bufferKept ? <span class="ok">✓</span> : <span class="bad">✗</span>}</td>
                <td data-testid={r.cause ? "order-cause" : undefined}>{r.cause ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {shown.length === 0 && <p class="muted">{t("orders.noneShown")}</p>}
    </section>
  );
}
