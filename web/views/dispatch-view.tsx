/**
 * The dispatch list (生产计划表): the plan's operations per resource, unit and shift, in sequence, from
 * solver/export/dispatch-list.ts (the rows the spreadsheet export writes too). Printable on A4 (the print
 * stylesheet leaves only the list), downloadable as CSV, and marked where it changed since the list issued
 * to the shop last.
 */
import { useMemo, useState } from "preact/hooks";
import type { ScheduledOperation } from "../../src/schedule.ts";
import type { DispatchRow } from "../../solver/export/dispatch-list.ts";
import { dispatchList } from "../../solver/export/dispatch-list.ts";
import { changesSinceIssued, dispatchRowKey } from "../dispatch-changes.ts";
import { ApiError, downloadFile, XLSX_MEDIA_TYPE } from "../api.ts";
import { formatDateTime, formatMs, localMs } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Plan, Plant } from "../model.ts";
import { parseFactory } from "../model.ts";
import { ErrorBox } from "./job-progress.tsx";
import { update, useAppState } from "../store.ts";
import { NeedsPlant } from "./needs-plant.tsx";

/**
 * The plan as a spreadsheet from POST /v1/export (issue 18), which writes the same dispatch rows: CSV (the
 * dispatch list) or a workbook (dispatch list, orders, and a rush insertion's options).
 */
function exportPlan(plant: Plant, plan: Plan, format: "csv" | "xlsx"): Promise<void> {
  const answer =
    plan.source.kind === "rush"
      ? { answer: plan.source.answer, option: plan.source.option }
      : { answer: { status: plan.status, ...(plan.reason ? { reason: plan.reason } : {}), operations: plan.operations, orders: plan.orders, kpis: plan.kpis, solver: plan.solver } };
  const accept = format === "csv" ? "text/csv" : XLSX_MEDIA_TYPE;
  return downloadFile("/v1/export", { ...answer, model: plant }, accept, `dispatch.${format}`);
}

/** A time on the shift's own day as the clock reads it; on another day with its date. */
function shiftTime(time: string, shiftDate: string, t: Translate): string {
  return time.startsWith(shiftDate) ? time.slice(11) : formatDateTime(time, t.lang);
}

export function DispatchView({ t }: { t: Translate }) {
  const state = useAppState();
  const plant = state.plant?.model;
  const plan = state.plan;
  const factory = useMemo(() => (plant ? parseFactory(plant) : null), [plant]);
  const rows = useMemo(() => (factory && plan ? dispatchList(factory, { operations: plan.operations as unknown as ScheduledOperation[] }) : []), [factory, plan]);
  const dates = useMemo(() => [...new Set(rows.map((r) => r.shiftDate))].sort(), [rows]);
  const [date, setDate] = useState<string | null>(null);
  const [resource, setResource] = useState("");
  const [exportError, setExportError] = useState<ApiError | null>(null);
  const issued = state.issued;
  const { changes, removed } = useMemo(() => changesSinceIssued(rows, issued?.rows ?? [], plan?.changes), [rows, issued, plan]);
  const marked = issued !== null || plan?.changes !== undefined;
  if (!plant) return <NeedsPlant t={t} />;
  if (!plan) return <p class="card">{t("plan.none")}</p>;

  const day = date ?? dates[0] ?? "";
  const shown = rows.filter((r) => (day === "" || r.shiftDate === day) && (resource === "" || r.resource === resource));
  const groups: DispatchRow[][] = [];
  for (const row of shown) {
    const last = groups.at(-1)?.[0];
    if (last && last.resource === row.resource && last.unit === row.unit && last.shiftDate === row.shiftDate && last.shift === row.shift) groups.at(-1)!.push(row);
    else groups.push([row]);
  }
  const units = new Map((factory?.resources ?? []).map((r) => [r.id, r.units]));

  return (
    <section aria-labelledby="dispatch-title" class="dispatch">
      <h2 id="dispatch-title">{t("dispatch.title")}</h2>
      <p class="print-only">{t("dispatch.printedFor", { plant: plant.name ?? state.plant!.source, at: new Date().toLocaleString(t.lang === "zh" ? "zh-CN" : "en-GB") })}</p>
      <div class="toolbar no-print">
        <label>
          {t("dispatch.date")}{" "}
          <select value={day} data-testid="dispatch-date" onChange={(e) => setDate((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("dispatch.allDates")}</option>
            {dates.map((d) => (
              <option key={d} value={d}>
                {formatMs(localMs(`${d}T00:00`), t.lang, "date")}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("load.resource")}{" "}
          <select value={resource} data-testid="dispatch-resource" onChange={(e) => setResource((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("dispatch.allResources")}</option>
            {[...new Set(rows.map((r) => r.resource))].map((id) => (
              <option key={id}>{id}</option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => print()}>
          {t("dispatch.print")}
        </button>
        {(["csv", "xlsx"] as const).map((format) => (
          <button
            type="button"
            key={format}
            data-testid={`dispatch-${format}`}
            onClick={() => {
              setExportError(null);
              exportPlan(plant, plan, format).catch((error: unknown) => setExportError(error instanceof ApiError ? error : new ApiError(0, "NETWORK", String(error))));
            }}
          >
            {t(format === "csv" ? "dispatch.csv" : "dispatch.xlsx")}
          </button>
        ))}
        <button type="button" class="primary" data-testid="dispatch-issue" onClick={() => update({ issued: { at: new Date().toISOString(), rows, operations: plan.operations } })}>
          {t("dispatch.issue")}
        </button>
      </div>
      {exportError && <ErrorBox error={exportError} t={t} />}
      <p role="status">
        {issued ? t("dispatch.issued", { at: new Date(issued.at).toLocaleString(t.lang === "zh" ? "zh-CN" : "en-GB") }) : t("dispatch.notIssued")}
        {plan.changes ? ` ${t("dispatch.serverChanges", { count: plan.changes.count })}` : issued && ` ${t("dispatch.changedCount", { count: changes.size, removed })}`}
      </p>
      <div data-testid="dispatch-list">
        {groups.map((group) => {
          const first = group[0]!;
          return (
            <table class="dispatch-group" key={`${first.resource}-${first.unit}-${first.shiftDate}-${first.shift}`}>
              <caption>
                <b>
                  {first.resource}
                  {(units.get(first.resource) ?? 1) > 1 ? ` · ${first.unit + 1}` : ""}
                </b>{" "}
                · {formatMs(localMs(`${first.shiftDate}T00:00`), t.lang, "date")} · {first.shift ? t("dispatch.shift", { shift: first.shift }) : t("dispatch.noShift")}
              </caption>
              <thead>
                <tr>
                  <th>{t("dispatch.sequence")}</th>
                  <th>{t("orders.order")}</th>
                  <th>{t("dispatch.operation")}</th>
                  <th>{t("orders.item")}</th>
                  <th>{t("orders.quantity")}</th>
                  <th>{t("dispatch.start")}</th>
                  <th>{t("dispatch.end")}</th>
                  <th>{t("dispatch.setup")}</th>
                  <th>{t("dispatch.changeover")}</th>
                  <th>{t("dispatch.changed")}</th>
                </tr>
              </thead>
              <tbody>
                {group.map((row) => {
                  const change = changes.get(dispatchRowKey(row));
                  return (
                    <tr key={dispatchRowKey(row)} data-order={row.order} data-operation={row.operation} data-changed={marked && change ? change : undefined} class={marked && change ? "changed" : undefined}>
                      <td class="num">{row.sequence}</td>
                      <td>{row.order}</td>
                      <td>{row.operation}</td>
                      <td>{row.item}</td>
                      <td class="num">{row.quantity ?? ""}</td>
                      <td>{shiftTime(row.start, row.shiftDate, t)}</td>
                      <td>{shiftTime(row.end, row.shiftDate, t)}</td>
                      <td class="num">{row.setupMinutes}</td>
                      <td class="num">{row.changeoverMinutes}</td>
                      <td>{marked && change ? `● ${t(change === "new" ? "dispatch.new" : "dispatch.moved")}` : ""}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          );
        })}
      </div>
    </section>
  );
}
