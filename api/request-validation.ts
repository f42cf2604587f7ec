/**
 * Fastify's validator for zod schemas. We use our own rather than the type provider's so that a 400 keeps
 * each issue's path as data (`routings[0].operations[1].runMinutesPerUnit`) instead of a joined string.
 * Responses are serialised with plain JSON.stringify: their schemas document the API, and the tests check
 * every response against them, so re-validating large plans on each request would only cost time.
 */
import type { FastifySchemaCompiler } from "fastify";
import type { z } from "zod";
import { TaktError } from "../src/errors.ts";
import type { Problem } from "../src/problem.ts";
import { formatPath, reportedProblems } from "../src/problem.ts";

/** A request whose shape is wrong; `problems` lists every failing path. */
export class BadRequestError extends TaktError {
  readonly problems: Problem[];
  readonly statusCode = 400;
  constructor(problems: Problem[]) {
    const reported = reportedProblems(problems);
    super("TAKT_ERR_BAD_REQUEST", `the request does not match the schema: ${reported.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    this.name = "BadRequestError";
    this.problems = reported;
  }
}

export function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => (data) => {
  const result = schema.safeParse(data);
  return result.success ? { value: result.data } : { error: new BadRequestError(zodProblems(result.error)) };
};

export const serializerCompiler = () => (data: unknown) => JSON.stringify(data);
