/**
 * Independent feasibility check of a `takt jobshop` answer (no engine code): every operation once, on one of
 * its machines, for its time, in job order, no overlaps on a machine, and the makespan its operations give.
 */
import type { JobShopInstance } from "../../solver/jobshop/instance.ts";
import type { JobShopResponse } from "../../solver/jobshop/search-jobshop.ts";

export function checkJobShop(instance: JobShopInstance, response: JobShopResponse): string[] {
  const errors: string[] = [];
  const byMachine = new Map<number, Array<[number, number]>>();
  instance.jobs.forEach((job, j) => {
    let ready = 0;
    job.forEach((alternatives, k) => {
      const o = response.operations.find((x) => x.job === j && x.index === k);
      if (!o) return void errors.push(`missing ${j}/${k}`);
      const alt = alternatives.find((a) => a.machine === o.machine);
      if (!alt) errors.push(`${j}/${k} on machine ${o.machine}`);
      else if (o.end - o.start !== alt.time) errors.push(`${j}/${k} lasts ${o.end - o.start}`);
      if (o.start < ready) errors.push(`${j}/${k} starts before its predecessor ends`);
      ready = o.end;
      byMachine.set(o.machine, [...(byMachine.get(o.machine) ?? []), [o.start, o.end]]);
    });
  });
  for (const [m, list] of byMachine) {
    // By start, then end: a zero-length operation at the start of another one does not overlap it.
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let i = 1; i < list.length; i++) if (list[i]![0] < list[i - 1]![1]) errors.push(`overlap on machine ${m}`);
  }
  const makespan = Math.max(0, ...response.operations.map((o) => o.end));
  if (makespan !== response.makespan) errors.push(`makespan ${response.makespan}, operations end at ${makespan}`);
  return errors;
}

