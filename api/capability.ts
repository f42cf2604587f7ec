/**
 * A capability is one question Takt answers: its request and response schemas, its HTTP route and its CLI
 * command all come from one definition, so every API capability is also a command and is documented in
 * the OpenAPI document by construction.
 *
 * The main thread only routes: a capability takes its request as JSON text and answers with JSON text. The
 * text is parsed and validated on a solver thread (400 with every failing path, as a route validator would
 * give) and the answer is written there, so neither a 74 MB request nor a 350 MB answer stalls the event loop.
 */
import type { z } from "zod";
import type { KpiValue } from "./jobs/kpis.ts";
import type { JsonBody } from "./json-body.ts";
import type { SolverPool } from "./pool.ts";
import type { TaskKind } from "./tasks.ts";

export interface RunContext {
  pool: SolverPool;
  onProgress?: (report: unknown) => void;
  signal?: AbortSignal;
  /**
   * Epoch ms the request arrived (a route's, or a command's start): a search's time limit counts from it, so
   * the answer arrives within the limit. Absent for jobs, whose searches count from when each starts.
   */
  receivedAt?: number;
  /** Work for a job: it never takes every solver thread (pool.ts), and its answer carries its KPIs. */
  batch?: boolean;
}

/** A capability's answer: the response's JSON text, and for jobs the scenario KPIs of it (jobs/kpis.ts). */
export interface Answer {
  body: JsonBody;
  kpis?: Record<string, KpiValue>;
}

export interface Capability<Request extends z.ZodType = z.ZodType, Response extends z.ZodType = z.ZodType> {
  /** CLI command name: `takt <command> FILE.json`. */
  readonly command: string;
  readonly url: `/v1/${string}`;
  readonly summary: string;
  readonly description: string;
  /** The request's schema: documents the route, and validates the request on the worker. */
  readonly request: Request;
  readonly response: Response;
  /**
   * Its answer can also be given as spreadsheet tables (solver/export/answer-tables.ts), chosen by the Accept
   * header: `what` names the CSV answer's table for the docs, `query` documents the route's query parameters
   * for the export (rush insertion's `option`); `fromPlan`: the tables are written from the plan's arrays by
   * the `mrp-export` task, never from the JSON answer (an MRP plan's is hundreds of MB).
   */
  readonly spreadsheet?: { readonly what: string; readonly query?: z.ZodObject; readonly fromPlan?: boolean };
  /** Boolean CLI flags that set request fields, e.g. `takt mrp --orders` sets `options.asOrders`. */
  readonly cliFlags?: Readonly<Record<string, { readonly description: string; apply(body: Record<string, unknown>): void }>>;
  /** Answers a request given as JSON text, on the pool; throws coded errors (src/errors.ts) for bad requests. */
  run(request: JsonBody, context: RunContext): Promise<Answer>;
}

/** A CLI flag that merges `options` into the request's options (`takt mrp --orders`, `takt schedule --just-in-time`). */
export function option(description: string, options: Record<string, unknown>) {
  return {
    description,
    apply: (body: Record<string, unknown>) => {
      body.options = { ...(body.options as object | undefined), ...options };
    },
  };
}

/** Identity with inference: keeps each capability's request and response types tied together. */
export function defineCapability<Request extends z.ZodType, Response extends z.ZodType>(
  capability: Capability<Request, Response>,
): Capability<Request, Response> {
  return capability;
}

/** A one-task capability's `run`: the request text to the task `kind` on the pool, with the caller's signal. */
export function runTask(kind: TaskKind, budgetMs: number) {
  return (request: JsonBody, { pool, signal, batch, onProgress }: RunContext): Promise<Answer> =>
    pool.run<Answer>(kind, { body: request, kpis: batch === true }, { budgetMs, signal, batch, onProgress });
}
