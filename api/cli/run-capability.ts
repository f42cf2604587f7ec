/**
 * `takt <command> FILE.json`: the CLI twin of a capability's route. Reads the file, checks it with the
 * route's own schema, runs it on a local solver pool and prints the route's JSON. Errors print the same
 * JSON body the API would send, and the exit code says which kind: 2 bad input, 3 wrong model, 1 failure.
 */
import { readFile } from "node:fs/promises";
import { BadRequestError, zodProblems } from "../request-validation.ts";
import type { Capability } from "../capability.ts";
import { describeError } from "../errors.ts";
import { createSolverPool } from "../pool.ts";

export async function readJsonFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new BadRequestError([{ path: "$", message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BadRequestError([{ path: "$", message: `${path} is not JSON: ${(error as Error).message}` }]);
  }
}

export function exitCodeFor(statusCode: number): number {
  if (statusCode === 422) return 3;
  if (statusCode >= 400 && statusCode < 500) return 2;
  return 1;
}

/** Prints the result (or the error body) as JSON on stdout and returns the process exit code. */
export async function runCapabilityCommand(capability: Capability, file: string, patch?: (body: Record<string, unknown>) => void): Promise<number> {
  const pool = createSolverPool();
  try {
    const raw = await readJsonFile(file);
    if (patch && raw !== null && typeof raw === "object" && !Array.isArray(raw)) patch(raw as Record<string, unknown>);
    const parsed = capability.request.safeParse(raw);
    if (!parsed.success) throw new BadRequestError(zodProblems(parsed.error));
    const result = await capability.run(parsed.data, {
      pool,
      onProgress: (report) => process.stderr.write(`progress ${JSON.stringify(report)}\n`),
    });
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    const described = describeError(error);
    if (described.log) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.stdout.write(`${JSON.stringify(described.body, null, 2)}\n`);
    return exitCodeFor(described.body.statusCode);
  } finally {
    await pool.close();
  }
}
