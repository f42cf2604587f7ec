/** One thing wrong with a request, located by its JSON path (`routings[2].operations[0].resources[1]`). */
export interface Problem {
  path: string;
  message: string;
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
