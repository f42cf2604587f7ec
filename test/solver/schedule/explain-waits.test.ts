/** Why an order finishes when it does: each wait category alone on a tiny fixture, with hand-worked minutes. */
import { describe, expect, it } from "vitest";
import { MONDAY, order, request, routing, solve } from "./fixtures.ts";

const R = { id: "R", calendar: "day" };
const outcome = (response: ReturnType<typeof solve>["response"], id: string) => response.orders.find((o) => o.id === id)!;
const zero = { material: 0, capacity: 0, changeover: 0, release: 0, calendar: 0, engineering: 0, progress: 0 };

describe("waits and the cause of a late order", () => {
  it("capacity: the second order waits for the busy unit", () => {
    const orders = [order("a", "x", { priority: 1, due: `${MONDAY}T07:00` }), order("b", "x", { priority: 5, due: `${MONDAY}T07:30` })];
    const { response } = solve(request({ resources: [R], routings: [routing("x", ["R"], 60)], orders }));
    expect(outcome(response, "a")).toMatchObject({ onTime: true, waits: zero });
    expect(outcome(response, "a").cause).toBeUndefined();
    expect(outcome(response, "b")).toMatchObject({ lateMinutes: 30, waits: { ...zero, capacity: 60 }, cause: { kind: "capacity", resource: "R" } });
  });

  it("changeover: its own changeover minutes", () => {
    const resources = [{ ...R, setupMatrix: { default: 30, changeovers: [] } }];
    const routings = [routing("x", ["R"], 60, { family: "f" }), routing("y", ["R"], 60, { family: "g" })];
    const orders = [order("a", "x", { priority: 1, due: `${MONDAY}T07:00` }), order("b", "y", { priority: 5, due: `${MONDAY}T06:30` })];
    const { response } = solve(request({ resources, routings, orders }));
    // b waits 60 for the unit and changes over 30: capacity is the longer wait.
    expect(outcome(response, "b")).toMatchObject({ waits: { ...zero, capacity: 60, changeover: 30 }, cause: { kind: "capacity", resource: "R" } });
  });

  it("release: held by its release date", () => {
    const { response } = solve(request({ resources: [R], routings: [routing("x", ["R"], 60)], orders: [order("a", "x", { release: `${MONDAY}T08:00`, due: `${MONDAY}T08:30` })] }));
    expect(outcome(response, "a")).toMatchObject({ lateMinutes: 30, waits: { ...zero, release: 120 }, cause: { kind: "release" } });
  });

  it("calendar: ready before the shift starts", () => {
    const { response } = solve(request({ planStart: `${MONDAY}T04:00`, resources: [R], routings: [routing("x", ["R"], 60)], orders: [order("a", "x", { due: `${MONDAY}T06:30` })] }));
    expect(outcome(response, "a")).toMatchObject({ waits: { ...zero, calendar: 120 }, cause: { kind: "calendar", resource: "R" } });
  });

  it("progress: running work of another order holds the unit", () => {
    const orders = [order("run", "x"), order("a", "x", { due: `${MONDAY}T07:30` })];
    const progress = [{ order: "run", operation: "op", status: "running", resource: "R", start: `${MONDAY}T05:00`, remainingMinutes: 60 }];
    const { response } = solve(request({ resources: [R], routings: [routing("x", ["R"], 60)], orders, progress }));
    expect(outcome(response, "a")).toMatchObject({ lateMinutes: 30, waits: { ...zero, progress: 60 }, cause: { kind: "progress" } });
  });

  it("material: the item and when it was there", () => {
    const body = {
      resources: [R],
      items: [{ id: "x" }, { id: "c", onHand: 0 }],
      bom: [{ parent: "x", component: "c", quantity: 1 }],
      receipts: [{ item: "c", date: `${MONDAY}T10:00`, quantity: 1 }],
      routings: [routing("x", ["R"], 60)],
      orders: [order("a", "x", { due: `${MONDAY}T08:00` })],
    };
    const { response } = solve(request(body));
    expect(outcome(response, "a")).toMatchObject({ lateMinutes: 180, waits: { ...zero, material: 240 }, cause: { kind: "material", item: "c", availableAt: `${MONDAY}T10:00` } });
    expect(response.kpis.materialWaitMinutes).toBe(240);
  });
});
