import type { CompiledRequest } from "./compile-problem.ts";
import type { CompactSchedule } from "./search-problem.ts";

export function justInTime(_compiled: CompiledRequest, schedule: CompactSchedule): CompactSchedule {
  return schedule;
}
