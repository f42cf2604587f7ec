/**
 * The independent validator's shop-floor rules (issue 16), apart from the engine (nothing from solver/, its
 * calendar logic is the minute-by-minute test of validate-schedule.ts): from the request and the plan's rows
 * alone it checks every part of every operation and every link between consecutive operations of an order.
 * - Parts: numbered 0 … k − 1, quantities summing to the order's; a split operation's parts hold at least
 *   minQuantity each (unless the lot runs whole) and are at most maxParts; any other operation is one part.
 * - Uninterruptible: every minute from a part's start to its end is working time.
 * - Links: without a transfer batch, every part of the next operation starts after every part of this one
 *   ends plus the gap; with transferQuantity q, after the first part to have done its first batch (its setup
 *   and changeover plus q × run working minutes from its start; a part of q units or fewer at its end) plus
 *   the gap, and every part ends with at least ⌈min(q, lot) × its run minutes⌉ working minutes after this
 *   operation's last end plus the gap. Maximum wait: the next operation's latest part start is at most
 *   maxWaitMinutes after this operation's earliest part end.
 */
import type { Operation } from "../../src/routing.ts";
import type { ScheduledOperation, ScheduleRequest } from "../../src/schedule.ts";
import { parseDateTime } from "../../src/time.ts";

export type WorkingTest = (t: number) => boolean;

export function countWorkingMinutes(isWorking: WorkingTest, a: number, b: number): number {
  let n = 0;
  for (let t = a; t < b; t++) if (isWorking(t)) n++;
  return n;
}

/** The instant at which `minutes` of work begun at `start` are done, walking minutes (unbroken: elapsed). */
function doneAfter(isWorking: WorkingTest, start: number, minutes: number, unbroken: boolean): number {
  if (unbroken) return start + minutes;
  let left = minutes;
  let t = start;
  while (left > 0) if (isWorking(t++)) left--;
  return t;
}

export interface PlannedStep {
  op: Operation;
  parts: ScheduledOperation[];
}

/** Checks the parts of one operation of an order. */
export function checkParts(id: string, step: PlannedStep, lot: number, isWorking: (resource: string) => WorkingTest): string[] {
  const errors: string[] = [];
  const { op, parts } = step;
  const numbers = parts.map((x) => x.part ?? 0).sort((a, b) => a - b);
  if (numbers.some((n, k) => n !== k)) errors.push(`${id} has parts ${numbers.join(", ")}, not 0 … ${parts.length - 1}`);
  const total = parts.reduce((sum, x) => sum + (x.quantity ?? lot), 0);
  if (Math.abs(total - lot) > 1e-6 * Math.max(1, lot)) errors.push(`${id}'s parts make ${total}, not the order's ${lot}`);
  if (parts.length > 1) {
    if (op.split === undefined) errors.push(`${id} is not splittable but has ${parts.length} parts`);
    else {
      if (parts.some((x) => (x.quantity ?? lot) < op.split!.minQuantity - 1e-9)) errors.push(`${id} has a part smaller than ${op.split.minQuantity}`);
      if (op.split.maxParts !== undefined && parts.length > op.split.maxParts) errors.push(`${id} has ${parts.length} parts, more than ${op.split.maxParts}`);
    }
  }
  if (op.interruptible === false) {
    for (const x of parts) {
      const [start, end] = [parseDateTime(x.start)!, parseDateTime(x.end)!];
      if (countWorkingMinutes(isWorking(x.resource), start, end) !== end - start) errors.push(`${id} part ${x.part ?? 0} (${x.start}–${x.end}) is interrupted`);
    }
  }
  return errors;
}

/**
 * Checks the link from `before` (its parts in the plan; null when done) to `after`.
 * @param runOf run minutes per unit of an operation's part on its resource (efficiency applied)
 */
export function checkLink(
  id: string,
  before: PlannedStep | null,
  after: PlannedStep,
  isWorking: (resource: string) => WorkingTest,
  runOf: (op: Operation, resource: string) => number,
  lot: number,
): string[] {
  if (before === null) return [];
  const errors: string[] = [];
  const gap = after.op.minGapMinutes;
  const ends = before.parts.map((x) => parseDateTime(x.end)!);
  const lastEnd = Math.max(...ends);
  const q = before.op.transferQuantity;
  if (q === undefined || q >= lot) {
    for (const x of after.parts) if (parseDateTime(x.start)! < lastEnd + gap) errors.push(`${id} starts ${x.start} before its predecessor ends + ${gap} min`);
  } else {
    const firstBatch = Math.min(
      ...before.parts.map((x) => {
        const quantity = x.quantity ?? lot;
        if (x.state === "running" || quantity <= q) return parseDateTime(x.end)!;
        const work = Math.ceil(x.setupMinutes + q * runOf(before.op, x.resource) - 1e-9);
        return doneAfter(isWorking(x.resource), parseDateTime(x.start)!, work, before.op.interruptible === false);
      }),
    );
    for (const x of after.parts) {
      if (parseDateTime(x.start)! < firstBatch + gap) errors.push(`${id} starts ${x.start} before its predecessor's first transfer batch + ${gap} min`);
      const lastBatch = Math.ceil(Math.min(q, lot) * runOf(after.op, x.resource) - 1e-9);
      const [from, end] = [lastEnd + gap, parseDateTime(x.end)!];
      const worked = after.op.interruptible === false ? end - from : countWorkingMinutes(isWorking(x.resource), from, end);
      if (x.state !== "running" && worked < lastBatch) errors.push(`${id} ends ${x.end}, before its predecessor's last transfer batch is through (${worked} of ${lastBatch} minutes)`);
    }
  }
  const wait = after.op.maxWaitMinutes;
  if (wait !== undefined) {
    const latestStart = Math.max(...after.parts.map((x) => parseDateTime(x.start)!));
    if (latestStart - Math.min(...ends) > wait) errors.push(`${id} starts ${latestStart - Math.min(...ends)} minutes after its predecessor ends, more than its maximum wait ${wait}`);
  }
  return errors;
}

/** Mean wait, Σ quantity × wait, over consecutive planned operations of the planned orders (the KPIs' definition). */
export function waitingBetweenOperations(request: ScheduleRequest, stepsOf: (order: string) => Array<PlannedStep | null>): { mean: number; quantityMinutes: number } {
  let pairs = 0;
  let minutes = 0;
  let quantityMinutes = 0;
  for (const order of request.orders) {
    let prevEnd: number | null = null;
    for (const step of stepsOf(order.id)) {
      if (step === null || step.parts.length === 0) {
        prevEnd = null;
        continue;
      }
      const start = Math.min(...step.parts.map((x) => parseDateTime(x.start)!));
      if (prevEnd !== null) {
        const wait = Math.max(0, start - prevEnd);
        pairs++;
        minutes += wait;
        quantityMinutes += order.quantity * wait;
      }
      prevEnd = Math.max(...step.parts.map((x) => parseDateTime(x.end)!));
    }
  }
  return { mean: pairs > 0 ? minutes / pairs : 0, quantityMinutes };
}
