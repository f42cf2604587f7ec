/** A (flexible) job-shop benchmark instance: jobs of ordered operations, each on one of its machines. */
export interface JobShopInstance {
  name: string;
  machineCount: number;
  /** jobs[j][k] = the alternatives of job j's k-th operation: machine (0-based) and processing time. */
  jobs: Array<Array<Array<{ machine: number; time: number }>>>;
}

/** Whitespace-separated numbers of a text; throws on anything else (a broken file is a broken contract). */
export function numbersOf(text: string, what: string): number[] {
  const tokens = text.split(/\s+/).filter((t) => t !== "");
  return tokens.map((t, i) => {
    const v = Number(t);
    if (!Number.isFinite(v)) throw new SyntaxError(`${what}: token ${i + 1} "${t}" is not a number`);
    return v;
  });
}
