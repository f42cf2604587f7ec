/**
 * Independent validator of a countermeasure plan. It trusts only the request and the report's
 * before-figures (load and available per resource and bucket), re-derives every action's permission and
 * cost from the request's levers, applies the actions itself, and checks that load after ≤ capacity after
 * + uncovered, that nothing goes negative, and that the plan's own after/uncovered/totalCost agree.
 * It shares no code with solver/capacity beyond the schema types.
 */
import { expect } from "vitest";
import type { CapacityRequest, CapacityResponse } from "../../../src/capacity.ts";
import { priorityWeight } from "../../../src/order.ts";
import { parseDate, parseDateTime } from "../../../src/time.ts";

const TOL = 1e-3;

export interface CheckedPlan {
  uncoveredMinutes: number;
  totalCost: number;
}

export function validateCountermeasures(request: CapacityRequest, response: CapacityResponse): CheckedPlan {
  const plan = response.countermeasures;
  expect(plan).not.toBeNull();
  const { actions } = plan!;
  const levers = request.levers!;
  const n = request.buckets.count;
  const resources = new Map(request.resources.map((r) => [r.id, r]));
  const load = new Map(response.resources.map((r) => [r.id, r.buckets.map((b) => b.loadMinutes)]));
  const available = new Map(response.resources.map((r) => [r.id, r.buckets.map((b) => b.availableMinutes)]));
  const orders = new Map(request.orders.map((o) => [o.id, o]));
  const bucketSize = request.buckets.size === "day" ? 1440 : 10080;
  const planStart = request.planStart === undefined ? parseDate(request.buckets.start)! : parseDateTime(request.planStart)!;
  const firstBucket = Math.max(0, Math.floor((planStart - parseDate(request.buckets.start)!) / bucketSize));

  const overtimeUsed = new Map<string, number>();
  const deferred = new Map<string, number>(); // `${order}/${resource}` → minutes deferred
  const minutesOn = (orderId: string, resource: string) => 60 * (response.orders.find((o) => o.id === orderId)!.hoursByResource[resource] ?? 0);

  for (const a of actions) {
    const resource = resources.get(a.resource);
    expect(resource, `action on unknown resource ${a.resource}`).toBeDefined();
    expect(a.minutes).toBeGreaterThan(0);
    expect(a.bucket >= 0 && a.bucket < n).toBe(true);
    const cell = (id: string, b: number) => load.get(id)![b]!;
    const move = (fromId: string, fromB: number, toId: string, toB: number) => {
      load.get(fromId)![fromB] = cell(fromId, fromB) - a.minutes;
      load.get(toId)![toB] = cell(toId, toB) + a.minutes;
    };
    switch (a.kind) {
      case "overtime": {
        expect(levers.overtime && resource!.overtime !== undefined).toBe(true);
        const key = `${a.resource}/${a.bucket}`;
        overtimeUsed.set(key, (overtimeUsed.get(key) ?? 0) + a.minutes);
        expect(overtimeUsed.get(key)!).toBeLessThanOrEqual(resource!.overtime!.maxMinutesPerBucket + TOL);
        expect(a.cost).toBeCloseTo(a.minutes * resource!.overtime!.costPerMinute, 6);
        available.get(a.resource)![a.bucket] = available.get(a.resource)![a.bucket]! + a.minutes * resource!.efficiency;
        break;
      }
      case "outsource": {
        const price = levers.outsourceCostPerMinute[a.resource];
        expect(price, `outsourcing not allowed on ${a.resource}`).toBeDefined();
        expect(a.cost).toBeCloseTo(a.minutes * price!, 6);
        load.get(a.resource)![a.bucket] = cell(a.resource, a.bucket) - a.minutes;
        break;
      }
      case "alternate": {
        expect(levers.alternates).toBe(true);
        const op = request.routings.find((r) => r.item === a.item)?.operations.find((o) => o.id === a.operation);
        expect(op, `no operation ${a.item}/${a.operation}`).toBeDefined();
        expect(op!.resources[0]).toBe(a.resource);
        expect(op!.resources.includes(a.toResource!) && a.toResource !== a.resource).toBe(true);
        expect(a.cost).toBeCloseTo(a.minutes * levers.alternateCostPerMinute, 6);
        move(a.resource, a.bucket, a.toResource!, a.bucket);
        break;
      }
      case "build-ahead": {
        expect(levers.buildAhead).toBe(true);
        expect(a.toBucket).toBe(a.bucket - 1);
        expect(a.toBucket!).toBeGreaterThanOrEqual(firstBucket);
        expect(a.cost).toBeCloseTo(a.minutes * levers.holdingCostPerMinutePerBucket, 6);
        move(a.resource, a.bucket, a.resource, a.toBucket!);
        break;
      }
      case "defer": {
        // The order's load in that cell is at most its load on the resource, and deferring all of it by k
        // buckets costs latenessCostPerBucket × weight × k: so the price per minute is at least that / its load.
        expect(levers.latenessCostPerBucket).toBeDefined();
        const order = orders.get(a.order!);
        expect(order, `defer of unknown order ${a.order}`).toBeDefined();
        const k = a.toBucket! - a.bucket;
        expect(k >= 1 && k <= levers.maxDeferBuckets && a.toBucket! < n).toBe(true);
        const key = `${a.order}/${a.resource}`;
        deferred.set(key, (deferred.get(key) ?? 0) + a.minutes);
        expect(deferred.get(key)!).toBeLessThanOrEqual(minutesOn(a.order!, a.resource) + TOL);
        const floor = (levers.latenessCostPerBucket! * priorityWeight(order!.priority) * k * a.minutes) / minutesOn(a.order!, a.resource);
        expect(a.cost).toBeGreaterThanOrEqual(floor * (1 - 1e-6)); // hoursByResource is rounded to 1e-6 h
        move(a.resource, a.bucket, a.resource, a.toBucket!);
        break;
      }
    }
  }

  let uncoveredMinutes = 0;
  const expectedUncovered: Array<{ resource: string; bucket: number; minutes: number }> = [];
  for (const [id, cells] of load) {
    const after = plan!.after.find((x) => x.resource === id)!;
    cells.forEach((l, b) => {
      expect(l, `negative load after actions on ${id}[${b}]`).toBeGreaterThan(-TOL);
      expect(after.loadMinutes[b]).toBeCloseTo(l, 3);
      expect(after.availableMinutes[b]).toBeCloseTo(available.get(id)![b]!, 3);
      const over = l - available.get(id)![b]!;
      if (over > TOL) {
        expectedUncovered.push({ resource: id, bucket: b, minutes: over });
        uncoveredMinutes += over;
      }
    });
  }
  const reported = new Map(plan!.uncovered.map((u) => [`${u.resource}/${u.bucket}`, u.minutes]));
  for (const u of expectedUncovered) expect(reported.get(`${u.resource}/${u.bucket}`) ?? 0).toBeCloseTo(u.minutes, 3);
  expect(plan!.uncovered.reduce((s, u) => s + u.minutes, 0)).toBeCloseTo(uncoveredMinutes, 3);
  const totalCost = actions.reduce((s, a) => s + a.cost, 0);
  expect(plan!.totalCost).toBeCloseTo(totalCost, 6);
  return { uncoveredMinutes, totalCost };
}
