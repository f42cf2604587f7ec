/**
 * The time-ordered decoder with material (issue 14): a consumer queued before its producer on one unit is a
 * deadlock the decoder rejects and the construction repairs; dispatching keeps scarce stock for a more
 * important order released soon; with `material: "ignore"` plans are exactly
 * those of a model without material data; and, as a property, every plan of random small shops with
 * scarce stock, receipts, reservations and sub-assemblies passes the independent validator.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileProblem } from "../../../solver/schedule/compile-problem.ts";
import { Decoder } from "../../../solver/schedule/decode-schedule.ts";
import { sequencingFromPlan } from "../../../solver/schedule/sequencing-from-plan.ts";
import { decodeUnblocked } from "../../../solver/schedule/unblock-material.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import { demo } from "../../helpers/demo.ts";
import { MONDAY, op, order, request, routing, scarceMaterialShop, scarceMaterialShopArb, solve } from "./fixtures.ts";

/** A parent and its sub-assembly, both made on R: the parent needs what the sub-assembly order makes. */
const shop = request({
  resources: [{ id: "R", calendar: "day" }],
  items: [{ id: "p" }, { id: "s" }, { id: "raw", onHand: 5 }],
  bom: [{ parent: "p", component: "s", quantity: 1 }, { parent: "s", component: "raw", quantity: 1 }],
  routings: [routing("p", ["R"], 30), routing("s", ["R"], 60)],
  orders: [order("parent", "p"), order("sub", "s")],
});

describe("time-ordered decoding with material", () => {
  it("rejects a consumer queued before its producer, and the construction's repair unblocks it", () => {
    const compiled = compileProblem(shop);
    if (!compiled.ok) throw new Error(compiled.reason);
    const p = compiled.compiled.problem;
    const decoder = new Decoder(p);
    // Operation 0 (parent) before operation 1 (sub) on the one unit.
    const s = sequencingFromPlan(p, [0, 0], [0, 1]);
    expect(decoder.decode(s)).toBe(false);
    expect(decoder.failure).toBe("material");
    expect(decodeUnblocked(decoder, s)).toBe(true);
    expect(s.seq[0]).toEqual([1, 0]);
    expect(Array.from(decoder.start)).toEqual([decoder.end[1], decoder.start[1]]);
  });

  it("plans the sub-assembly first when dispatching", () => {
    const { response } = solve(shop);
    expect(op(response, "sub")).toMatchObject({ start: `${MONDAY}T06:00`, end: `${MONDAY}T07:00` });
    expect(op(response, "parent")).toMatchObject({ start: `${MONDAY}T07:00` });
  });

  it("dispatching keeps scarce stock for a more important order released soon (the first plan, before any search)", () => {
    const req = request({
      resources: [{ id: "R", calendar: "day" }],
      items: [{ id: "p" }, { id: "c", onHand: 1 }],
      bom: [{ parent: "p", component: "c", quantity: 1 }],
      receipts: [{ item: "c", date: "2026-03-03", quantity: 1 }],
      routings: [routing("p", ["R"], 60)],
      orders: [order("later", "p", { priority: 5, due: "2026-03-04T14:00" }), order("vip", "p", { priority: 1, release: `${MONDAY}T08:00`, due: `${MONDAY}T10:00` })],
    });
    const { response } = solve(req, 1, 0);
    expect(response.solver.iterations).toBe(0);
    // Without foresight "later" would take the one on hand at 06:00 and the VIP order would wait for Tuesday.
    expect(op(response, "vip")).toMatchObject({ start: `${MONDAY}T08:00`, end: `${MONDAY}T09:00` });
    expect(op(response, "later")).toMatchObject({ start: "2026-03-03T06:00" });
  });

  it('with material: "ignore" plans exactly as a model without material data', () => {
    const plant = demo("steel-plant");
    const ignored = ScheduleRequest.parse({ ...plant, options: { material: "ignore" } });
    const without = ScheduleRequest.parse({ ...plant, items: plant.items.map((i: Record<string, unknown>) => ({ ...i, onHand: 0 })), receipts: [] });
    const a = solve(ignored, 2, 200_000);
    const b = solve(without, 2, 200_000);
    expect(a.result.objective).toEqual(b.result.objective);
    expect(a.result.iterations).toBe(b.result.iterations);
    expect(a.response.operations).toEqual(b.response.operations);
    expect(a.response.materials).toBeUndefined();
  });

  it("keeps every plan of random shops with scarce material valid", () => {
    fc.assert(
      fc.property(scarceMaterialShopArb, (x) => {
        const body = scarceMaterialShop(x);
        // solve() validates every plan independently, material replay included.
        const { response } = solve(request(body), x.seed, 5_000);
        expect(response.status).not.toBe("infeasible");
      }),
      { seed: 14, numRuns: 60 },
    );
  });
});
