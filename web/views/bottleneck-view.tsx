/**
 * The bottleneck (瓶颈, Theory of Constraints) from /v1/bottleneck as a job: the constraint resource (or the
 * market), throughput and net profit of the optimal product mix beside the T/CU ranking's, each resource's
 * load at full demand, the products' throughput per constraint minute, what an extra hour on a binding
 * resource is worth, and with orders the drum-buffer-rope releases and buffer status.
 */
import type { BottleneckResponse } from "../../src/bottleneck.ts";
import { formatDateTime, formatNumber, formatShare } from "../format.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import { update, useAppState } from "../store.ts";
import { RunToolbar, useAnswerJob } from "./answer-job.tsx";
import { NeedsPlant } from "./needs-plant.tsx";
import type { Column } from "./paged-table.tsx";
import { PagedTable } from "./paged-table.tsx";
import "./material-views.css";

type Release = NonNullable<BottleneckResponse["dbr"]>["releases"][number];
type Buffer = NonNullable<BottleneckResponse["dbr"]>["buffers"][number];

const BUFFER_LABELS = {
  green: "bottleneck.buffer.green",
  yellow: "bottleneck.buffer.yellow",
  red: "bottleneck.buffer.red",
  black: "bottleneck.buffer.black",
} as const satisfies Record<Buffer["status"], MessageKey>;

export function BottleneckView({ t }: { t: Translate }) {
  const state = useAppState();
  const plant = state.plant?.model ?? null;
  const answer = state.bottleneck;
  const analysis = useAnswerJob<BottleneckResponse>("bottleneck", plant, answer, (bottleneck) => update({ bottleneck }));
  if (!plant) return <NeedsPlant t={t} />;
  return (
    <section aria-labelledby="bottleneck-title">
      <h2 id="bottleneck-title">{t("bottleneck.title")}</h2>
      <RunToolbar t={t} answerJob={analysis} label="bottleneck.run" testId="bottleneck" />
      {answer && <Analysis t={t} answer={answer} />}
    </section>
  );
}

function Analysis({ t, answer }: { t: Translate; answer: BottleneckResponse }) {
  const money = (value: number) => formatNumber(value, t.lang);
  const constraint = answer.constraint;
  return (
    <>
      <div class="headline">
        <div class="big-number" data-testid="bottleneck-constraint" data-resource={constraint.resource ?? "market"}>
          <span class="label">{t("bottleneck.constraint")}</span>
          <span class="value">{constraint.kind === "resource" ? constraint.resource : t("bottleneck.market")}</span>
          {constraint.kind === "resource" && <span class="label">{t("bottleneck.loaded", { share: formatShare(constraint.utilization) })}</span>}
        </div>
        <dl class="kpis">
          <div>
            <dt>{t("bottleneck.throughput")}</dt>
            <dd data-testid="bottleneck-throughput">{money(answer.throughput)}</dd>
          </div>
          <div>
            <dt>{t("bottleneck.netProfit")}</dt>
            <dd class={answer.netProfit < 0 ? "bad" : undefined}>{money(answer.netProfit)}</dd>
          </div>
          <div>
            <dt>{t("bottleneck.mixStatus")}</dt>
            <dd>{t(answer.mixStatus === "optimal" ? "bottleneck.mixStatus.optimal" : "bottleneck.mixStatus.timedout")}</dd>
          </div>
          <div>
            <dt>{t("bottleneck.binding")}</dt>
            <dd>{answer.binding.join(", ") || "—"}</dd>
          </div>
        </dl>
      </div>
      <div class="panel-grid">
        <Loads t={t} answer={answer} />
        <CapacityValue t={t} answer={answer} />
      </div>
      <Products t={t} answer={answer} />
      {answer.dbr && <DrumBufferRope t={t} dbr={answer.dbr} />}
    </>
  );
}

type Load = BottleneckResponse["loads"][number];
type Value = BottleneckResponse["capacityValue"][number];
type Product = BottleneckResponse["products"][number];

function Loads({ t, answer }: { t: Translate; answer: BottleneckResponse }) {
  const constraint = answer.constraint.resource;
  const columns: ReadonlyArray<Column<Load>> = [
    { label: "bottleneck.resource", value: (l) => l.resource },
    {
      label: "bottleneck.utilization",
      value: (l) => l.utilization ?? Number.POSITIVE_INFINITY,
      render: (l) => (
        <div class="util-cell">
          <div class={`util-bar${(l.utilization ?? 0) > 1 ? " over" : ""}`} aria-hidden="true">
            <span style={{ width: `${Math.min(100, (l.utilization ?? 0) * 100)}%` }} />
          </div>
          <b class={(l.utilization ?? 0) > 1 ? "bad" : undefined}>{formatShare(l.utilization)}</b>
        </div>
      ),
    },
    { label: "bottleneck.load", value: (l) => Math.round(l.loadMinutes), numeric: true },
    { label: "bottleneck.available", value: (l) => Math.round(l.availableMinutes), numeric: true },
    { label: "bottleneck.mixLoad", value: (l) => Math.round(l.mixLoadMinutes), numeric: true },
  ];
  return (
    <div class="card">
      <h3>{t("bottleneck.loads")}</h3>
      <PagedTable
        t={t}
        rows={answer.loads}
        columns={columns}
        testId="bottleneck-loads"
        label={t("bottleneck.loads")}
        rowKey={(l) => l.resource}
        rowAttributes={(l) => ({ "data-resource": l.resource, class: l.resource === constraint ? "constraint" : undefined })}
      />
    </div>
  );
}

function CapacityValue({ t, answer }: { t: Translate; answer: BottleneckResponse }) {
  const columns: ReadonlyArray<Column<Value>> = [
    { label: "bottleneck.resource", value: (v) => v.resource },
    { label: "bottleneck.perHour", value: (v) => Math.round(v.throughputPerExtraHour), numeric: true },
    { label: "bottleneck.tenPercent", value: (v) => Math.round(v.tenPercentMore.throughputGain), numeric: true },
    { label: "bottleneck.next", value: (v) => v.tenPercentMore.nextConstraint.resource ?? t("bottleneck.market") },
  ];
  return (
    <div class="card">
      <h3>{t("bottleneck.capacityValue")}</h3>
      <PagedTable t={t} rows={answer.capacityValue} columns={columns} testId="bottleneck-capacity-value" label={t("bottleneck.capacityValue")} rowKey={(v) => v.resource} />
    </div>
  );
}

function Products({ t, answer }: { t: Translate; answer: BottleneckResponse }) {
  const rank = new Map(answer.rankingMix.order.map((item, i) => [item, i + 1]));
  const columns: ReadonlyArray<Column<Product>> = [
    { label: "bottleneck.product", value: (p) => p.item },
    { label: "bottleneck.tvc", value: (p) => p.tvc, numeric: true },
    { label: "bottleneck.tPerUnit", value: (p) => p.throughputPerUnit, numeric: true },
    { label: "bottleneck.tcu", value: (p) => p.throughputPerConstraintMinute ?? -1, numeric: true, render: (p) => formatNumber(p.throughputPerConstraintMinute, t.lang, 1) },
    { label: "bottleneck.rank", value: (p) => rank.get(p.item) ?? 0, numeric: true },
    { label: "bottleneck.mix", value: (p) => answer.mix[p.item] ?? 0, numeric: true },
    { label: "bottleneck.rankingMix", value: (p) => answer.rankingMix.mix[p.item] ?? 0, numeric: true },
  ];
  return (
    <div class="card">
      <h3>{t("bottleneck.products")}</h3>
      <PagedTable t={t} rows={answer.products} columns={columns} testId="bottleneck-products" label={t("bottleneck.products")} rowKey={(p) => p.item} rowAttributes={(p) => ({ "data-item": p.item })} />
      <p class="muted">{t("bottleneck.rankingNote", { throughput: formatNumber(answer.rankingMix.throughput, t.lang), netProfit: formatNumber(answer.rankingMix.netProfit, t.lang) })}</p>
    </div>
  );
}

function DrumBufferRope({ t, dbr }: { t: Translate; dbr: NonNullable<BottleneckResponse["dbr"]> }) {
  const status = new Map(dbr.buffers.map((b) => [b.order, b]));
  const columns: ReadonlyArray<Column<Release>> = [
    { label: "materials.order", value: (r) => r.order },
    { label: "mrp.release", value: (r) => r.release, render: (r) => formatDateTime(r.release, t.lang) },
    { label: "bottleneck.drumStart", value: (r) => r.drumStart, render: (r) => formatDateTime(r.drumStart, t.lang) },
    { label: "bottleneck.bufferMinutes", value: (r) => r.bufferMinutes, numeric: true },
    {
      label: "bottleneck.buffers",
      value: (r) => status.get(r.order)?.consumed ?? -1,
      render: (r) => {
        const buffer = status.get(r.order);
        return buffer ? <span class={`badge buffer-${buffer.status}`}>{`${t(BUFFER_LABELS[buffer.status])} · ${formatShare(buffer.consumed)}`}</span> : "";
      },
    },
  ];
  const counts = (["black", "red", "yellow", "green"] as const).map((colour) => [colour, dbr.buffers.filter((b) => b.status === colour).length] as const);
  return (
    <div class="card">
      <h3>{t("bottleneck.dbr")}</h3>
      <p data-testid="bottleneck-drum">
        {t("bottleneck.drum", { resource: dbr.drumResource, count: dbr.drum.length })}
        {" · "}
        {counts.map(([colour, count]) => (
          <span key={colour} class={`badge buffer-${colour}`}>{`${t(BUFFER_LABELS[colour])} ${count}`}</span>
        ))}
      </p>
      {dbr.unscheduled.length > 0 && <p class="bad">{t("bottleneck.unscheduled", { orders: dbr.unscheduled.join(", ") })}</p>}
      <h4>{t("bottleneck.releases")}</h4>
      <PagedTable t={t} rows={dbr.releases} columns={columns} testId="bottleneck-releases" label={t("bottleneck.releases")} rowKey={(r) => r.order} rowAttributes={(r) => ({ "data-order": r.order })} />
    </div>
  );
}
