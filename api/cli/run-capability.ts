/**
 * `takt <command> FILE.json`: the CLI twin of a capability's route. Reads the file, checks it with the
 * route's own schema, runs it on a local solver pool and prints the route's JSON. Errors print the same
 * JSON body the API would send, and the exit code says which kind: 2 bad input, 3 wrong model, 1 failure.
 */
import { readFile } from "node:fs/promises";
import { BadRequestError, zodProblems } from "../request-validation.ts";
import type { Capability } from "../capability.ts";
import { describeError } from "../errors.ts";
import { isJsonBody, writeJsonBody } from "../json-body.ts";
import { parseJsonText } from "../parse-json.ts";
import { createSolverPool } from "../pool.ts";

export async function readFileBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new BadRequestError([{ path: "$", message: `cannot read ${path}: ${(error as Error).message}` }]);
  }
}

/** A JSON file read as the API reads a body (parse-json.ts): the same 400s, each message naming the file. */
export async function readJsonFile(path: string): Promise<unknown> {
  const text = (await readFileBytes(path)).toString("utf8");
  try {
    return parseJsonText(text);
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    throw new BadRequestError(error.problems.map((problem) => ({ path: problem.path, message: `${path}: ${problem.message}` })));
  }
}

/** The file checked with the capability's schema, after the command's flags have set their fields. */
async function readRequest(capability: Capability, file: string, patch?: (body: Record<string, unknown>) => void): Promise<unknown> {
  const raw = await readJsonFile(file);
  if (patch && raw !== null && typeof raw === "object" && !Array.isArray(raw)) patch(raw as Record<string, unknown>);
  const parsed = capability.request.safeParse(raw);
  if (!parsed.success) throw new BadRequestError(zodProblems(parsed.error));
  return parsed.data;
}

/** Prints an error as the API's JSON body (its stack on stderr when unexpected) and returns the exit code. */
export function printError(error: unknown): number {
  const described = describeError(error);
  if (described.log) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
  process.stdout.write(`${JSON.stringify(described.body, null, 2)}\n`);
  return exitCodeFor(described.body.statusCode);
}

export function exitCodeFor(statusCode: number): number {
  if (statusCode === 422) return 3;
  if (statusCode >= 400 && statusCode < 500) return 2;
  return 1;
}

/**
 * Prints the result (or the error body) as JSON on stdout and returns the process exit code. `patch`
 * applies the command's flags; without it, a capability that takes JSON text gets the file's bytes, as
 * its route gets the body.
 */
export async function runCapabilityCommand(capability: Capability, file: string, patch?: (body: Record<string, unknown>) => void): Promise<number> {
  const pool = createSolverPool();
  try {
    const context = { pool, onProgress: (report: unknown) => process.stderr.write(`progress ${JSON.stringify(report)}\n`) };
    const result =
      capability.runJson && !patch
        ? await capability.runJson({ jsonChunks: [await readFileBytes(file)] }, context)
        : await capability.run(await readRequest(capability, file, patch), context);
    if (isJsonBody(result)) {
      await writeJsonBody(result, process.stdout);
      process.stdout.write("\n");
    } else process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    return printError(error);
  } finally {
    await pool.close();
  }
}
