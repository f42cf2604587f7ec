/**
 * MRP (物料需求计划) on the working plant: /v1/mrp as a job, then what the planner and the buyers must do —
 * the action messages (issue 23), the planned orders to make and to buy with release and due dates, and the
 * supplier follow-up list — each filterable, sortable and a page at a time, so a 10,000-order answer stays
 * responsive. The time-phased records are left out of the answer (options.records "none"): the view shows
 * none of them and they are a third of a large answer; the downloads come from /v1/mrp itself (Accept: CSV
 * or XLSX), which writes them from the plan's arrays, records sheet included, without a JSON answer.
 */
import { useMemo, useState } from "preact/hooks";
import type { MrpException, MrpFollowUp, MrpPlannedOrder, MrpResponse } from "../../src/mrp.ts";
import { ApiError, downloadFile, XLSX_MEDIA_TYPE } from "../api.ts";
import { formatMs, formatNumber, localMs } from "../format.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import type { Plant } from "../model.ts";
import { update, useAppState } from "../store.ts";
import { RunToolbar, useAnswerJob } from "./answer-job.tsx";
import { ErrorBox } from "./job-progress.tsx";
import { NeedsPlant } from "./needs-plant.tsx";
import type { Column } from "./paged-table.tsx";
import { PagedTable } from "./paged-table.tsx";
import "./material-views.css";

const KINDS = ["release", "reschedule-in", "reschedule-out", "cancel", "past-due", "shortage-in-fence"] as const satisfies ReadonlyArray<MrpException["kind"]>;

/** The plant as an MRP request: its own options, with the records chosen. */
function mrpRequest(plant: Plant, records: "all" | "none"): Omit<Plant, "options"> & { options: Record<string, unknown> } {
  return { ...plant, options: { ...(plant.options ?? {}), records } };
}

function day(date: string, t: Translate): string {
  const ms = localMs(`${date}T00:00`);
  return Number.isNaN(ms) ? date : formatMs(ms, t.lang, "date");
}

const includes = (needle: string, ...texts: Array<string | undefined>) => !needle || texts.some((text) => text?.toLowerCase().includes(needle));

export function MrpView({ t }: { t: Translate }) {
  const state = useAppState();
  const plant = state.plant?.model ?? null;
  const answer = state.mrp;
  const request = useMemo(() => plant && mrpRequest(plant, "none"), [plant]);
  const mrp = useAnswerJob<MrpResponse>("mrp", request, answer, (result) => update({ mrp: result }));
  const [downloadError, setDownloadError] = useState<ApiError | null>(null);
  if (!plant) return <NeedsPlant t={t} />;

  const download = (format: "csv" | "xlsx") => {
    setDownloadError(null);
    // Records "all" for the workbook's records sheet: the file is written from the plan's arrays, not from JSON.
    downloadFile("/v1/mrp", mrpRequest(plant, "all"), format === "csv" ? "text/csv" : XLSX_MEDIA_TYPE, `mrp.${format}`).catch((error: unknown) =>
      setDownloadError(error instanceof ApiError ? error : new ApiError(0, "NETWORK", String(error))),
    );
  };
  return (
    <section aria-labelledby="mrp-title">
      <h2 id="mrp-title">{t("mrp.title")}</h2>
      <RunToolbar t={t} answerJob={mrp} label="mrp.run" testId="mrp">
        <button type="button" data-testid="mrp-csv" onClick={() => download("csv")}>
          {t("mrp.csv")}
        </button>
        <button type="button" data-testid="mrp-xlsx" onClick={() => download("xlsx")}>
          {t("mrp.xlsx")}
        </button>
      </RunToolbar>
      {downloadError && <ErrorBox error={downloadError} t={t} />}
      {!(Array.isArray(plant.demands) && plant.demands.length > 0) && (
        <p class="card" data-testid="mrp-no-demands">
          {t("mrp.noDemands")} <a href="#materials">{t("nav.materials")}</a>
        </p>
      )}
      {answer && <MrpAnswer t={t} answer={answer} />}
    </section>
  );
}

function MrpAnswer({ t, answer }: { t: Translate; answer: MrpResponse }) {
  const orders = answer.plannedOrders;
  const make = orders.filter((o) => o.source === "make").length;
  return (
    <>
      <p data-testid="mrp-summary">
        {t("mrp.summary", {
          orders: formatNumber(orders.length, t.lang),
          make: formatNumber(make, t.lang),
          buy: formatNumber(orders.length - make, t.lang),
          firm: formatNumber(orders.filter((o) => o.firm).length, t.lang),
          messages: formatNumber(answer.exceptions.length, t.lang),
          followUp: formatNumber(answer.followUp.length, t.lang),
        })}
      </p>
      <ActionMessages t={t} messages={answer.exceptions} />
      <PlannedOrders t={t} orders={orders} />
      <FollowUp t={t} rows={answer.followUp} />
    </>
  );
}

function ActionMessages({ t, messages }: { t: Translate; messages: MrpException[] }) {
  const [kind, setKind] = useState<string>("");
  const [search, setSearch] = useState("");
  const counts = useMemo(() => new Map(KINDS.map((k) => [k, messages.filter((m) => m.kind === k).length])), [messages]);
  const needle = search.trim().toLowerCase();
  const rows = useMemo(() => messages.filter((m) => (kind === "" || m.kind === kind) && includes(needle, m.item, m.order, m.receipt)), [messages, kind, needle]);
  const columns: ReadonlyArray<Column<MrpException>> = [
    { label: "mrp.kind", value: (m) => m.kind, render: (m) => <span class={`badge mrp-${m.kind}`}>{t(`mrp.kind.${m.kind}` as MessageKey)}</span> },
    { label: "mrp.item", value: (m) => m.item },
    { label: "mrp.concerns", value: (m) => m.order ?? m.receipt ?? "" },
    { label: "mrp.quantity", value: (m) => m.quantity ?? 0, numeric: true, render: (m) => formatNumber(m.quantity, t.lang, 2) },
    { label: "mrp.message", value: (m) => m.message },
  ];
  return (
    <div class="card">
      <h3>{t("mrp.messages")}</h3>
      <p class="muted">{t("mrp.messagesHint")}</p>
      <div class="toolbar">
        <label>
          {t("mrp.kind")}{" "}
          <select value={kind} data-testid="mrp-kind" onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">
              {t("mrp.allKinds")} ({messages.length})
            </option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`mrp.kind.${k}`)} ({counts.get(k) ?? 0})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("mrp.search")} <input type="search" value={search} onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)} />
        </label>
      </div>
      <PagedTable t={t} rows={rows} columns={columns} testId="mrp-messages" label={t("mrp.messages")} rowKey={(m) => `${m.kind}/${m.item}/${m.order ?? m.receipt ?? ""}/${m.bucket}`} rowAttributes={(m) => ({ "data-kind": m.kind })} />
    </div>
  );
}

function PlannedOrders({ t, orders }: { t: Translate; orders: MrpPlannedOrder[] }) {
  const [source, setSource] = useState<string>("");
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();
  const rows = useMemo(() => orders.filter((o) => (source === "" || o.source === source) && includes(needle, o.id, o.item)), [orders, source, needle]);
  const columns: ReadonlyArray<Column<MrpPlannedOrder>> = [
    { label: "mrp.order", value: (o) => o.id },
    { label: "mrp.item", value: (o) => o.item },
    {
      label: "mrp.source",
      value: (o) => `${o.source}${o.firm ? " firm" : ""}`,
      render: (o) => `${t(o.source === "make" ? "mrp.source.make" : "mrp.source.buy")}${o.firm ? ` · ${t("mrp.firm")}` : ""}`,
    },
    { label: "mrp.quantity", value: (o) => o.quantity, numeric: true },
    { label: "mrp.startQuantity", value: (o) => o.startQuantity, numeric: true },
    { label: "mrp.release", value: (o) => o.releaseDate, render: (o) => day(o.releaseDate, t) },
    { label: "mrp.due", value: (o) => o.receiptDate, render: (o) => day(o.receiptDate, t) },
    {
      label: "mrp.pegging",
      value: (o) => o.pegging.map((p) => ("demand" in p ? p.demand : p.parentOrder)).join(", "),
      render: (o) => <span class="pegging">{o.pegging.map((p) => `${"demand" in p ? p.demand : p.parentOrder} (${formatNumber(p.quantity, t.lang, 2)})`).join(", ")}</span>,
    },
  ];
  return (
    <div class="card">
      <h3>{t("mrp.plannedOrders")}</h3>
      <div class="toolbar">
        <label>
          {t("mrp.source")}{" "}
          <select value={source} data-testid="mrp-source" onChange={(e) => setSource((e.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t("mrp.allSources")}</option>
            <option value="make">{t("mrp.source.make")}</option>
            <option value="buy">{t("mrp.source.buy")}</option>
          </select>
        </label>
        <label>
          {t("mrp.search")} <input type="search" data-testid="mrp-search" value={search} onInput={(e) => setSearch((e.currentTarget as HTMLInputElement).value)} />
        </label>
      </div>
      <PagedTable t={t} rows={rows} columns={columns} testId="mrp-orders" label={t("mrp.plannedOrders")} rowKey={(o) => o.id} rowAttributes={(o) => ({ "data-order": o.id, "data-source": o.source })} />
    </div>
  );
}

function FollowUp({ t, rows }: { t: Translate; rows: MrpFollowUp[] }) {
  const columns: ReadonlyArray<Column<MrpFollowUp>> = [
    { label: "mrp.date", value: (f) => f.date, render: (f) => day(f.date, t) },
    { label: "mrp.workingDays", value: (f) => f.workingDays, numeric: true },
    { label: "mrp.followKind", value: (f) => f.kind, render: (f) => t(`mrp.follow.${f.kind}`) },
    { label: "mrp.order", value: (f) => f.id },
    { label: "mrp.item", value: (f) => f.item },
    { label: "mrp.supplier", value: (f) => f.supplier ?? "" },
    { label: "mrp.quantity", value: (f) => f.quantity, numeric: true },
  ];
  return (
    <div class="card">
      <h3>{t("mrp.followUp")}</h3>
      <p class="muted">{t("mrp.followUpHint")}</p>
      <PagedTable t={t} rows={rows} columns={columns} testId="mrp-follow-up" label={t("mrp.followUp")} rowKey={(f) => `${f.kind}/${f.id}`} rowAttributes={(f) => ({ "data-id": f.id })} />
    </div>
  );
}
