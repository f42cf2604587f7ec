/**
 * A benchmark instance as the scheduling engine's problem: one resource per machine, always working
 * (no calendars: time units from 0), no changeovers, objective makespan.
 */
import type { SchedulingProblem } from "../schedule/problem.ts";
import { FREE } from "../schedule/problem.ts";
import type { JobShopInstance } from "./instance.ts";

export function jobShopProblem(instance: JobShopInstance): SchedulingProblem {
  const ops = instance.jobs.flat();
  const altStart = [0];
  const altResource: number[] = [];
  const altWork: number[] = [];
  for (const alternatives of ops) {
    for (const a of alternatives) (altResource.push(a.machine), altWork.push(a.time));
    altStart.push(altResource.length);
  }
  let first = 0;
  return {
    origin: 0,
    objective: "makespan",
    jobs: instance.jobs.map((job) => {
      const j = { firstOp: first, opCount: job.length, earliest: 0, due: 0, target: 0, weight: 0 };
      first += job.length;
      return j;
    }),
    opCount: ops.length,
    opJob: Int32Array.from(instance.jobs.flatMap((job, j) => job.map(() => j))),
    opFamily: new Int32Array(ops.length).fill(-1),
    opMinGap: new Float64Array(ops.length),
    altStart: Int32Array.from(altStart),
    altResource: Int32Array.from(altResource),
    altWork: Float64Array.from(altWork),
    resources: Array.from({ length: instance.machineCount }, (_, m) => ({ id: `m${m}`, firstMachine: m, units: 1, calendar: null, changeover: null })),
    machineCount: instance.machineCount,
    machineResource: Int32Array.from({ length: instance.machineCount }, (_, m) => m),
    familyCount: 0,
    initialFamily: new Int32Array(instance.machineCount).fill(-1),
    opState: new Uint8Array(ops.length).fill(FREE),
    doneEnd: new Float64Array(ops.length).fill(NaN),
    fixed: [],
    material: null,
    rules: null,
    stability: null,
  };
}
