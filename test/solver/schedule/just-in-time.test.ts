/**
 * Just-in-time timing (issue 16) on random factories with every shop-floor rule: the plan it gives passes
 * the independent validator, keeps every unit's sequence, moves nothing earlier than the early plan, and
 * finishes no order later than max(its early completion, due − its buffer).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ScheduleResponse } from "../../../src/schedule.ts";
import { parseDateTime } from "../../../src/time.ts";
import { searchSchedule } from "../../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../../solver/schedule/to-response.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";
import { randomFactory, randomFactoryArb } from "./fixtures.ts";

/** Every unit's operations in the order they run. */
function sequences(response: ScheduleResponse): Map<string, string[]> {
  const out = new Map<string, Array<[string, string, string]>>();
  for (const x of response.operations) {
    const unit = `${x.resource}#${x.unit}`;
    out.set(unit, [...(out.get(unit) ?? []), [x.start, x.end, `${x.order}/${x.operation}/${x.part}`]]);
  }
  // By start, then end: an operation without work runs before one that starts at the same minute.
  return new Map([...out].map(([unit, list]) => [unit, list.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2])).map((x) => x[2])]));
}

describe("just-in-time timing on random factories", () => {
  it("keeps sequences and promises, moves only later, and passes the validator", () => {
    fc.assert(
      fc.property(randomFactoryArb, (g) => {
        const request = randomFactory(g);
        const result = searchSchedule(request, { seed: g.seed, budget: { workUnits: 3_000, deadlineMs: 60_000 }, clock: () => 0 });
        if (result.schedule === null) return;
        const early = toScheduleResponse(request, result, { elapsedMs: 0, workers: 1 });
        const jitRequest = { ...request, options: { ...request.options, timing: "just-in-time" as const } };
        const late = toScheduleResponse(jitRequest, result, { elapsedMs: 0, workers: 1 });
        expect(validateSchedule(jitRequest, late)).toEqual([]);
        expect(sequences(late)).toEqual(sequences(early));
        const earlyStart = new Map(early.operations.map((x) => [`${x.order}/${x.operation}/${x.part}`, x.start]));
        for (const x of late.operations) expect(x.start >= earlyStart.get(`${x.order}/${x.operation}/${x.part}`)!).toBe(true);
        for (const o of late.orders) {
          if (o.completion === null) continue;
          const order = request.orders.find((x) => x.id === o.id)!;
          const was = parseDateTime(early.orders.find((x) => x.id === o.id)!.completion!)!;
          expect(parseDateTime(o.completion)!).toBeLessThanOrEqual(Math.max(was, parseDateTime(order.due)! - (order.dueBufferMinutes ?? 0)));
        }
      }),
      { seed: 16, numRuns: 80 },
    );
  });
});
