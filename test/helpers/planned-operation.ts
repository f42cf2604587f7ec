import type { ScheduledOperation } from "../../src/schedule.ts";

/**
 * A planned operation written by hand for a plan in force (Monday 2 March 2026 unless `start`/`end` carry a
 * date): unit 0, no setup, state planned; `extra` overrides any field.
 */
export function plannedOperation(order: string, operation: string, resource: string, start: string, end: string, extra: Partial<ScheduledOperation> = {}): ScheduledOperation {
  const at = (time: string) => (time.includes("T") ? time : `2026-03-02T${time}`);
  return { order, operation, resource, unit: 0, start: at(start), end: at(end), setupMinutes: 0, changeoverMinutes: 0, state: "planned", ...extra };
}
