/**
 * A lower bound on the makespan of a (flexible) job shop, to stop a search that reached it ("optimal"):
 * the longest job on its fastest alternatives; for each machine, the operations that can run nowhere else
 * (earliest head + their total time + smallest tail, the one-machine relaxation of Carlier 1982 without
 * preemption reasoning); and the total fastest work spread over all machines.
 */
import type { JobShopInstance } from "./instance.ts";

export function jobShopLowerBound(instance: JobShopInstance): number {
  const machines = instance.machineCount;
  const load = new Float64Array(machines);
  const minHead = new Float64Array(machines).fill(Infinity);
  const minTail = new Float64Array(machines).fill(Infinity);
  let bound = 0;
  let total = 0;
  for (const job of instance.jobs) {
    const fastest = job.map((alternatives) => Math.min(...alternatives.map((a) => a.time)));
    const length = fastest.reduce((s, t) => s + t, 0);
    bound = Math.max(bound, length);
    total += length;
    let before = 0;
    job.forEach((alternatives, k) => {
      const only = alternatives[0]!;
      if (alternatives.every((a) => a.machine === only.machine)) {
        load[only.machine] = load[only.machine]! + fastest[k]!;
        minHead[only.machine] = Math.min(minHead[only.machine]!, before);
        minTail[only.machine] = Math.min(minTail[only.machine]!, length - before - fastest[k]!);
      }
      before += fastest[k]!;
    });
  }
  for (let m = 0; m < machines; m++) if (load[m]! > 0) bound = Math.max(bound, minHead[m]! + load[m]! + minTail[m]!);
  return machines > 0 ? Math.max(bound, total / machines) : bound;
}
