import { describe, expect, it } from "vitest";
import { checkScheduleRequest } from "../../../solver/schedule/check-schedule-request.ts";
import { MONDAY, order, request } from "./fixtures.ts";

const base = {
  resources: [{ id: "R", calendar: "day", units: 2 }, { id: "S", calendar: "day" }],
  routings: [{ item: "x", operations: [{ id: "a", resources: ["R"], runMinutesPerUnit: 10 }, { id: "b", resources: ["R", "S"], runMinutesPerUnit: 10 }] }],
  orders: [order("o1", "x"), order("o2", "x")],
};
const entry = (extra: Record<string, unknown>) => ({ order: "o1", operation: "a", status: "done", resource: "R", start: `${MONDAY}T05:00`, ...extra });

describe("checkScheduleRequest", () => {
  it("accepts sound progress", () => {
    const progress = [entry({}), entry({ operation: "b", status: "running", resource: "S" })];
    expect(checkScheduleRequest(request({ ...base, progress }))).toEqual([]);
  });

  it("names each wrong progress reference by its path", () => {
    const progress = [
      entry({ order: "nope" }),
      entry({ order: "o2", operation: "zz" }),
      entry({ resource: "S" }),
      entry({ order: "o2", unit: 2 }),
    ];
    const paths = checkScheduleRequest(request({ ...base, progress })).map((p) => p.path);
    expect(paths).toEqual(["progress[0].order", "progress[1].operation", "progress[2].resource", "progress[3].unit"]);
  });

  it("rejects progress after the plan start, a skipped operation and a running one followed by more", () => {
    expect(checkScheduleRequest(request({ ...base, progress: [entry({ start: `${MONDAY}T07:00` })] })).map((p) => p.path)).toEqual(["progress[0].start"]);
    expect(checkScheduleRequest(request({ ...base, progress: [entry({ operation: "b" })] }))[0]!.message).toMatch(/"a" .* not reported done/);
    const runningThenDone = [entry({ status: "running" }), entry({ operation: "b" })];
    expect(checkScheduleRequest(request({ ...base, progress: runningThenDone })).map((p) => p.path)).toEqual(["progress[0].status"]);
  });

  it("rejects two running operations on one unit and keeps the factory checks", () => {
    const progress = [entry({ status: "running" }), entry({ order: "o2", status: "running" })];
    expect(checkScheduleRequest(request({ ...base, progress })).map((p) => p.path)).toEqual(["progress[1]"]);
    const broken = { ...base, routings: [{ item: "x", operations: [{ id: "a", resources: ["Q"], runMinutesPerUnit: 1 }] }] };
    expect(checkScheduleRequest(request(broken)).map((p) => p.path)).toEqual(["routings[0].operations[0].resources[0]"]);
  });
});
