import type { Capability } from "../capability.ts";
import { BadRequestError } from "../request-validation.ts";
import { formatPath } from "../../src/problem.ts";

/**
 * Parses a job's input with its capability's request schema; a mismatch is a 400 whose paths start with
 * `prefix` (`input.orders[3].due`), so the client sees where in ITS request body the problem is.
 */
export function parseInput(capability: Capability, input: unknown, prefix: ReadonlyArray<PropertyKey>): unknown {
  const parsed = capability.request.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new BadRequestError(parsed.error.issues.map((issue) => ({ path: formatPath([...prefix, ...issue.path]), message: issue.message })));
}
