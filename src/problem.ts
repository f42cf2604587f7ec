import { MAX_REPORTED_PROBLEMS } from "./limits.ts";

/** One thing wrong with a request, located by its JSON path (`routings[2].operations[0].resources[1]`). */
export interface Problem {
  path: string;
  message: string;
}

/**
 * Appends `more` to `problems` one by one: `problems.push(...more)` passes every entry as an argument, and a
 * request with 100,000 duplicate ids has as many problems, past what a call's arguments may hold.
 */
export function addProblems(problems: Problem[], more: readonly Problem[]): void {
  for (const problem of more) problems.push(problem);
}

/** The first MAX_REPORTED_PROBLEMS problems and, when there are more, a last one saying how many were left out. */
export function reportedProblems(problems: readonly Problem[]): Problem[] {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return [...problems];
  const more = problems.length - MAX_REPORTED_PROBLEMS;
  return [...problems.slice(0, MAX_REPORTED_PROBLEMS), { path: "$", message: `and ${more.toLocaleString("en-US")} more problems (only the first ${MAX_REPORTED_PROBLEMS.toLocaleString("en-US")} are listed)` }];
}

/** `["routings", 2, "operations", 0]` → `routings[2].operations[0]`; the empty path is the body itself, `$`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out === "" ? "$" : out;
}
