/**
 * The bottleneck (瓶颈, Theory of Constraints) from /v1/bottleneck as a job: the constraint resource (or the
 * market), throughput and net profit of the optimal product mix beside the T/CU ranking's, each resource's
 * load at full demand, the products' throughput per constraint minute, what an extra hour on a binding
 * resource is worth, and with orders the drum-buffer-rope releases and buffer status.
 */
import { useEffect } from "preact/hooks";
import type { BottleneckResponse } from "../../src/bottleneck.ts";
import { formatDateTime, formatNumber, formatShare } from "../format.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import { getState, update, useAppState } from "../store.ts";
import { JobProgressBar, useJob } from "./job-progress.tsx";
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
  const job = useJob<BottleneckResponse>("bottleneck", (outcome) => outcome.result && update({ bottleneck: outcome.result }));
  const plant = state.plant?.model;
  const answer = state.bottleneck;
  const analyse = () => plant && job.run("bottleneck", plant);
  useEffect(() => {
    if (plant && !answer && !job.running && !getState().runningJobs.bottleneck) void analyse();
  }, [plant, answer]);
  if (!plant) return <NeedsPlant t={t} />;
  return (
    <section aria-labelledby="bottleneck-title">
      <h2 id="bottleneck-title">{t("bottleneck.title")}</h2>
      <div class="toolbar">
        <button type="button" class="primary" data-testid="bottleneck-run" disabled={job.running} onClick={() => void analyse()}>
          {t("bottleneck.run")}
        </button>
        <JobProgressBar job={job} expectedMs={3000} t={t} testId="bottleneck-progress" />
      </div>
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

function Loads({ t, answer }: { t: Translate; answer: BottleneckResponse }) {
  const constraint = answer.constraint.resource;
  return (
    <div class="card table-scroll">
      <h3>{t("bottleneck.loads")}</h3>
      <table data-testid="bottleneck-loads">
        <thead>
          <tr>
            <th>{t("bottleneck.resource")}</th>
            <th>{t("bottleneck.utilization")}</th>
            <th class="num">{t("bottleneck.load")}</th>
            <th class="num">{t("bottleneck.available")}</th>
            <th class="num">{t("bottleneck.mixLoad")}</th>
          </tr>
        </thead>
        <tbody>
          {answer.loads.map((l) => (
            <tr key={l.resource} data-resource={l.resource} class={l.resource === constraint ? "constraint" : undefined}>
              <th scope="row">{l.resource}</th>
              <td>
                <div class="util-cell">
                  <div class={`util-bar${(l.utilization ?? 0) > 1 ? " over" : ""}`} aria-hidden="true">
                    <span style={{ width: `${Math.min(100, (l.utilization ?? 0) * 100)}%` }} />
                  </div>
                  <b class={(l.utilization ?? 0) > 1 ? "bad" : undefined}>{formatShare(l.utilization)}</b>
                </div>
              </td>
              <td class="num">{formatNumber(l.loadMinutes, t.lang)}</td>
              <td class="num">{formatNumber(l.availableMinutes, t.lang)}</td>
              <td class="num">{formatNumber(l.mixLoadMinutes, t.lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CapacityValue({ t, answer }: { t: Translate; answer: BottleneckResponse }) {
  return (
    <div class="card table-scroll">
      <h3>{t("bottleneck.capacityValue")}</h3>
      <table data-testid="bottleneck-capacity-value">
        <thead>
          <tr>
            <th>{t("bottleneck.resource")}</th>
            <th class="num">{t("bottleneck.perHour")}</th>
            <th class="num">{t("bottleneck.tenPercent")}</th>
            <th>{t("bottleneck.next")}</th>
          </tr>
        </thead>
        <tbody>
          {answer.capacityValue.map((v) => (
            <tr key={v.resource}>
              <th scope="row">{v.resource}</th>
              <td class="num">{formatNumber(v.throughputPerExtraHour, t.lang)}</td>
              <td class="num">{formatNumber(v.tenPercentMore.throughputGain, t.lang)}</td>
              <td>{v.tenPercentMore.nextConstraint.resource ?? t("bottleneck.market")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Products({ t, answer }: { t: Translate; answer: BottleneckResponse }) {
  const rank = new Map(answer.rankingMix.order.map((item, i) => [item, i + 1]));
  return (
    <div class="card table-scroll">
      <h3>{t("bottleneck.products")}</h3>
      <table data-testid="bottleneck-products">
        <thead>
          <tr>
            <th>{t("bottleneck.product")}</th>
            <th class="num">{t("bottleneck.tvc")}</th>
            <th class="num">{t("bottleneck.tPerUnit")}</th>
            <th class="num">{t("bottleneck.tcu")}</th>
            <th class="num">{t("bottleneck.rank")}</th>
            <th class="num">{t("bottleneck.mix")}</th>
            <th class="num">{t("bottleneck.rankingMix")}</th>
          </tr>
        </thead>
        <tbody>
          {answer.products.map((p) => (
            <tr key={p.item} data-item={p.item}>
              <th scope="row">{p.item}</th>
              <td class="num">{formatNumber(p.tvc, t.lang, 2)}</td>
              <td class="num">{formatNumber(p.throughputPerUnit, t.lang, 2)}</td>
              <td class="num">{formatNumber(p.throughputPerConstraintMinute, t.lang, 1)}</td>
              <td class="num">{rank.get(p.item) ?? ""}</td>
              <td class="num">{formatNumber(answer.mix[p.item] ?? 0, t.lang)}</td>
              <td class="num">{formatNumber(answer.rankingMix.mix[p.item] ?? 0, t.lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
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
