/**
 * Insert and review without `schedule`: the answer must be the one for the same request carrying the plan
 * /v1/schedule gives with the same seed, workers, iteration cap and time limit, obtained independently from
 * that route. The iteration cap binds long before the small shop's work budget, so the plans repeat on any
 * machine. Every plan is checked by the independent validator.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insert } from "../../api/capabilities/insert.ts";
import { review } from "../../api/capabilities/review.ts";
import { ErrorResponse } from "../../api/errors.ts";
import { createSolverPool } from "../../api/pool.ts";
import type { RunOptions, SolverPool } from "../../api/pool.ts";
import type { TaskKind } from "../../api/tasks.ts";
import { InsertRequest, InsertResponse } from "../../src/insert.ts";
import { ReviewResponse } from "../../src/review.ts";
import { ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { jsonText, post, testApp } from "../helpers/app.ts";
import { takt } from "../helpers/cli.ts";
import { validateSchedule } from "../helpers/validate-schedule.ts";
import { expectSoundOptions, NOW, ORDERS, PROGRESS, shop } from "../solver/insert/fixtures.ts";

const SEARCH = { seed: 3, workers: 2, maxIterations: 40 };
// Generous: the iteration cap ends every search long before it, so the plans repeat on any machine, however busy.
const BASE_SECONDS = 10;
const OPTIONS = { ...SEARCH, baseScheduleSeconds: BASE_SECONDS };
const RUSH = { id: "R1", item: "red-frame", quantity: 8, due: "2026-03-04T14:00", priority: 1 };
const MATERIAL = {
  items: [
    { id: "red-frame", source: "make" },
    { id: "blue-panel", source: "make" },
    { id: "steel", source: "buy", onHand: 400, leadTime: 3 },
  ],
  bom: [
    { parent: "red-frame", component: "steel", quantity: 2 },
    { parent: "blue-panel", component: "steel", quantity: 1 },
  ],
};
const CANDIDATES = [
  { id: "C1", item: "blue-panel", quantity: 20, due: "2026-03-05T14:00", maxDelayDays: 10 },
  { id: "C2", item: "red-frame", quantity: 200, due: "2026-03-06T14:00", engineeringDays: 2 },
];
const CHANGES = [{ order: "A5", quantity: 30 }];

const dummyKpis = { onTimeRate: 0, weightedTardiness: 0, makespanMinutes: 0, setupMinutes: 0, changeoverMinutes: 0, utilization: {} };
const dummySolver = { elapsedMs: 0, iterations: 0, workers: 1, bestFoundAtMs: 0, objective: [] };

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

/** The plan /v1/schedule gives for the shop's confirmed orders from `now`, with the search options, checked by the validator. */
async function scheduleRoute(search: Record<string, unknown>, base: Record<string, unknown> = shop(ORDERS)): Promise<ScheduleResponse> {
  const body = { ...base, planStart: NOW, progress: PROGRESS, options: { ...search, timeLimitSeconds: BASE_SECONDS } };
  const res = await post(app, "/v1/schedule", body);
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  const plan = ScheduleResponse.parse(res.json());
  expect(validateSchedule(ScheduleRequest.parse(body), plan)).toEqual([]);
  return plan;
}

/** Validator errors of a review decision's plan: the confirmed orders (one changed) with the reviewed one. */
/** What accepted decisions buy arrives for them (reasons with source "purchase"). */
function purchases(decisions: ReadonlyArray<ReviewResponse["candidates"][number]>) {
  return decisions.flatMap((d) => d.reasons.flatMap((r) => (r.kind === "material" && r.source === "purchase" && r.shortage > 0 ? [{ item: r.item, date: r.availableDate, quantity: r.shortage }] : [])));
}

function decisionErrors(request: Record<string, any>, orders: unknown[], schedule: NonNullable<ReviewResponse["candidates"][number]["schedule"]>, bought: unknown[] = []): string[] {
  const scheduleRequest = ScheduleRequest.parse({ ...request, receipts: [...(request.receipts ?? []), ...bought], orders, planStart: NOW });
  const errors = validateSchedule(scheduleRequest, { status: "feasible", operations: schedule.operations, orders: schedule.orders, kpis: dummyKpis, solver: dummySolver });
  // The decision carries no KPIs of its own.
  return errors.filter((e) => !/onTimeRate|weightedTardiness|makespan/.test(e));
}

describe("POST /v1/schedule/insert without schedule", () => {
  const body = { ...shop(ORDERS), rushOrders: [RUSH], now: NOW, frozenUntil: "2026-03-02T10:00", progress: PROGRESS, options: { ...OPTIONS, timeLimitSeconds: 2 } };

  it("answers as with the plan /v1/schedule gives for the same seed, workers and limits", async () => {
    const computed = await post(app, "/v1/schedule/insert", body);
    expect(computed.statusCode, computed.body.slice(0, 300)).toBe(200);
    const withoutPlan = InsertResponse.parse(computed.json());

    const plan = await scheduleRoute(SEARCH);
    const withPlanBody = { ...body, schedule: plan };
    const given = await post(app, "/v1/schedule/insert", withPlanBody);
    expect(given.statusCode, given.body.slice(0, 300)).toBe(200);
    const withPlan = InsertResponse.parse(given.json());

    expect(withoutPlan.status).toBe("feasible");
    expect(withoutPlan.options).toEqual(withPlan.options);
    expect(withPlan.baseSchedule).toEqual({ source: "given" });
    expect(withoutPlan.baseSchedule).toMatchObject({ source: "computed", status: plan.status, kpis: plan.kpis });
    expect(withoutPlan.baseSchedule?.source === "computed" && withoutPlan.baseSchedule.solver.objective).toEqual(plan.solver.objective);
    expectSoundOptions(InsertRequest.parse(withPlanBody), withoutPlan, true);
  });

  it("plans with the request's seed: another seed gives /v1/schedule's plan for that seed", async () => {
    const res = await post(app, "/v1/schedule/insert", { ...body, options: { ...body.options, seed: 11 } });
    expect(res.statusCode).toBe(200);
    const response = InsertResponse.parse(res.json());
    const plan = await scheduleRoute({ ...SEARCH, seed: 11 });
    expect(response.baseSchedule).toMatchObject({ source: "computed", kpis: plan.kpis });
    expectSoundOptions(InsertRequest.parse({ ...body, schedule: plan }), response, true);
  });

  it("is a 200 infeasible when the confirmed orders cannot be planned, and review is a 422 at schedule", async () => {
    // The paint booths never work: no plan exists for any order that paints.
    const model = shop(ORDERS);
    const never = { id: "never", shifts: {} };
    const broken = { ...model, calendars: [...model.calendars, never], resources: model.resources.map((r) => (r.id.startsWith("PAINT") ? { ...r, calendar: "never" } : r)) };
    const infeasible = await post(app, "/v1/schedule", { ...broken, planStart: NOW, progress: PROGRESS, options: { ...SEARCH, timeLimitSeconds: BASE_SECONDS } });
    expect(ScheduleResponse.parse(infeasible.json()).status).toBe("infeasible");

    const res = await post(app, "/v1/schedule/insert", { ...body, ...broken });
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const response = InsertResponse.parse(res.json());
    expect(response).toMatchObject({ status: "infeasible", options: [], baseSchedule: { source: "computed", status: "infeasible" } });
    expect(response.reason).toMatch(/^no plan for the confirmed orders: /);

    const reviewed = await post(app, "/v1/orders/review", { ...broken, now: NOW, progress: PROGRESS, candidates: CANDIDATES, options: OPTIONS });
    expect(reviewed.statusCode).toBe(422);
    expect(ErrorResponse.parse(reviewed.json()).problems!.map((p) => p.path)).toEqual(["schedule"]);
  });
});

describe("POST /v1/orders/review without schedule", () => {
  const body = { ...shop(ORDERS), ...MATERIAL, now: NOW, progress: PROGRESS, candidates: CANDIDATES, changes: CHANGES, options: OPTIONS };

  it("answers as with the plan /v1/schedule gives for the same seed, workers and limits", async () => {
    const computed = await post(app, "/v1/orders/review", body);
    expect(computed.statusCode, computed.body.slice(0, 300)).toBe(200);
    const withoutPlan = ReviewResponse.parse(computed.json());

    const plan = await scheduleRoute(SEARCH);
    const given = await post(app, "/v1/orders/review", { ...body, schedule: plan });
    expect(given.statusCode, given.body.slice(0, 300)).toBe(200);
    const withPlan = ReviewResponse.parse(given.json());

    expect(withoutPlan.changes).toEqual(withPlan.changes);
    expect(withoutPlan.candidates).toEqual(withPlan.candidates);
    expect(withPlan.baseSchedule).toEqual({ source: "given" });
    expect(withoutPlan.baseSchedule).toMatchObject({ source: "computed", status: plan.status, kpis: plan.kpis });

    // Each decision's plan: the confirmed orders with the changes and candidates accepted before it, and itself.
    let orders: any[] = [...body.orders];
    const accepted: Array<ReviewResponse["candidates"][number]> = [];
    for (const [i, decision] of withoutPlan.changes.entries()) {
      const changed = { ...orders.find((o) => o.id === CHANGES[i]!.order), quantity: CHANGES[i]!.quantity };
      const trial = orders.map((o) => (o.id === changed.id ? changed : o));
      if (decision.schedule !== undefined) expect(decisionErrors(body, trial, decision.schedule, purchases([...accepted, decision])), decision.order).toEqual([]);
      if (decision.decision !== "decline") orders = trial;
      if (decision.decision === "accept") accepted.push(decision);
    }
    for (const [i, decision] of withoutPlan.candidates.entries()) {
      const { engineeringDays: _e, maxDelayDays: _m, ...order } = CANDIDATES[i]! as Record<string, unknown>;
      if (decision.schedule !== undefined) expect(decisionErrors(body, [...orders, order], decision.schedule, purchases([...accepted, decision])), decision.order).toEqual([]);
      if (decision.decision !== "decline") orders = [...orders, order];
      if (decision.decision === "accept") accepted.push(decision);
    }
    expect(withoutPlan.candidates.some((d) => d.schedule !== undefined)).toBe(true);
  });
});

describe("the plan-computing step", () => {
  /** A real pool that records every task it is given. */
  function recording(pool: SolverPool): SolverPool & { seen: Array<{ kind: TaskKind; options: RunOptions }> } {
    const seen: Array<{ kind: TaskKind; options: RunOptions }> = [];
    return {
      seen,
      threads: pool.threads,
      batchThreads: pool.batchThreads,
      queued: 0,
      liveThreads: () => pool.liveThreads(),
      warm: () => pool.warm(),
      close: () => pool.close(),
      run: (kind, input, options) => (seen.push({ kind, options }), pool.run(kind, input, options)),
    };
  }

  it("hands the caller's abort signal to both the scheduling search and the insertion or review", async () => {
    const pool = recording(createSolverPool({ threads: 1 }));
    try {
      const signal = new AbortController().signal;
      const small = { ...shop(ORDERS), now: NOW, progress: PROGRESS, options: { ...OPTIONS, workers: 1 } };
      await insert.run(jsonText({ ...small, rushOrders: [RUSH] }), { pool, signal });
      await review.run(jsonText({ ...small, candidates: CANDIDATES }), { pool, signal });
      // Insertion: the base plan, the shift-only options, re-plan's and protect-confirmed's searches, the answer with them; review: the base plan, the review.
      expect(pool.seen.map((s) => s.kind)).toEqual(["schedule-search", "insert", "insert-search", "insert-search", "insert-searched", "schedule-search", "review"]);
      for (const { options } of pool.seen) expect(options.signal).toBe(signal);
    } finally {
      await pool.close();
    }
  });
});

describe("takt insert FILE without schedule", () => {
  it("prints the route's answer for a file without a plan", async () => {
    const search = { seed: 5, workers: 1, maxIterations: 30 };
    const request = { ...shop(ORDERS), rushOrders: [RUSH], now: NOW, progress: PROGRESS, options: { ...search, baseScheduleSeconds: BASE_SECONDS, timeLimitSeconds: 2 } };
    const path = join(mkdtempSync(join(tmpdir(), "takt-insert-")), "shop.json");
    writeFileSync(path, JSON.stringify(request));
    const { code, stdout, stderr } = await takt("insert", path);
    expect(code, stderr).toBe(0);
    const response = InsertResponse.parse(JSON.parse(stdout));
    expect(response.baseSchedule?.source).toBe("computed");
    const plan = await scheduleRoute(search);
    expectSoundOptions(InsertRequest.parse({ ...request, schedule: plan }), response, true);
    const route = InsertResponse.parse((await post(app, "/v1/schedule/insert", request)).json());
    expect(response.options).toEqual(route.options);
  });
});
