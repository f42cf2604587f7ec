/**
 * Takt's domain errors. Stable codes, never HTTP statuses: `api/errors.ts` is the one place that maps
 * them to responses, and `test/api/errors.test.ts` checks that every code here is mapped and documented.
 */
import type { Problem } from "./problem.ts";
import { reportedProblems } from "./problem.ts";

export const ERROR_CODES = {
  TAKT_ERR_BAD_REQUEST: "The request body is not of the documented shape (every failing path is listed).",
  TAKT_ERR_INVALID_MODEL: "The model is well-formed but wrong: unknown references, duplicate ids, cycles (every problem is listed).",
  TAKT_ERR_BOM_CYCLE: "The bill of materials contains a cycle; the message names it (A → B → C → A).",
  TAKT_ERR_QUEUE_FULL: "The solver pool's queue is full; retry after the number of seconds in Retry-After.",
  TAKT_ERR_TASK_FAILED: "A solver task crashed (a bug; it is logged); only this request fails and the server stays up.",
  TAKT_ERR_TASK_STOPPED:
    "A solver task did not answer within its time budget, or within a grace period after it was asked to stop; its thread was stopped and replaced, and only this request fails.",
  TAKT_ERR_TASK_MEMORY:
    "A solver task needed more memory than one solver thread may use (takt serve --thread-memory-mb); its thread was replaced and only this request fails. Make the request smaller.",
  TAKT_ERR_NOT_FOUND: "No such route or resource.",
  TAKT_ERR_BODY_TOO_LARGE: "The request body exceeds the configured size limit.",
  TAKT_ERR_UNSUPPORTED_MEDIA_TYPE: "The request body is not sent as application/json (or, where a route says so, another type it accepts); it is not read.",
  TAKT_ERR_FORBIDDEN_HOST: "The Host header names a host this server does not answer to (an open server on loopback answers only to loopback names, against DNS rebinding).",
  TAKT_ERR_UNAUTHORIZED: "The server was started with tokens and the request has no valid `Authorization: Bearer TOKEN` header.",
  TAKT_ERR_INTERNAL: "An unexpected failure; details are in the server log, not the response.",
  TAKT_ERR_JOB_NOT_FOUND: "No job or scenario batch with that id; finished ones expire after the configured retention.",
  TAKT_ERR_PATCH_TARGET: "A scenario patch names an array element by an id the base does not have (each such key is listed with its path).",
  TAKT_ERR_RESULT_TOO_LARGE: "A job's result exceeds the configured size limit, so it was not stored; the job ends failed.",
  TAKT_ERR_UNREADABLE_FILE: "An uploaded spreadsheet is not a readable XLSX workbook (or CSV file), or is larger than its documented limits.",
  TAKT_ERR_NOT_ACCEPTABLE: "The answer cannot be given in the format the Accept header asks for (e.g. more columns than a worksheet holds); ask for JSON.",
  TAKT_ERR_STORE_UNAVAILABLE: "The job store (Redis, with `takt serve --redis`) cannot be reached; retry after the number of seconds in Retry-After. Accepted jobs are not lost.",
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

export class TaktError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TaktError";
    this.code = code;
  }
}

/** A well-formed request whose content is wrong: every problem, each with its path. */
export class ModelError extends TaktError {
  readonly problems: Problem[];
  constructor(problems: Problem[], code: ErrorCode = "TAKT_ERR_INVALID_MODEL") {
    const reported = reportedProblems(problems);
    super(code, reported.map((p) => `${p.path}: ${p.message}`).join("; "));
    this.name = "ModelError";
    this.problems = reported;
  }
}

/** The pool's queue is full: try again later. */
export class QueueFullError extends TaktError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super("TAKT_ERR_QUEUE_FULL", "the solver queue is full, try again later");
    this.name = "QueueFullError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The shared job store (Redis) cannot be reached: try again later; the service reconnects by itself. */
export class StoreUnavailableError extends TaktError {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, options?: { cause?: unknown }) {
    super("TAKT_ERR_STORE_UNAVAILABLE", message, options);
    this.name = "StoreUnavailableError";
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A solver task that ran past its hard time limit (or would not stop when asked) and whose thread was stopped. */
export class TaskStoppedError extends TaktError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("TAKT_ERR_TASK_STOPPED", message, options);
    this.name = "TaskStoppedError";
  }
}

/** A solver task whose thread ran out of its memory limit. */
export class TaskMemoryError extends TaktError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("TAKT_ERR_TASK_MEMORY", message, options);
    this.name = "TaskMemoryError";
  }
}

/** A solver task that crashed: a bug. */
export class TaskFailedError extends TaktError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("TAKT_ERR_TASK_FAILED", message, options);
    this.name = "TaskFailedError";
  }
}
