/**
 * Shop-floor progress as it would be reported at instant `at` if the shop ran exactly to a plan: operations
 * ended by then are done, the ones under way are running with the plan's remaining working minutes (counted
 * minute by minute on the resource's calendar, independently of the engine), the earlier progress kept.
 */
import type { FactoryModel } from "../../src/factory.ts";
import type { ProgressEntry, ScheduledOperation } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";
import { countWorking, workingMinuteTest } from "./validate-schedule.ts";

export function progressAt(model: Pick<FactoryModel, "calendars" | "resources">, earlier: readonly ProgressEntry[], plan: readonly ScheduledOperation[], at: string): ProgressEntry[] {
  const t = parseDateTime(at)!;
  const reported = new Set(earlier.map((e) => `${e.order}/${e.operation}`));
  const progress = [...earlier];
  for (const op of plan) {
    if (reported.has(`${op.order}/${op.operation}`) || parseDateTime(op.start)! >= t) continue;
    const { order, operation, resource, unit, start } = op;
    if (parseDateTime(op.end)! <= t) progress.push({ order, operation, status: "done", resource, unit, start });
    else {
      const calendar = model.calendars.find((c) => c.id === model.resources.find((r) => r.id === resource)!.calendar)!;
      progress.push({ order, operation, status: "running", resource, unit, start, remainingMinutes: countWorking(workingMinuteTest(calendar), t, parseDateTime(op.end)!) });
    }
  }
  return progress;
}
