import { describe, expect, it } from "vitest";
import { parseDateTime } from "../../../src/time.ts";
import { cloneSequencing } from "../../../solver/schedule/decode-schedule.ts";
import { harmLimits } from "../../../solver/insert/insert-rush-order.ts";
import { insertJobs, withHorizon } from "../../../solver/insert/plan-rush-insertion.ts";
import { prepareInsertion } from "../../../solver/insert/prepare-insertion.ts";
import { insertRequest } from "./fixtures.ts";

function prepared() {
  const { schedule, rushOrders, progress, now, frozenUntil, options: _o, ...model } = insertRequest([{ id: "R1", item: "blue-panel", quantity: 15, due: "2026-03-03T12:00", priority: 1 }]);
  const result = prepareInsertion({ model, plan: schedule.operations, inserted: rushOrders, progress, now: parseDateTime(now)!, frozenUntil: parseDateTime(frozenUntil ?? now)! });
  if (!result.ok) throw new Error(result.reason);
  return { prepared: result.prepared, schedule };
}

describe("right shift", () => {
  it("re-times the current plan to exactly its own times", () => {
    const { prepared: p, schedule } = prepared();
    const { compiled, timing } = p;
    const ops = new Map(schedule.operations.map((op) => [`${op.order}/${op.operation}`, op]));
    compiled.problem.jobs.forEach((job, j) => {
      const order = p.request.orders[compiled.orderOfJob[j]!]!.id;
      for (let op = job.firstOp; op < job.firstOp + job.opCount; op++) {
        const planned = ops.get(`${order}/${compiled.operationId[op]}`);
        if (planned === undefined) continue;
        expect([timing.start[op], timing.end[op]]).toEqual([parseDateTime(planned.start), parseDateTime(planned.end)]);
      }
    });
  });

  it("shifts incrementally to the same times as a full re-timing, wherever an operation is inserted", () => {
    const { prepared: p } = prepared();
    const problem = p.compiled.problem;
    const job = problem.jobs[p.insertedJobs[0]!]!;
    const op = job.firstOp;
    let tried = 0;
    for (let a = problem.altStart[op]!; a < problem.altStart[op + 1]!; a++) {
      const resource = problem.resources[problem.altResource[a]!]!;
      for (let m = resource.firstMachine; m < resource.firstMachine + resource.units; m++) {
        for (let position = 0; position <= p.sequencing.seq[m]!.length; position++) {
          const s = cloneSequencing(p.sequencing);
          s.seq[m]!.splice(position, 0, op);
          s.machineOf[op] = m;
          s.seq[m]!.forEach((x, i) => (s.posOf[x] = i));
          const incremental = { start: p.timing.start.slice(), end: p.timing.end.slice(), changeover: p.timing.changeover.slice() };
          const full = p.shifter.newTiming();
          const fullOutcome = p.shifter.shift(s, full);
          // Positions before operations that precede the new one in time could close a cycle; the insertion never offers them.
          if (fullOutcome !== "ok") continue;
          expect(p.shifter.shiftFrom(s, incremental, op)).toBe("ok");
          expect(incremental).toEqual(full);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(5);
  });
});

describe("calendar horizon", () => {
  it("extends a span too short for the plan and gives the same insertion as a long one", () => {
    const { schedule, rushOrders, progress, now, frozenUntil, options: _o, ...model } = insertRequest([{ id: "R1", item: "red-frame", quantity: 40, due: "2026-03-03T12:00", priority: 1 }]);
    const input = { model, plan: schedule.operations, inserted: rushOrders, progress, now: parseDateTime(now)!, frozenUntil: parseDateTime(frozenUntil ?? now)! };
    const insert = (spanMinutes?: number) => {
      const result = withHorizon(spanMinutes === undefined ? input : { ...input, spanMinutes }, (p) => insertJobs(p, p.insertedJobs, { kind: "tolerance", tolerance: Infinity }, harmLimits(p)));
      if (!result.ok) throw new Error(result.reason);
      return { span: result.prepared.spanMinutes, end: Array.from(result.value.timing.end) };
    };
    const short = insert(600);
    const long = insert();
    expect(short.span).toBeGreaterThan(600);
    expect(short.end).toEqual(long.end);
  });
});
