/**
 * The independent validator's pools and batches (issue 21), apart from the engine (nothing from solver/;
 * calendars are the minute-by-minute test of validate-schedule.ts):
 * - Pools: every operation that requires pools lists them as its routing requires; at every working minute
 *   of a pool's calendar, the units held by the operations under way (start ≤ t < end, running ones too) are
 *   at most the pool's units at that time of day (its by-shift window's, or its base units).
 * - Batches: on a unit of a batch resource, operations that overlap in time start and end together (a batch);
 *   a batch's members share one family and one batch id (no other batch has it), fill at most the capacity
 *   (Σ quantity, or their count), carry one changeover between them (from the family of the batch before on
 *   the unit), and hold exactly the working minutes of the fixed cycle, or of their longest member, plus it.
 */
import type { Pool } from "../../src/pool.ts";
import type { Operation } from "../../src/routing.ts";
import type { ScheduledOperation, ScheduleRequest, ScheduleResponse } from "../../src/schedule.ts";
import { parseDateTime, parseTimeOfDay } from "../../src/time.ts";
import { countWorkingMinutes } from "./validate-shop-floor.ts";
import type { WorkingTest } from "./validate-shop-floor.ts";

/** The pool's units at minute t: the by-shift window holding its time of day, else its base units. */
export function unitsAt(pool: Pool, t: number): number {
  const day = ((t % 1440) + 1440) % 1440;
  for (const w of pool.unitsByShift ?? []) {
    const from = parseTimeOfDay(w.from)!;
    const to = parseTimeOfDay(w.to)!;
    if (from < to ? from <= day && day < to : day >= from || day < to) return w.units;
  }
  return pool.units;
}

interface Context {
  request: ScheduleRequest;
  response: ScheduleResponse;
  /** The routing operation of a row. */
  operationOf: (row: ScheduledOperation) => Operation;
  /** Working test of a calendar id. */
  calendar: (id: string) => WorkingTest;
}

export function checkPools({ request, response, operationOf, calendar }: Context): string[] {
  const errors: string[] = [];
  for (const pool of request.pools) {
    const holders = response.operations.flatMap((row) => {
      const req = operationOf(row).requires?.find((r) => r.pool === pool.id);
      return req === undefined ? [] : [{ row, units: req.units, start: parseDateTime(row.start)!, end: parseDateTime(row.end)! }];
    });
    if (holders.length === 0) continue;
    const from = Math.min(...holders.map((h) => h.start));
    const to = Math.max(...holders.map((h) => h.end));
    const held = new Float64Array(Math.max(0, to - from));
    for (const h of holders) for (let t = h.start; t < h.end; t++) held[t - from] = held[t - from]! + h.units;
    const isWorking = calendar(pool.calendar);
    let reported = 0;
    for (let t = from; t < to && reported < 5; t++) {
      if (isWorking(t) && held[t - from]! > unitsAt(pool, t)) {
        errors.push(`pool ${pool.id} holds ${held[t - from]} units at minute ${t}, more than its ${unitsAt(pool, t)}`);
        reported++;
      }
    }
  }
  for (const row of response.operations) {
    const want = (operationOf(row).requires ?? []).map((r) => `${r.pool}×${r.units}`).join(",");
    const got = (row.pools ?? []).map((r) => `${r.pool}×${r.units}`).join(",");
    if (want !== got) errors.push(`${row.order}/${row.operation} lists pools [${got}], its routing requires [${want}]`);
  }
  return errors;
}

/**
 * @param workOf working minutes a row's operation needs on its own after a changeover of co minutes
 * @param changeoverTo the changeover a row's operation needs after the family run before it on its unit
 * @param workingFor the minutes a row's operation works: its resource's and its pools' working minutes
 */
export function checkBatches(
  { request, response, operationOf }: Context,
  workOf: (row: ScheduledOperation, co: number) => number,
  changeoverTo: (row: ScheduledOperation) => number,
  workingFor: (row: ScheduledOperation) => WorkingTest,
): string[] {
  const errors: string[] = [];
  const ids = new Map<string, string>();
  for (const resource of request.resources) {
    const rule = resource.batch;
    const rows = response.operations.filter((row) => row.resource === resource.id);
    if (rule === undefined) {
      if (rows.some((row) => row.batch !== undefined)) errors.push(`operations on ${resource.id} carry a batch id, but it is no batch resource`);
      continue;
    }
    for (let unit = 0; unit < resource.units; unit++) {
      const span = (row: ScheduledOperation) => [parseDateTime(row.start)!, parseDateTime(row.end)!] as const;
      const onUnit = rows.filter((row) => row.unit === unit).sort((a, b) => span(a)[0] - span(b)[0] || span(a)[1] - span(b)[1]);
      const batches: ScheduledOperation[][] = [];
      for (const row of onUnit) {
        const last = batches[batches.length - 1];
        // Work that takes no time overlaps nothing: it is a batch of its own.
        const [start, end] = span(row);
        if (last !== undefined && end > start && start < span(last[0]!)[1]) {
          if (row.start !== last[0]!.start || row.end !== last[0]!.end) errors.push(`${row.order}/${row.operation} overlaps batch ${last[0]!.start}–${last[0]!.end} on ${resource.id}#${unit} without starting and ending with it`);
          last.push(row);
        } else batches.push([row]);
      }
      for (const batch of batches) {
        const where = `batch ${batch[0]!.start}–${batch[0]!.end} on ${resource.id}#${unit}`;
        const families = new Set(batch.map((row) => operationOf(row).family));
        if (batch.length > 1 && (families.size > 1 || families.has(undefined))) errors.push(`${where} mixes families ${[...families].join(", ")}`);
        const fill = batch.reduce((sum, row) => sum + (rule.measure === "quantity" ? (row.quantity ?? 0) : 1), 0);
        if (fill > rule.capacity + 1e-9) errors.push(`${where} holds ${fill}, more than its capacity ${rule.capacity}`);
        const id = batch[0]!.batch;
        if (id === undefined || batch.some((row) => row.batch !== id)) errors.push(`${where} members do not share one batch id`);
        else if (ids.has(id) && ids.get(id) !== where) errors.push(`batch id ${id} names two batches`);
        else ids.set(id, where);
        const co = changeoverTo(batch[0]!);
        const carried = batch.map((row) => row.changeoverMinutes);
        if (Math.abs(carried.reduce((a, b) => a + b, 0) - co) > 1e-9 || carried.some((c) => c !== 0 && Math.abs(c - co) > 1e-9)) {
          errors.push(`${where} carries changeovers ${carried.join(", ")}, expected one of ${co}`);
        }
        for (const row of batch) {
          if (Math.abs(row.setupMinutes - operationOf(row).setupMinutes - row.changeoverMinutes) > 1e-9) errors.push(`${row.order}/${row.operation} reports setup ${row.setupMinutes}`);
        }
        if (batch.some((row) => row.state === "running")) continue;
        const work = rule.minutes !== undefined ? Math.ceil(rule.minutes + co - 1e-9) : Math.max(...batch.map((row) => workOf(row, co)));
        const start = parseDateTime(batch[0]!.start)!;
        const end = parseDateTime(batch[0]!.end)!;
        // The batch works when every member may (members that need pools work only in their pools' time).
        const tests = batch.map(workingFor);
        const isWorking = (t: number) => tests.every((test) => test(t));
        const worked = countWorkingMinutes(isWorking, start, end);
        if (worked !== work) errors.push(`${where} holds ${worked} working minutes, needs ${work}`);
        if (work > 0 && (!isWorking(start) || !isWorking(end - 1))) errors.push(`${where} starts or ends outside working time`);
      }
    }
  }
  return errors;
}
