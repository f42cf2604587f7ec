/**
 * A capability is one question Takt answers: its request and response schemas, its HTTP route and its CLI
 * command all come from one definition, so every API capability is also a command and is documented in
 * the OpenAPI document by construction.
 */
import type { z } from "zod";
import type { JsonBody } from "./json-body.ts";
import type { SolverPool } from "./pool.ts";

export interface RunContext {
  pool: SolverPool;
  onProgress?: (report: unknown) => void;
  signal?: AbortSignal;
}

export interface Capability<Request extends z.ZodType = z.ZodType, Response extends z.ZodType = z.ZodType> {
  /** CLI command name: `takt <command> FILE.json`. */
  readonly command: string;
  readonly url: `/v1/${string}`;
  readonly summary: string;
  readonly description: string;
  readonly request: Request;
  readonly response: Response;
  /** Boolean CLI flags that set request fields, e.g. `takt mrp --orders` sets `options.asOrders`. */
  /**
   * Its answer can also be given as spreadsheet tables (solver/export/answer-tables.ts), chosen by the Accept
   * header: `what` names the CSV answer's table for the docs, `query` documents the route's query parameters
   * for the export (rush insertion's `option`).
   */
  readonly spreadsheet?: { readonly what: string; readonly query?: z.ZodObject };
  readonly cliFlags?: Readonly<Record<string, { readonly description: string; apply(body: Record<string, unknown>): void }>>;
  /**
   * Runs on the pool; throws coded errors (src/errors.ts) for bad models. A response too large to pass
   * between threads as objects comes back as its JSON text (json-body.ts), still matching `response`.
   */
  run(request: z.output<Request>, context: RunContext): Promise<z.output<Response> | JsonBody>;
  /**
   * `run` for a request still in JSON text, for capabilities whose requests can be tens of MB (an ERP's
   * MRP snapshot): the worker parses and validates it (400 with every failing path, as the route would),
   * so the event loop never blocks on it and it is not cloned between threads. The route uses it when
   * it is there.
   */
  runJson?(request: JsonBody, context: RunContext): Promise<z.output<Response> | JsonBody>;
}

/** Identity with inference: keeps each capability's request and response types tied together. */
export function defineCapability<Request extends z.ZodType, Response extends z.ZodType>(
  capability: Capability<Request, Response>,
): Capability<Request, Response> {
  return capability;
}
