/**
 * The resources of a schedule request as the engine's machines: every distinct calendar compiled once over
 * the horizon, one machine per unit, changeover matrices over the operation families (numbered in order of
 * first appearance in the routings, then in the setup matrices).
 */
import type { WorkingTime } from "../calendar/working-time.ts";
import { compileCalendar } from "../calendar/compile-calendar.ts";
import type { ScheduleRequest } from "../../src/schedule.ts";
import type { ProblemResource } from "./problem.ts";

export interface CompiledResources {
  resources: ProblemResource[];
  machineCount: number;
  familyCount: number;
  /** Family index of a family name (−1 for none). */
  familyIndex: (family: string | undefined) => number;
  resourceIndex: Map<string, number>;
}

/** @param shouldStop polled before each calendar is compiled: null when it held. */
export function compileResources(request: ScheduleRequest, horizon: { from: number; to: number }, shouldStop: () => boolean = () => false): CompiledResources | null {
  const calendarById = new Map(request.calendars.map((c) => [c.id, c]));
  const compiled = new Map<string, WorkingTime>();
  const families = new Map<string, number>();
  const familyIndex = (f: string | undefined) => {
    if (f === undefined) return -1;
    if (!families.has(f)) families.set(f, families.size);
    return families.get(f)!;
  };
  for (const routing of request.routings) for (const op of routing.operations) familyIndex(op.family);
  for (const r of request.resources) for (const c of r.setupMatrix?.changeovers ?? []) (familyIndex(c.from), familyIndex(c.to));
  const familyCount = families.size;

  let machineCount = 0;
  const resources: ProblemResource[] = [];
  for (const r of request.resources) {
    let calendar = compiled.get(r.calendar);
    if (calendar === undefined) {
      if (shouldStop()) return null;
      calendar = compileCalendar(calendarById.get(r.calendar)!, horizon);
      compiled.set(r.calendar, calendar);
    }
    let changeover: Float64Array | null = null;
    if (r.setupMatrix !== undefined && (r.setupMatrix.default > 0 || r.setupMatrix.changeovers.length > 0)) {
      changeover = new Float64Array(familyCount * familyCount).fill(r.setupMatrix.default);
      for (const c of r.setupMatrix.changeovers) changeover[familyIndex(c.from) * familyCount + familyIndex(c.to)] = c.minutes;
    }
    resources.push({ id: r.id, firstMachine: machineCount, units: r.units, calendar, changeover });
    machineCount += r.units;
  }
  return { resources, machineCount, familyCount, familyIndex, resourceIndex: new Map(request.resources.map((r, i) => [r.id, i])) };
}
