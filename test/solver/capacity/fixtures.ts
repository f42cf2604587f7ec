/**
 * Small capacity fixtures. Dates: 2026-03-02 is a Monday. Every request goes through the zod schema, so
 * defaults (efficiency 1, units 1, priority 3, no breaks …) are the documented ones.
 */
import { CapacityRequest } from "../../../src/capacity.ts";

type Input = Record<string, unknown>;

/** Mon–Fri one shift `start`–`end` with the given breaks. */
export function weekdays(id: string, start: string, end: string, breaks: Array<{ start: string; end: string }> = [], extra: Input = {}): Input {
  const shift = [{ start, end, breaks }];
  return { id, shifts: { mon: shift, tue: shift, wed: shift, thu: shift, fri: shift }, ...extra };
}

/** One single-operation routing per item: `[item, resources, runMinutesPerUnit, setupMinutes]`. */
export function singleOpRoutings(specs: Array<[string, string[], number, number?]>): Input[] {
  return specs.map(([item, resources, run, setup = 0]) => ({ item, operations: [{ id: `${item}-op`, resources, runMinutesPerUnit: run, setupMinutes: setup }] }));
}

export function capacityRequest(input: Input): CapacityRequest {
  return CapacityRequest.parse({ buckets: { start: "2026-03-02", size: "day", count: 5 }, ...input });
}
