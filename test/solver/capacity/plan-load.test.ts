/**
 * Capacity that agrees with the schedule (issue 14): given a plan, every resource's load per bucket is the
 * working time the plan gives its operations there (setups and changeovers included) × efficiency,
 * recounted here minute by minute with the independent validator's own calendar logic.
 */
import { describe, expect, it } from "vitest";
import { assessCapacity } from "../../../solver/capacity/assess-capacity.ts";
import { checkCapacityRequest } from "../../../solver/capacity/check-capacity-request.ts";
import { highsEngine } from "../../../solver/lp/highs-engine.ts";
import { searchSchedule } from "../../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../../solver/schedule/to-response.ts";
import { CapacityRequest } from "../../../src/capacity.ts";
import { ScheduleRequest } from "../../../src/schedule.ts";
import { parseDate, parseDateTime } from "../../../src/time.ts";
import { demo } from "../../helpers/demo.ts";
import { countWorking, validateSchedule, workingMinuteTest } from "../../helpers/validate-schedule.ts";

describe("capacity given a schedule", () => {
  const plant = demo("steel-plant");
  const scheduleRequest = ScheduleRequest.parse(plant);
  const result = searchSchedule(scheduleRequest, { seed: 1, budget: { workUnits: 100_000, deadlineMs: 60_000 }, clock: () => 0 });
  const plan = toScheduleResponse(scheduleRequest, result, { elapsedMs: 0, workers: 1 });

  it("loads the plan's own minutes per resource and bucket", async () => {
    expect(validateSchedule(scheduleRequest, plan)).toEqual([]);
    const request = CapacityRequest.parse({ ...plant, schedule: plan });
    expect(checkCapacityRequest(request)).toEqual([]);
    const response = await assessCapacity(request, { engine: highsEngine });
    const start = parseDate(request.buckets.start)!;
    const planStart = parseDateTime(request.planStart!)!;
    for (const resource of request.resources) {
      const isWorking = workingMinuteTest(request.calendars.find((c) => c.id === resource.calendar)!);
      const expected = Array.from({ length: request.buckets.count }, (_, b) => {
        const [from, to] = [start + b * 7 * 1440, start + (b + 1) * 7 * 1440];
        let minutes = 0;
        for (const op of plan.operations.filter((o) => o.resource === resource.id)) {
          const a = Math.max(from, planStart, parseDateTime(op.start)!);
          const e = Math.min(to, parseDateTime(op.end)!);
          if (e > a) minutes += countWorking(isWorking, a, e) * resource.efficiency;
        }
        return minutes;
      });
      const got = response.resources.find((r) => r.id === resource.id)!.buckets.map((b) => b.loadMinutes);
      got.forEach((minutes, b) => expect(minutes, `${resource.id} week ${b}`).toBeCloseTo(expected[b]!, 6));
    }
    // The galvanizing line the plan keeps busy shows as (nearly) full, not at the standard 83 %.
    const cgl = response.bottlenecks.find((b) => b.resource === "CGL")!;
    expect(cgl.meanUtilization!).toBeGreaterThan(0.9);
    // Late orders in the plan are unmeetable in the report.
    for (const o of plan.orders) expect(response.orders.find((x) => x.id === o.id)!.unmeetable, o.id).toBe(!o.onTime);
  });

  it("names a plan operation on a resource that is not an alternative with its path (422)", () => {
    const broken = structuredClone(plan);
    broken.operations[0]!.resource = "PACK";
    expect(checkCapacityRequest(CapacityRequest.parse({ ...plant, schedule: broken })).map((p) => p.path)).toEqual(["schedule.operations[0].resource"]);
  });
});
