/**
 * Order review (订单评审): candidate orders against the current plan through /v1/orders/review; each is
 * accepted, counter-offered or declined, with what binds (resource, material, engineering, horizon).
 */
import type { ReviewDecision, ReviewReason, ReviewResponse } from "../../src/review.ts";
import { formatDateTime, formatDuration, formatNumber } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { Plant } from "../model.ts";
import type { ReviewState } from "../store.ts";
import { update, useAppState } from "../store.ts";
import { EditableRows, numberOrNull, orderFields } from "./editable-rows.tsx";
import { JobProgressBar, useJob } from "./job-progress.tsx";
import { NeedsPlant } from "./needs-plant.tsx";

type Candidate = ReviewState["candidates"][number];

function reasonText(reason: ReviewReason, t: Translate): string {
  switch (reason.kind) {
    case "capacity":
      return t("review.reason.capacity", { resource: reason.resource, wait: formatDuration(reason.waitMinutes, t.lang) });
    case "material":
      return t("review.reason.material", { item: reason.item, shortage: formatNumber(reason.shortage, t.lang, 3), date: formatDateTime(reason.availableDate, t.lang) });
    case "engineering":
      return t("review.reason.engineering", { days: reason.days, until: formatDateTime(reason.until, t.lang) });
    case "horizon":
      return (
        t("review.reason.horizon", { end: formatDateTime(reason.horizonEnd, t.lang) }) +
        (reason.promiseBeyond ? ` (${t("review.reason.beyond", { at: formatDateTime(reason.promiseBeyond, t.lang) })})` : "")
      );
  }
}

export function ReviewView({ t }: { t: Translate }) {
  const state = useAppState();
  const job = useJob<ReviewResponse>("review", (outcome) => {
    const response = outcome.result;
    if (response) update((s) => (s.review ? { review: { ...s.review, response } } : {}));
  });
  const plant = state.plant?.model;
  if (!plant) return <NeedsPlant t={t} />;
  const review: ReviewState = { candidates: plant.candidates ?? [], changes: plant.changes ?? [], response: null, ...state.review };
  const edit = (change: Partial<ReviewState>) => update({ review: { ...review, ...change } });
  const items = (plant.routings ?? []).map((r) => r.item);
  const run = () => {
    edit({ response: null });
    return job.run("review", reviewRequest(plant, state.plan?.operations, review));
  };

  return (
    <section aria-labelledby="review-title">
      <h2 id="review-title">{t("review.title")}</h2>
      <form
        class="card"
        data-testid="review-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <h3>{t("review.candidates")}</h3>
        <EditableRows
          t={t}
          rows={review.candidates}
          fields={[
            ...orderFields<Candidate>(items, "review.requested"),
            {
              label: "review.kind",
              kind: "choice",
              choices: [
                { value: "standard", label: t("review.standard") },
                { value: "non-standard", label: t("review.nonStandard") },
              ],
              get: (c) => c.kind ?? "standard",
              set: (c, kind) => ({ ...c, kind: kind as Candidate["kind"] & string }),
            },
            { label: "review.engineeringDays", kind: "number", min: 0, get: (c) => c.engineeringDays ?? 0, set: (c, v) => ({ ...c, engineeringDays: numberOrNull(v) ?? 0 }) },
            {
              label: "review.maxDelayDays",
              kind: "number",
              min: 0,
              get: (c) => c.maxDelayDays,
              // Empty means "any later date is offered": the field is left out, not sent as 0.
              set: ({ maxDelayDays: _empty, ...rest }, v) => (numberOrNull(v) === null ? rest : { ...rest, maxDelayDays: Number(v) }),
            },
          ]}
          onChange={(candidates) => edit({ candidates })}
        />
        <button type="button" onClick={() => edit({ candidates: [...review.candidates, { id: `Q-${review.candidates.length + 1}`, item: items[0] ?? "", quantity: 10, due: plant.planStart ?? "", priority: 3 }] })}>
          {t("review.add")}
        </button>
        <h3>{t("review.changes")}</h3>
        <EditableRows
          t={t}
          rows={review.changes}
          fields={[
            { label: "orders.order", kind: "choice", choices: (plant.orders ?? []).map((o) => ({ value: o.id })), get: (c) => c.order, set: (c, order) => ({ ...c, order }) },
            // An empty quantity or date leaves that field as confirmed: it is left out, not sent empty.
            { label: "orders.quantity", kind: "number", min: 0.001, get: (c) => c.quantity, set: ({ quantity: _q, ...c }, v) => (numberOrNull(v) === null ? c : { ...c, quantity: Number(v) }) },
            { label: "orders.due", kind: "datetime", get: (c) => c.due, set: ({ due: _d, ...c }, v) => (v ? { ...c, due: v } : c) },
            // A specification change: empty keeps the confirmed item.
            { label: "orders.item", kind: "choice", choices: [{ value: "", label: "—" }, ...items.map((value) => ({ value }))], get: (c) => c.item ?? "", set: ({ item: _i, ...c }, v) => (v ? { ...c, item: v } : c) },
            { label: "review.maxDelayDays", kind: "number", min: 0, get: (c) => c.maxDelayDays, set: ({ maxDelayDays: _m, ...c }, v) => (numberOrNull(v) === null ? c : { ...c, maxDelayDays: Number(v) }) },
          ]}
          onChange={(changes) => edit({ changes })}
        />
        <div class="toolbar">
          <button type="button" disabled={!plant.orders?.length} onClick={() => edit({ changes: [...review.changes, { order: plant.orders![0]!.id }] })}>
            {t("review.addChange")}
          </button>
          <button type="submit" class="primary" data-testid="review-run" disabled={job.running || review.candidates.length + review.changes.length === 0}>
            {t("review.run")}
          </button>
          <JobProgressBar job={job} expectedMs={3000} t={t} />
        </div>
      </form>
      {review.response && (
        <div class="card" data-testid="review-decisions">
          <table>
            <thead>
              <tr>
                <th>{t("orders.order")}</th>
                <th>{t("review.decision")}</th>
                <th>{t("review.requested")}</th>
                <th>{t("review.promise")}</th>
                <th>{t("review.reasons")}</th>
                <th>{t("review.impact")}</th>
              </tr>
            </thead>
            <tbody>
              {[...review.response.changes, ...review.response.candidates].map((d) => (
                <DecisionRow key={d.order} t={t} decision={d} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function DecisionRow({ t, decision }: { t: Translate; decision: ReviewDecision }) {
  const labels = { accept: "review.accept", "counter-offer": "review.counterOffer", decline: "review.decline" } as const;
  return (
    <tr data-order={decision.order} data-decision={decision.decision}>
      <td>
        <b>{decision.order}</b>
      </td>
      <td>
        <span class={`badge ${decision.decision}`}>{t(labels[decision.decision])}</span>
      </td>
      <td>{formatDateTime(decision.requested, t.lang)}</td>
      <td>
        {formatDateTime(decision.promise, t.lang)}
        {decision.splits && (
          <div class="muted" data-testid="review-splits">
            {decision.splits.map((split) => `${split.quantity} → ${formatDateTime(split.promise, t.lang)}`).join(" + ")}
          </div>
        )}
        {decision.options?.map((option) => (
          <div class="muted" key={option.name} data-testid="review-option" data-option={option.name}>
            {option.name}: {formatDateTime(option.promise, t.lang)} · {t("rush.weightedHarmValue", { value: option.weightedHarm })}
          </div>
        ))}
      </td>
      <td>{decision.reasons.map((r) => reasonText(r, t)).join("; ") || "—"}</td>
      <td>{decision.impact.length === 0 ? "—" : decision.impact.map((i) => `${i.order} (P${i.priority}) +${formatDuration(i.delayMinutes, t.lang)}`).join(", ")}</td>
    </tr>
  );
}

/** The review request: the plant (its material data included), the plan the shop works to, the candidates and changes. */
function reviewRequest(plant: Plant, operations: ReadonlyArray<unknown> | undefined, review: ReviewState): Plant {
  const now = plant.now ?? plant.planStart;
  return { ...plant, ...(operations ? { schedule: { operations } } : {}), candidates: [...review.candidates], changes: [...review.changes], ...(now ? { now } : {}) };
}
