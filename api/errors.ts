/**
 * The one place that turns errors into responses (HTTP, and the CLI's exit codes). Solvers and domain code
 * raise coded errors (src/errors.ts); only this module knows which status each code gets.
 */
import type { FastifyError, FastifyInstance } from "fastify";
import { z } from "zod";
import type { ErrorCode } from "../src/errors.ts";
import { ERROR_CODES, ModelError, QueueFullError, StoreUnavailableError, TaktError } from "../src/errors.ts";
import { BadRequestError } from "./request-validation.ts";

export const HTTP_STATUS: Record<ErrorCode, number> = {
  TAKT_ERR_BAD_REQUEST: 400,
  TAKT_ERR_INVALID_MODEL: 422,
  TAKT_ERR_BOM_CYCLE: 422,
  TAKT_ERR_QUEUE_FULL: 503,
  TAKT_ERR_TASK_FAILED: 500,
  TAKT_ERR_TASK_STOPPED: 503,
  TAKT_ERR_TASK_MEMORY: 422,
  TAKT_ERR_NOT_FOUND: 404,
  TAKT_ERR_BODY_TOO_LARGE: 413,
  TAKT_ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  TAKT_ERR_UNAUTHORIZED: 401,
  TAKT_ERR_FORBIDDEN_HOST: 403,
  TAKT_ERR_INTERNAL: 500,
  TAKT_ERR_JOB_NOT_FOUND: 404,
  TAKT_ERR_PATCH_TARGET: 422,
  TAKT_ERR_RESULT_TOO_LARGE: 422,
  TAKT_ERR_UNREADABLE_FILE: 400,
  TAKT_ERR_NOT_ACCEPTABLE: 406,
  TAKT_ERR_STORE_UNAVAILABLE: 503,
};

export const ErrorResponse = z
  .object({
    statusCode: z.number().int(),
    code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]).describe("Stable error code (README: Errors)"),
    error: z.string(),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe("Every failing JSON path"),
  })
  .meta({ id: "ErrorResponse" });
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export interface DescribedError {
  body: ErrorResponse;
  headers: Record<string, string>;
  /** Unexpected or server-side: log the full error (the body hides internals). */
  log: boolean;
}

const REASON: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  406: "Not Acceptable",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

function response(code: ErrorCode, message: string, problems?: ErrorResponse["problems"]): ErrorResponse {
  const statusCode = HTTP_STATUS[code];
  return { statusCode, code, error: REASON[statusCode] ?? "Error", message, ...(problems ? { problems } : {}) };
}

export function describeError(error: unknown): DescribedError {
  if (error instanceof BadRequestError || error instanceof ModelError) {
    return { body: response(error.code, error.message, error.problems), headers: {}, log: false };
  }
  if (error instanceof QueueFullError || error instanceof StoreUnavailableError) {
    return { body: response(error.code, error.message), headers: { "retry-after": String(error.retryAfterSeconds) }, log: false };
  }
  if (error instanceof TaktError) {
    return { body: response(error.code, error.message), headers: {}, log: HTTP_STATUS[error.code] >= 500 };
  }
  // Fastify's own client errors: body too large, a content type no route reads, a missing or wrong token.
  const status = (error as Partial<FastifyError> | undefined)?.statusCode;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 413) return { body: response("TAKT_ERR_BODY_TOO_LARGE", message), headers: {}, log: false };
  if (status === 415) {
    return { body: response("TAKT_ERR_UNSUPPORTED_MEDIA_TYPE", "this route does not read a body of that Content-Type: JSON routes read application/json only"), headers: {}, log: false };
  }
  if (status === 401) {
    return { body: response("TAKT_ERR_UNAUTHORIZED", `${message}: send Authorization: Bearer TOKEN`), headers: { "www-authenticate": 'Bearer realm="takt"' }, log: false };
  }
  if (status !== undefined && status >= 400 && status < 500) {
    return { body: response("TAKT_ERR_BAD_REQUEST", message, [{ path: "$", message }]), headers: {}, log: false };
  }
  return { body: response("TAKT_ERR_INTERNAL", "an unexpected error occurred; it has been logged"), headers: {}, log: true };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    // A client that hung up mid-answer (a large plan still streaming) is not a server fault, and there is
    // no one left to answer.
    if (reply.raw.destroyed) {
      request.log.info({ err: error }, "the client closed the connection before its answer was sent");
      return;
    }
    const described = describeError(error);
    if (described.log) request.log.error({ err: error }, described.body.message);
    return reply.code(described.body.statusCode).headers(described.headers).send(described.body);
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(response("TAKT_ERR_NOT_FOUND", `no route ${request.method} ${request.url}`));
  });
}
