import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ModelError } from "../../../src/errors.ts";
import { InsertRequest } from "../../../src/insert.ts";
import { formatDateTime, parseDateTime } from "../../../src/time.ts";
import { planRushInsertion } from "../../../solver/insert/plan-rush-insertion.ts";
import { appendBaseline, completions, currentPlan, expectSoundOptions, insertRequest, key, NOW, ORDERS, PROGRESS, shop } from "./fixtures.ts";

const clock = () => 0;
const RUSH = { id: "R1", item: "red-frame", quantity: 12, due: "2026-03-03T12:00", priority: 1 };

describe("planRushInsertion", () => {
  it("offers fastest and protect-confirmed plans that are valid, keep the frozen part and report their impact truly", () => {
    const request = insertRequest([RUSH], { frozenUntil: "2026-03-02T09:00" });
    const response = planRushInsertion(request, clock);
    expectSoundOptions(request, response);
    const [fastest, protect] = [response.options[0]!, response.options.at(-1)!];
    expect(parseDateTime(fastest.promise.R1!)).toBeLessThanOrEqual(appendBaseline(request, ["R1"]).get("R1")!);
    expect(parseDateTime(fastest.promise.R1!)).toBeLessThanOrEqual(parseDateTime(protect.promise.R1!)!);
  });

  it("jumps the queue in the fastest plan and delays confirmed orders for it", () => {
    const request = insertRequest([{ ...RUSH, quantity: 30 }]);
    const response = planRushInsertion(request, clock);
    expectSoundOptions(request, response);
    const fastest = response.options[0]!;
    // Appending would finish after every confirmed order's cut; jumping the queue is strictly earlier here.
    expect(parseDateTime(fastest.promise.R1!)).toBeLessThan(appendBaseline(request, ["R1"]).get("R1")!);
    expect(fastest.impact.length).toBeGreaterThan(0);
  });

  it("offers the plans in between, one of them shipping the rush order on time with less weighted harm than fastest", () => {
    // Eight orders due 30 minutes after their planned completion: whatever the rush order jumps makes late.
    const loose = Array.from({ length: 8 }, (_, i) => ({ id: `B${i}`, item: i % 2 ? "blue-panel" : "red-frame", quantity: 20, due: "2026-03-13T14:00", priority: 2 }));
    const plan = currentPlan(loose, []);
    const orders = loose.map((o) => ({ ...o, due: formatDateTime(parseDateTime(plan.orders.find((x) => x.id === o.id)!.completion!)! + 30) }));
    const rush = { id: "R", item: "red-frame", quantity: 15, due: "2026-03-03T10:00", priority: 1 };
    const request = InsertRequest.parse({ ...shop(orders), schedule: plan, rushOrders: [rush], now: NOW });
    const response = planRushInsertion(request, clock);
    expectSoundOptions(request, response);
    const options = response.options;
    const [fastest, protect] = [options[0]!, options.at(-1)!];
    expect(options.length).toBeGreaterThanOrEqual(3);
    expect(fastest.promise.R! <= rush.due && protect.promise.R! > rush.due).toBe(true);
    const onTime = options.slice(1, -1).filter((o) => o.promise.R! <= rush.due);
    expect(onTime.length).toBeGreaterThan(0);
    expect(Math.min(...onTime.map((o) => o.weightedHarm))).toBeLessThan(fastest.weightedHarm);
    for (const o of options.slice(1, -1)) {
      expect(o.name.startsWith(`allow-${o.ordersMadeLate}-late`)).toBe(true);
      expect(o.weightedHarm).toBeGreaterThan(0);
      expect(o.promise.R! > fastest.promise.R! && o.promise.R! < protect.promise.R!).toBe(true);
    }
  });

  it("keeps operations that nothing pushes exactly where they were", () => {
    const request = insertRequest([RUSH]);
    const protect = planRushInsertion(request, clock).options.at(-1)!;
    const firstRushStart = Math.min(...protect.schedule.operations.filter((op) => op.order === "R1").map((op) => parseDateTime(op.start)!));
    const after = new Map(protect.schedule.operations.map((op) => [key(op), op]));
    for (const op of request.schedule.operations) if (parseDateTime(op.start)! < firstRushStart) expect(after.get(key(op))).toEqual(op);
  });

  it("keeps a plan's deliberate gaps: nothing moves earlier than planned", () => {
    // The plan held A5 back to Monday 9 March (say, a customer's call-off); the order itself has no release.
    const held = ORDERS.map((o) => (o.id === "A5" ? { ...o, release: "2026-03-09T06:00" } : o));
    const request = InsertRequest.parse({ ...shop(ORDERS), schedule: currentPlan(held), rushOrders: [RUSH], now: NOW, progress: PROGRESS });
    const response = planRushInsertion(request, clock);
    expectSoundOptions(request, response);
    for (const option of response.options) {
      const a5 = option.schedule.operations.filter((op) => op.order === "A5");
      expect(a5.every((op) => op.start >= "2026-03-09T06:00")).toBe(true);
    }
  });

  it("never starts rush work inside the frozen horizon", () => {
    const request = insertRequest([RUSH], { frozenUntil: "2026-03-03T08:00" });
    const response = planRushInsertion(request, clock);
    expectSoundOptions(request, response);
    for (const option of response.options) {
      const starts = option.schedule.operations.filter((op) => op.order === "R1").map((op) => op.start);
      expect(starts.every((s) => s >= "2026-03-03T08:00")).toBe(true);
    }
  });

  it("inserts several rush orders, the most important first", () => {
    const rushes = [
      { id: "R2", item: "blue-panel", quantity: 10, due: "2026-03-04T12:00", priority: 3 },
      { id: "R1", item: "red-frame", quantity: 8, due: "2026-03-03T12:00", priority: 1 },
    ];
    const request = insertRequest(rushes);
    const response = planRushInsertion(request, clock);
    expectSoundOptions(request, response);
    expect(parseDateTime(response.options[0]!.promise.R1!)).toBeLessThanOrEqual(appendBaseline(request, ["R1", "R2"]).get("R1")!);
  });

  it("holds on random shops: valid, frozen kept, fastest ≤ appending, protect-confirmed harms no order", () => {
    const item = fc.constantFrom("red-frame", "blue-panel");
    const orderArb = fc.record({ item, quantity: fc.integer({ min: 1, max: 40 }), dueHours: fc.integer({ min: 8, max: 200 }), priority: fc.integer({ min: 1, max: 5 }) });
    fc.assert(
      fc.property(fc.array(orderArb, { minLength: 2, maxLength: 6 }), orderArb, fc.integer({ min: 0, max: 30 }), (specs, rushSpec, frozenHours) => {
        const at = (hours: number) => new Date((parseDateTime(NOW)! + hours * 60) * 60_000).toISOString().slice(0, 16);
        const orders = specs.map((s, i) => ({ id: `O${i}`, item: s.item, quantity: s.quantity, due: at(s.dueHours), priority: s.priority }));
        const rush = { id: "RUSH", item: rushSpec.item, quantity: rushSpec.quantity, due: at(rushSpec.dueHours), priority: 1 };
        const request = InsertRequest.parse({ ...shop(orders), schedule: currentPlan(orders, []), rushOrders: [rush], now: NOW, frozenUntil: at(frozenHours) });
        const response = planRushInsertion(request, clock);
        expectSoundOptions(request, response);
        expect(parseDateTime(response.options[0]!.promise.RUSH!)).toBeLessThanOrEqual(appendBaseline(request, ["RUSH"]).get("RUSH")!);
        // The options form a front: down the list, strictly less weighted harm for a later promise.
        const options = response.options;
        for (let i = 1; i < options.length; i++) {
          const [a, b] = [options[i - 1]!, options[i]!];
          if (b.weightedHarm > 0 || a.weightedHarm > 0) expect(b.weightedHarm).toBeLessThan(a.weightedHarm);
          expect(b.promise.RUSH! >= a.promise.RUSH!).toBe(true);
        }
      }),
      { seed: 42, numRuns: 25 },
    );
  });

  it("reports wrong references with their paths", () => {
    const request = insertRequest([RUSH]);
    const broken = {
      ...request,
      schedule: { operations: [{ ...request.schedule.operations[0]!, order: "NOPE" }, ...request.schedule.operations.slice(1)] },
      rushOrders: [{ ...request.rushOrders[0]!, id: "A2" }, { ...request.rushOrders[0]!, id: "R9", item: "unknown-item" }],
    };
    try {
      planRushInsertion(broken, clock);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      const paths = (error as ModelError).problems.map((p) => p.path);
      expect(paths).toEqual(expect.arrayContaining(["rushOrders[0]", "rushOrders[1].item"]));
    }
    try {
      planRushInsertion({ ...request, schedule: { operations: [{ ...request.schedule.operations[0]!, order: "NOPE" }, ...request.schedule.operations.slice(1)] } }, clock);
      expect.unreachable();
    } catch (error) {
      const paths = (error as ModelError).problems.map((p) => p.path);
      expect(paths).toContain("schedule.operations[0].order");
      // The operation left out of the plan is named at its order.
      const missing = request.schedule.operations[0]!;
      expect(paths).toContain(`orders[${ORDERS.findIndex((o) => o.id === missing.order)}]`);
    }
  });

  it("leaves the current plan as it is when the rush order is appended (sanity of the fixture)", () => {
    expect(completions(currentPlan().operations).size).toBe(ORDERS.length);
    expect(PROGRESS).toHaveLength(2);
  });
});
