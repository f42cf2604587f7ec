import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insert } from "../../api/capabilities/insert.ts";
import { review } from "../../api/capabilities/review.ts";
import { ErrorResponse } from "../../api/errors.ts";
import { expandScenarios } from "../../api/jobs/scenarios.ts";
import type { CapacityResponse } from "../../src/capacity.ts";
import { InsertRequest, InsertResponse } from "../../src/insert.ts";
import type { ScheduleResponse } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";
import { testApp } from "../helpers/app.ts";
import { steelPlantWithPlan } from "../helpers/demo.ts";
import { expectSoundOptions } from "../solver/insert/fixtures.ts";
import { post, steelPlant, tinyCapacity, waitFor, waitForBatch } from "./jobs-helpers.ts";
import { BACKENDS, useBackend } from "./job-backends.ts";

interface Batch {
  id: string;
  kind: string;
  status: string;
  scenarios: Array<{ name: string; job: string; status: string; error?: { problems?: Array<{ path: string }> } }>;
  comparison: null | {
    kpis: Array<{ key: string; better: string }>;
    scenarios: Array<{ name: string; status: string; values: Record<string, number | string | null>; vsBase: Record<string, number | null> }>;
  };
}

describe.each(BACKENDS)("scenario batches on %s", (name) => {
  const backend = useBackend(name);
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp({ jobs: backend.jobs() });
  });
  afterAll(() => app.close());

  /** Overload and peak utilization computed from the raw per-bucket report, not from the KPI code. */
  function overloadOf(report: CapacityResponse) {
    const buckets = report.resources.flatMap((r) => r.buckets);
    return {
      overload: buckets.reduce((sum, b) => sum + Math.max(0, b.loadMinutes - b.availableMinutes), 0),
      peak: Math.max(...buckets.map((b) => b.loadMinutes / b.availableMinutes).filter(Number.isFinite)),
    };
  }

  describe("a capacity scenario batch on the demo steel plant", () => {
    it("shows that a third shift on the galvanizing line removes its overload, with differences to the base", async () => {
      const res = await post(app, "/v1/scenarios", {
        kind: "capacity",
        base: steelPlant(),
        variations: [
          { name: "third shift on CGL", patch: { resources: { CGL: { calendar: "continuous-three-shift" } } } },
          { name: "20 % more demand", scaleDemand: 1.2 },
        ],
        options: { label: "Q2 capacity study" },
      });
      expect(res.statusCode, res.body).toBe(202);
      const accepted = res.json() as { id: string; scenarios: Array<{ name: string; job: string }> };
      expect(res.headers.location).toBe(`/v1/scenarios/${accepted.id}`);
      expect(accepted.scenarios.map((s) => s.name)).toEqual(["base", "third shift on CGL", "20 % more demand"]);

      const batch = await waitForBatch<Batch>(app, accepted.id);
      expect(batch.scenarios.map((s) => s.status)).toEqual(["done", "done", "done"]);
      const [base, thirdShift, moreDemand] = batch.comparison!.scenarios;

      // Independently: the base and third-shift reports from their jobs, re-derived bucket by bucket.
      const reports = await Promise.all(accepted.scenarios.map(async (s) => (await waitFor(app, s.job)).result as CapacityResponse));
      const [baseFigures, thirdFigures] = reports.map(overloadOf);
      expect(base!.values.overloadMinutes).toBeCloseTo(baseFigures!.overload, 6);
      expect(thirdShift!.values.overloadMinutes).toBeCloseTo(thirdFigures!.overload, 6);
      expect(base!.values.peakUtilization).toBeCloseTo(baseFigures!.peak, 9);
      expect(base!.values.peakResource).toBe("CGL");

      // The direction: the galvanizing line was overloaded, and a third shift takes that away.
      expect(base!.values.overloadMinutes).toBeGreaterThan(0);
      expect(thirdShift!.values.overloadMinutes).toBe(0);
      const cglPeak = (r: CapacityResponse) => r.bottlenecks.find((b) => b.resource === "CGL")!.peakUtilization!;
      expect(cglPeak(reports[1]!)).toBeLessThan(cglPeak(reports[0]!));
      expect(thirdShift!.values.countermeasureCost as number).toBeLessThan(base!.values.countermeasureCost as number);
      expect(moreDemand!.values.overloadMinutes as number).toBeGreaterThan(base!.values.overloadMinutes as number);

      // Differences are scenario minus base, for every numeric KPI; names have none.
      for (const row of batch.comparison!.scenarios) {
        for (const key of ["peakUtilization", "overloadMinutes", "countermeasureCost", "uncoveredMinutes"]) {
          expect(row.vsBase[key], `${row.name} ${key}`).toBeCloseTo((row.values[key] as number) - (base!.values[key] as number), 9);
        }
        expect(row.vsBase).not.toHaveProperty("peakResource");
      }
      expect(base!.vsBase.overloadMinutes).toBe(0);
      expect(thirdShift!.vsBase.overloadMinutes).toBe(-(base!.values.overloadMinutes as number));
      expect(batch.comparison!.kpis.find((k) => k.key === "overloadMinutes")?.better).toBe("lower");
    });

    it("answers a variation patching a non-existent resource with 422 naming it, before queueing anything", async () => {
      const before = ((await app.inject({ method: "GET", url: "/v1/jobs?limit=1000" })).json() as { jobs: unknown[] }).jobs.length;
      const res = await post(app, "/v1/scenarios", {
        kind: "capacity",
        base: steelPlant(),
        variations: [
          { name: "ok", patch: { resources: { CGL: { units: 2 } } } },
          { name: "second line", patch: { resources: { CGL2: { units: 1 } } } },
        ],
      });
      expect(res.statusCode).toBe(422);
      const body = ErrorResponse.parse(res.json());
      expect(body.code).toBe("TAKT_ERR_PATCH_TARGET");
      expect(body.problems?.map((p) => p.path)).toEqual(["variations[1].patch.resources.CGL2"]);
      expect(body.problems?.[0]?.message).toContain('"CGL2"');
      const after = ((await app.inject({ method: "GET", url: "/v1/jobs?limit=1000" })).json() as { jobs: unknown[] }).jobs.length;
      expect(after).toBe(before);
    });

    it("answers malformed batches with 400 and the failing paths", async () => {
      const cases: Array<[unknown, string[]]> = [
        [{ kind: "validate", base: tinyCapacity() }, ["kind"]],
        [{ kind: "capacity", base: tinyCapacity(), variations: [{ name: "x" }, { name: "x" }, { name: "base" }] }, ["variations[1].name", "variations[2].name"]],
        [{ kind: "capacity", base: { ...tinyCapacity(), buckets: undefined } }, ["base.buckets"]],
        [{ kind: "capacity", base: tinyCapacity(), variations: [{ name: "neg", patch: { resources: { lathe: { units: -1 } } } }] }, ["variations[0].input.resources[1].units"]],
        [{ kind: "capacity", base: tinyCapacity(), variations: [{ name: "zero", scaleDemand: 0 }] }, ["variations[0].scaleDemand"]],
      ];
      for (const [body, paths] of cases) {
        const res = await post(app, "/v1/scenarios", body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
        expect(ErrorResponse.parse(res.json()).problems?.map((p) => p.path)).toEqual(paths);
      }
    });

    it("compares what it can when a scenario's model is wrong: that one fails with its problems", async () => {
      const res = await post(app, "/v1/scenarios", {
        kind: "capacity",
        base: tinyCapacity(),
        variations: [{ name: "typo", patch: { resources: { press: { calendar: "dya" } } } }],
      });
      const batch = await waitForBatch<Batch>(app, (res.json() as { id: string }).id);
      expect(batch.scenarios.map((s) => s.status)).toEqual(["done", "failed"]);
      expect(batch.scenarios[1]!.error?.problems?.map((p) => p.path)).toContain("resources[0].calendar");
      const typo = batch.comparison!.scenarios[1]!;
      expect(typo.values).toEqual({});
      expect(Object.values(typo.vsBase).every((v) => v === null)).toBe(true);
      expect(batch.comparison!.scenarios[0]!.values.overloadMinutes).toBeTypeOf("number");
    });

    it("answers an unknown batch with a coded 404", async () => {
      const res = await app.inject({ method: "GET", url: "/v1/scenarios/nope" });
      expect(res.statusCode).toBe(404);
      expect(ErrorResponse.parse(res.json()).code).toBe("TAKT_ERR_JOB_NOT_FOUND");
    });
  });

  describe("a schedule scenario batch on the demo steel plant", () => {
    it("reads each plan's KPIs and its busiest resource, with differences to the base", async () => {
      const base = { ...steelPlant(), options: { timeLimitSeconds: 1, seed: 3, workers: 1 } };
      const res = await post(app, "/v1/scenarios", {
        kind: "schedule",
        base,
        variations: [{ name: "third shift on CGL", patch: { resources: { CGL: { calendar: "continuous-three-shift" } } } }],
      });
      expect(res.statusCode, res.body).toBe(202);
      const accepted = res.json() as { id: string; scenarios: Array<{ job: string }> };
      const batch = await waitForBatch<Batch>(app, accepted.id);
      const plans = await Promise.all(accepted.scenarios.map(async (s) => (await waitFor(app, s.job)).result as ScheduleResponse));
      batch.comparison!.scenarios.forEach((row, i) => {
        const { kpis } = plans[i]!;
        const busiest = Object.entries(kpis.utilization).sort((a, b) => b[1] - a[1])[0]!;
        expect(row.values).toEqual({
          onTimeRate: kpis.onTimeRate,
          weightedTardiness: kpis.weightedTardiness,
          makespanMinutes: kpis.makespanMinutes,
          maxUtilization: busiest[1],
          busiestResource: busiest[0],
        });
        expect(row.vsBase.weightedTardiness).toBe(kpis.weightedTardiness - plans[0]!.kpis.weightedTardiness);
      });
    });
  });

  describe("a bottleneck scenario batch on the demo steel plant", () => {
    it("reads throughput, net profit and the constraint from each result; more capacity never lowers the optimal throughput", async () => {
      const res = await post(app, "/v1/scenarios", {
        kind: "bottleneck",
        base: steelPlant(),
        variations: [{ name: "third shift on CGL", patch: { resources: { CGL: { calendar: "continuous-three-shift" } } } }],
      });
      expect(res.statusCode, res.body).toBe(202);
      const accepted = res.json() as { id: string; scenarios: Array<{ job: string }> };
      const batch = await waitForBatch<Batch>(app, accepted.id);
      const results = await Promise.all(
        accepted.scenarios.map(async (s) => (await waitFor(app, s.job)).result as { throughput: number; netProfit: number; mixStatus: string; constraint: { resource: string | null } }),
      );
      batch.comparison!.scenarios.forEach((row, i) => {
        expect(row.values).toEqual({ throughput: results[i]!.throughput, netProfit: results[i]!.netProfit, constraint: results[i]!.constraint.resource ?? "market" });
      });
      const [base, third] = batch.comparison!.scenarios;
      expect(base!.values.constraint).toBe("CGL");
      expect(results.map((r) => r.mixStatus)).toEqual(["optimal", "optimal"]);
      expect(third!.vsBase.throughput).toBeGreaterThanOrEqual(0);
      expect(third!.vsBase.netProfit).toBeCloseTo(third!.vsBase.throughput!, 6);
    });
  });

  describe("an MRP scenario batch", () => {
    it("prices planned purchases at the items' unit cost (hand-worked)", async () => {
      // 12 bikes due in bucket 2, 4 wheels on hand, 2 wheels per bike at 30 each, lot-for-lot:
      // 24 − 4 = 20 wheels to buy → 600. Doubling demand: 48 − 4 = 44 → 1320. The wheel order is released in
      // bucket 0: a release message, which the exceptions KPI does not count.
      const base = {
        buckets: { start: "2026-03-02", size: "week", count: 4 },
        items: [
          { id: "bike", source: "make", leadTime: 1 },
          { id: "wheel", source: "buy", leadTime: 1, onHand: 4, unitCost: 30 },
        ],
        bom: [{ parent: "bike", component: "wheel", quantity: 2 }],
        demands: [{ id: "d1", item: "bike", bucket: 2, quantity: 12 }],
      };
      const res = await post(app, "/v1/scenarios", { kind: "mrp", base, variations: [{ name: "double", scaleDemand: 2 }] });
      expect(res.statusCode, res.body).toBe(202);
      const batch = await waitForBatch<Batch>(app, (res.json() as { id: string }).id);
      const [baseRow, double] = batch.comparison!.scenarios;
      expect(baseRow!.values).toEqual({ purchaseSpend: 600, plannedOrders: 2, exceptions: 0 });
      expect(double!.values).toEqual({ purchaseSpend: 1320, plannedOrders: 2, exceptions: 0 });
      expect(double!.vsBase).toEqual({ purchaseSpend: 720, plannedOrders: 0, exceptions: 0 });
    });
  });

  describe("an insert scenario batch on the demo steel plant", () => {
    const thirdShift = { resources: { CGL: { calendar: "continuous-three-shift" } } };

    // A second galvanizing line rather than a third shift: the frozen operations keep the times the base
    // calendar gave them, which a calendar with more working time no longer matches (the validator would say so).
    it("shows that a second galvanizing line ships the rush order with fewer confirmed orders harmed", async () => {
      const base: Record<string, any> = { ...(await steelPlantWithPlan(app)), options: { timeLimitSeconds: 1 } };
      const res = await post(app, "/v1/scenarios", { kind: "insert", base, variations: [{ name: "second CGL", patch: { resources: { CGL: { units: 2 } } } }] });
      expect(res.statusCode, res.body).toBe(202);
      const accepted = res.json() as { id: string; scenarios: Array<{ job: string }> };
      const batch = await waitForBatch<Batch>(app, accepted.id);
      expect(batch.scenarios.map((s) => s.status)).toEqual(["done", "done"]);

      // Each answer's plans checked by the validator (expectSoundOptions), against the request that job ran.
      const variation = structuredClone(base);
      variation.resources.find((r: { id: string }) => r.id === "CGL").units = 2;
      const requests = [InsertRequest.parse(base), InsertRequest.parse(variation)];
      const answers = await Promise.all(accepted.scenarios.map(async (s) => InsertResponse.parse((await waitFor(app, s.job)).result)));
      answers.forEach((answer, i) => expectSoundOptions(requests[i]!, answer, true));

      // The KPIs re-derived from each answer's plans: the one rush order's completion and lateness, harm counted on
      // the confirmed orders' completions before and after.
      const rush = requests[0]!.rushOrders[0]!;
      const completions = (operations: ReadonlyArray<{ order: string; end: string }>) => {
        const done = new Map<string, number>();
        for (const op of operations) done.set(op.order, Math.max(done.get(op.order) ?? -Infinity, parseDateTime(op.end)!));
        return done;
      };
      const planned = completions(requests[0]!.schedule.operations);
      const figures = (answer: InsertResponse, name: string) => {
        const option = answer.options.find((o) => o.name === name)!;
        const done = completions(option.schedule.operations);
        const delays = requests[0]!.orders.map((o) => Math.max(0, done.get(o.id)! - planned.get(o.id)!));
        const harmed = requests[0]!.orders.filter((o) => done.get(o.id)! > Math.max(planned.get(o.id)!, parseDateTime(o.due)!)).length;
        return { promise: done.get(rush.id)!, lateness: done.get(rush.id)! - parseDateTime(rush.due)!, harmed, delay: delays.reduce((a, b) => a + b, 0) };
      };
      batch.comparison!.scenarios.forEach((row, i) => {
        const [fastest, protect] = [figures(answers[i]!, "fastest"), figures(answers[i]!, "protect-confirmed")];
        const replan = answers[i]!.options.find((o) => o.name === "re-plan");
        const replanned = replan && figures(answers[i]!, "re-plan");
        expect(row.values).toEqual({
          fastestPromise: answers[i]!.options[0]!.promise[rush.id],
          fastestRushLatenessMinutes: fastest.lateness,
          fastestOrdersHarmed: fastest.harmed,
          fastestDelayMinutes: fastest.delay,
          fastestWeightedHarm: answers[i]!.options[0]!.weightedHarm,
          replanPromise: replan?.promise[rush.id] ?? null,
          replanRushLatenessMinutes: replanned?.lateness ?? null,
          replanWeightedHarm: replan?.weightedHarm ?? null,
          replanChanges: replan?.changes.count ?? null,
          protectPromise: answers[i]!.options.at(-1)!.promise[rush.id],
          protectRushLatenessMinutes: protect.lateness,
          protectDelayMinutes: protect.delay,
          tradeOffPlans: answers[i]!.options.length - 2,
        });
        expect(parseDateTime(row.values.fastestPromise as string)).toBe(fastest.promise);
        expect(row.vsBase).not.toHaveProperty("fastestPromise");
      });

      // The direction: in the base the galvanizing line is full, so the fastest plan harms confirmed orders and
      // protecting them ships the rush order late; a second line gives the rush order room.
      const [baseRow, second] = batch.comparison!.scenarios;
      expect(baseRow!.values.fastestOrdersHarmed).toBeGreaterThan(0);
      expect(baseRow!.values.protectRushLatenessMinutes).toBeGreaterThan(0);
      expect(second!.vsBase.fastestOrdersHarmed).toBeLessThan(0);
      expect(second!.vsBase.fastestRushLatenessMinutes).toBeLessThanOrEqual(0);
      expect(second!.vsBase.protectRushLatenessMinutes).toBeLessThan(0);
      expect(second!.vsBase.protectRushLatenessMinutes).toBe((second!.values.protectRushLatenessMinutes as number) - (baseRow!.values.protectRushLatenessMinutes as number));
    });

    it("refuses scaleDemand for insert and review with 400 when the base carries a plan, made for the base quantities", async () => {
      const withPlan = await steelPlantWithPlan(app);
      for (const kind of ["insert", "review"]) {
        const res = await post(app, "/v1/scenarios", { kind, base: withPlan, variations: [{ name: "ok", patch: thirdShift }, { name: "more", scaleDemand: 1.2 }] });
        expect(res.statusCode, kind).toBe(400);
        const body = ErrorResponse.parse(res.json());
        expect(body.problems?.map((p) => p.path)).toEqual(["variations[1].scaleDemand"]);
        expect(body.problems?.[0]?.message).toContain("current plan");
      }
    });

    it("scales insert and review scenarios whose base has no plan: each plans its own scaled orders first", () => {
      for (const capability of [insert, review]) {
        const base = steelPlant() as { orders: Array<{ quantity: number }> };
        const [, scaled] = expandScenarios(capability, base, [{ name: "more", scaleDemand: 2 }]);
        const orders = (scaled!.input as { orders: Array<{ quantity: number }> }).orders;
        expect(orders.map((order) => order.quantity)).toEqual(base.orders.map((order) => 2 * order.quantity));
      }
    });
  });
});
