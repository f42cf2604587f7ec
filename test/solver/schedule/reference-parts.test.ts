/**
 * Re-planning against a reference plan (issue 15) whose operations are split and overlap (issue 16): the
 * 200-piece job of shop-floor-rules.test.ts planned, then re-planned with that plan in force. Its parts are
 * kept as they are, frozen ones exactly, and a frozen part beside its sibling or a frozen successor fed by
 * transfer batches is no error (it was a 422). `solve` checks both plans with the independent validator.
 */
import { describe, expect, it } from "vitest";
import { MONDAY, order, request, solve } from "./fixtures.ts";

const job = (extra: Record<string, unknown> = {}) =>
  request({
    resources: [{ id: "LATHE", calendar: "day", units: 2 }, { id: "MILL", calendar: "day" }, { id: "ASSY", calendar: "day" }],
    routings: [
      {
        item: "A",
        operations: [
          { id: "turn", resources: ["LATHE"], setupMinutes: 30, runMinutesPerUnit: 6, split: { minQuantity: 50 }, transferQuantity: 20 },
          { id: "mill", resources: ["MILL"], setupMinutes: 20, runMinutesPerUnit: 4, transferQuantity: 20 },
          { id: "assemble", resources: ["ASSY"], runMinutesPerUnit: 3 },
        ],
      },
    ],
    orders: [order("A-200", "A", { quantity: 200, due: "2026-03-06T14:00" })],
    ...extra,
  });
const rows = (operations: ReadonlyArray<{ operation: string; part?: number | undefined; quantity?: number | undefined; start: string; end: string; state: string }>) =>
  operations.map((o) => `${o.operation}#${o.part} ${o.quantity} ${o.start}-${o.end} ${o.state}`).sort();

describe("a reference plan with parts and transfer batches", () => {
  const issued = solve(job()).response;

  it("keeps both lathe parts and the milling frozen before 09:00 exactly as issued, and plans the assembly after them", () => {
    const { response } = solve(job({ reference: { operations: issued.operations }, frozenUntil: `${MONDAY}T09:00` }));
    const frozen = response.operations.filter((o) => o.state === "frozen");
    expect(rows(frozen)).toEqual(rows(issued.operations.filter((o) => o.start < `${MONDAY}T09:00`).map((o) => ({ ...o, state: "frozen" }))));
    expect(frozen.map((o) => `${o.operation}#${o.part}`).sort()).toEqual(["mill#0", "turn#0", "turn#1"]);
    // The frozen milling still sends its batches of 20 (routing-ready.ts): the assembly keeps overlapping it and
    // its issued times, Monday 13:10 – Wednesday 07:10, so nothing changes. (When frozen work sent its lot whole,
    // the assembly had to wait for the milling's end, Wednesday 06:10: one change.)
    const assemble = response.operations.find((o) => o.operation === "assemble")!;
    expect(assemble).toMatchObject({ state: "planned", start: `${MONDAY}T13:10`, end: "2026-03-04T07:10" });
    expect(response.changes!.count).toBe(0);
  });
});
