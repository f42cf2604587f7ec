/** Tiny schedule requests for the rule tests, and a solve helper that always runs the independent validator. */
import { expect } from "vitest";
import { ScheduleRequest, ScheduleResponse } from "../../../src/schedule.ts";
import { searchSchedule } from "../../../solver/schedule/search-schedule.ts";
import type { ScheduleSearchResult } from "../../../solver/schedule/search-schedule.ts";
import { toScheduleResponse } from "../../../solver/schedule/to-response.ts";
import { validateSchedule } from "../../helpers/validate-schedule.ts";

/** 2026-03-02 is a Monday. */
export const MONDAY = "2026-03-02";

type Shift = { start: string; end: string; breaks?: Array<{ start: string; end: string }> };

/** A calendar with the same shifts Monday to Friday. */
export function weekdays(id: string, shifts: Shift[]) {
  return { id, shifts: { mon: shifts, tue: shifts, wed: shifts, thu: shifts, fri: shifts } };
}

export const DAY_SHIFT = weekdays("day", [{ start: "06:00", end: "14:00" }]);

/** Parses a request (defaults filled by zod, as the API does). */
export function request(body: Record<string, unknown>): ScheduleRequest {
  return ScheduleRequest.parse({ planStart: `${MONDAY}T06:00`, calendars: [DAY_SHIFT], ...body });
}

/** A one-operation routing. */
export function routing(item: string, resources: string[], runMinutesPerUnit: number, extra: Record<string, unknown> = {}) {
  return { item, operations: [{ id: "op", resources, runMinutesPerUnit, ...extra }] };
}

export function order(id: string, item: string, extra: Record<string, unknown> = {}) {
  return { id, item, quantity: 1, due: `${MONDAY}T23:00`, ...extra };
}

export interface Solved {
  response: ScheduleResponse;
  result: ScheduleSearchResult;
}

/** Searches, builds the response and checks it with the independent validator. */
export function solve(req: ScheduleRequest, seed = 1, workUnits = 20_000): Solved {
  // A frozen clock: results depend on the seed and the work budget only.
  const result = searchSchedule(req, { seed, budget: { workUnits, deadlineMs: 60_000 }, clock: () => 0 });
  const response = toScheduleResponse(req, result, { elapsedMs: 0, workers: 1 });
  expect(() => ScheduleResponse.parse(response)).not.toThrow();
  if (response.status !== "infeasible") expect(validateSchedule(req, response)).toEqual([]);
  return { response, result };
}

export function op(response: ScheduleResponse, orderId: string, operation = "op") {
  const found = response.operations.find((o) => o.order === orderId && o.operation === operation);
  if (!found) throw new Error(`no ${orderId}/${operation} in the schedule`);
  return found;
}
