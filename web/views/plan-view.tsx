/**
 * The plan as a Gantt, with Recalculate: /v1/schedule as a job, its progress from the job's event stream,
 * Stop for the best plan so far; optionally against the plan in force with a frozen fence (issue 15), the
 * frozen operations then drawn as such and the changes counted. Clicking a bar (or choosing an order) highlights the order's whole chain.
 */
import { useState } from "preact/hooks";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { formatDuration, formatNumber, formatShare } from "../format.ts";
import { localMs } from "../format.ts";
import { BAR_COLOURS, CLOSED_COLOUR, GanttChart, STATE_LABELS } from "../gantt/gantt-chart.tsx";
import type { GanttModel } from "../gantt/gantt-model.ts";
import { ganttModel } from "../gantt/gantt-model.ts";
import type { Translate } from "../i18n.ts";
import type { Plan, Plant } from "../model.ts";
import { parseFactory } from "../model.ts";
import type { AppState } from "../store.ts";
import { update, useAppState } from "../store.ts";
import { nextShiftStart } from "../next-shift.ts";
import { JobProgressBar, useJob } from "./job-progress.tsx";
import { NeedsPlant } from "./needs-plant.tsx";

/**
 * The plan of a finished schedule job (done, or stopped with its best plan so far); `frozenUntil` the fence it
 * was made with against the plan in force, else the plant's.
 */
export function planFromSchedule(response: ScheduleResponse, plant: Plant, jobStatus: string, frozenUntil = plant.frozenUntil): Plan {
  return {
    operations: response.operations,
    orders: response.orders,
    kpis: response.kpis,
    status: response.status,
    solver: response.solver,
    ...(response.materials ? { materials: response.materials } : {}),
    ...(response.reason ? { reason: response.reason } : {}),
    ...(frozenUntil ? { frozenUntil } : {}),
    ...(response.changes ? { changes: response.changes } : {}),
    source: { kind: "schedule", jobStatus },
    madeAt: new Date().toISOString(),
  };
}

/** The fence Recalculate uses: the planner's, else the plant's frozenUntil, else the next shift start after the plan start. */
function defaultFence(plant: Plant): string {
  const factory = parseFactory(plant);
  const start = plant.planStart ?? "";
  return plant.frozenUntil ?? (factory ? nextShiftStart(factory, start) : null) ?? start;
}

/** The Gantt layout of the last plan shown, kept across visits to the view (a 10,000-operation layout is not free). */
let lastLayout: { plant: Plant; plan: Plan; model: GanttModel } | null = null;

function layoutOf(plant: Plant, plan: Plan): GanttModel {
  if (lastLayout?.plant !== plant || lastLayout.plan !== plan) {
    lastLayout = { plant, plan, model: ganttModel(parseFactory(plant) ?? { resources: [], calendars: [] }, plant.planStart, plan) };
  }
  return lastLayout.model;
}

export function PlanView({ t }: { t: Translate }) {
  const state = useAppState();
  const job = useJob<ScheduleResponse>("schedule", (outcome) => {
    const result = outcome.result;
    // A plan made against the plan in force carries its changes; its fence is the one sent.
    const fence = (s: AppState) => (result?.changes ? (s.frozenUntil ?? (s.plant ? defaultFence(s.plant.model) : undefined)) : s.plant?.model.frozenUntil);
    if (result) update((s) => (s.plant ? { plan: planFromSchedule(result, s.plant.model, outcome.status, fence(s)) } : {}));
  });
  const [highlight, setHighlight] = useState<string | null>(null);
  const plant = state.plant?.model;
  const plan = state.plan;
  const model = plant && plan ? layoutOf(plant, plan) : null;
  if (!plant) return <NeedsPlant t={t} />;

  const fence = state.frozenUntil ?? defaultFence(plant);
  // The plan in force: the one issued to the shop, else the current one.
  const inForce = state.issued?.operations ?? plan?.operations;
  const keep = state.keepPlan && inForce !== undefined;
  const recalculate = () =>
    job.run("schedule", {
      ...plant,
      ...(keep ? { reference: { operations: inForce }, frozenUntil: fence } : {}),
      options: { ...(plant.options ?? {}), timeLimitSeconds: state.timeLimitSeconds, timing: state.timing, materialLedger: true },
    });
  const frozen = plan?.frozenUntil ?? plant.frozenUntil;
  const frozenMinutes = frozen ? localMs(frozen) / 60_000 : Number.NaN;

  return (
    <section aria-labelledby="plan-title">
      <h2 id="plan-title">{t("plan.title")}</h2>
      <div class="toolbar">
        <button type="button" class="primary" data-testid="recalculate" disabled={job.running} onClick={() => void recalculate()}>
          {t("plan.recalculate")}
        </button>
        <label>
          {t("plan.timeLimit")}{" "}
          <input
            type="number"
            min={1}
            max={3600}
            value={state.timeLimitSeconds}
            data-testid="time-limit"
            onChange={(e) => update({ timeLimitSeconds: Math.min(3600, Math.max(1, Number((e.currentTarget as HTMLInputElement).value) || 5)) })}
          />
        </label>
        <label>
          {t("plan.timing")}{" "}
          <select value={state.timing} data-testid="timing" onChange={(e) => update({ timing: (e.currentTarget as HTMLSelectElement).value === "just-in-time" ? "just-in-time" : "early" })}>
            <option value="early">{t("plan.timingEarly")}</option>
            <option value="just-in-time">{t("plan.timingJustInTime")}</option>
          </select>
        </label>
        <label title={t("plan.keepHint")}>
          <input type="checkbox" checked={state.keepPlan} disabled={inForce === undefined} data-testid="keep-plan" onChange={(e) => update({ keepPlan: (e.currentTarget as HTMLInputElement).checked })} />{" "}
          {t(state.issued?.operations ? "plan.keepIssued" : "plan.keepCurrent")}
        </label>
        <label>
          {t("gantt.frozenUntil")}{" "}
          <input type="datetime-local" value={fence} disabled={!keep} data-testid="frozen-until" onChange={(e) => update({ frozenUntil: (e.currentTarget as HTMLInputElement).value || null })} />
        </label>
        <JobProgressBar job={job} expectedMs={state.timeLimitSeconds * 1000} t={t} testId="progress" />
      </div>
      {plan ? (
        <>
          <PlanSummary t={t} plan={plan} />
          {plan.status === "infeasible" && (
            <p class="error" role="alert">
              {t("plan.infeasible")} {plan.reason}
            </p>
          )}
          <div class="toolbar">
            <label>
              {t("plan.highlight")}{" "}
              {/* An input with suggestions rather than a select: a select measures every option's text to size itself. */}
              <input
                list="plan-orders"
                value={highlight ?? ""}
                placeholder={t("plan.highlightHint")}
                data-testid="highlight-order"
                onChange={(e) => {
                  const id = (e.currentTarget as HTMLInputElement).value.trim();
                  setHighlight(plan.orders.some((o) => o.id === id) ? id : null);
                }}
              />
              <datalist id="plan-orders">
                {plan.orders.map((o) => (
                  <option key={o.id} value={o.id} />
                ))}
              </datalist>
            </label>
            <Legend t={t} />
          </div>
          {model && (
            <GanttChart
              model={model}
              plan={plan}
              plant={plant}
              t={t}
              highlight={highlight}
              onHighlight={setHighlight}
              frozenUntil={Number.isNaN(frozenMinutes) ? null : frozenMinutes}
            />
          )}
        </>
      ) : (
        <p class="muted">{t("plan.none")}</p>
      )}
    </section>
  );
}

export function PlanSummary({ t, plan }: { t: Translate; plan: Plan }) {
  const k = plan.kpis;
  return (
    <dl class="kpis">
      <div>
        <dt>{t("plan.source")}</dt>
        <dd>{plan.source.kind === "rush" ? t("plan.fromRush", { option: plan.source.option }) : t("plan.fromSchedule", { status: plan.status ?? "", job: plan.source.jobStatus ?? "" })}</dd>
      </div>
      {k && (
        <>
          <div>
            <dt>{t("orders.onTimeRate")}</dt>
            <dd>{formatShare(k.onTimeRate)}</dd>
          </div>
          <div>
            <dt>{t("plan.weightedTardiness")}</dt>
            <dd>{formatNumber(k.weightedTardiness, t.lang)}</dd>
          </div>
          <div>
            <dt>{t("plan.makespan")}</dt>
            <dd>{formatDuration(k.makespanMinutes, t.lang)}</dd>
          </div>
          <div>
            <dt>{t("plan.setupMinutes")}</dt>
            <dd>
              {formatDuration(k.setupMinutes, t.lang)} ({t("gantt.changeover")} {formatDuration(k.changeoverMinutes, t.lang)})
            </dd>
          </div>
          {k.meanWaitMinutes !== undefined && (
            <div>
              <dt>{t("plan.meanWait")}</dt>
              <dd data-testid="mean-wait">{formatDuration(k.meanWaitMinutes, t.lang)}</dd>
            </div>
          )}
          {k.bufferKeptRate !== undefined && (
            <div>
              <dt>{t("plan.bufferKeptRate")}</dt>
              <dd data-testid="buffer-kept-rate">{formatShare(k.bufferKeptRate)}</dd>
            </div>
          )}
        </>
      )}
      <div>
        <dt>{t("plan.operations")}</dt>
        <dd>{formatNumber(plan.operations.length, t.lang)}</dd>
      </div>
      {plan.changes && (
        <div>
          <dt>{t("plan.changes")}</dt>
          <dd data-testid="plan-changes">{formatNumber(plan.changes.count, t.lang)}</dd>
        </div>
      )}
    </dl>
  );
}

function Legend({ t }: { t: Translate }) {
  const swatch = (colour: string, label: string, style: Record<string, string> = {}) => (
    <span class="legend-item" key={label}>
      <span class="swatch" style={{ background: colour, ...style }} aria-hidden="true" />
      {label}
    </span>
  );
  return (
    <section class="legend" aria-label={t("gantt.legend")}>
      {(["on-time", "late", "running", "frozen"] as const).map((s) => swatch(BAR_COLOURS[s], t(STATE_LABELS[s])))}
      {swatch(`linear-gradient(90deg, #000a 0 50%, ${BAR_COLOURS["on-time"]} 50%)`, t("gantt.changeover"))}
      {swatch(`linear-gradient(90deg, #9dbad4 0 50%, ${BAR_COLOURS["on-time"]} 50%)`, t("gantt.setup"))}
      {swatch(CLOSED_COLOUR, t("gantt.closed"), { border: "1px solid #9ca3af" })}
      {swatch("#1f2937", t("gantt.planStart"), { width: "3px" })}
      {swatch("repeating-linear-gradient(180deg, #4b5563 0 3px, transparent 3px 6px)", t("gantt.frozenUntil"), { width: "3px" })}
    </section>
  );
}
