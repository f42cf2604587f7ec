/**
 * The OpenAPI document's finishing pass, over what @fastify/swagger and the zod provider make of the routes'
 * schemas: every error status an operation can give is described (which codes, the ErrorResponse schema,
 * Retry-After, WWW-Authenticate), 202s carry Location, the bearer scheme is declared, the demo plants are
 * the request examples, and schemas appear once under one name with none unreferenced. Rules that hold for
 * every route (a body can be too large, a Host refused, a token missing) live here rather than in each
 * route; a route declares what is its own (422, 406, 503, its success answers).
 */
import appliancePlant from "../data/appliance-plant.json" with { type: "json" };
import steelPlant from "../data/steel-plant.json" with { type: "json" };
import type { ErrorCode } from "../src/errors.ts";
import { ERROR_CODES } from "../src/errors.ts";
import { HTTP_STATUS } from "./errors.ts";

type Json = Record<string, unknown>;
interface Operation extends Json {
  operationId?: string;
  parameters?: Json[];
  requestBody?: { content: Record<string, Json> };
  responses: Record<string, Json>;
}

const SCHEMAS = "#/components/schemas/";
const ERROR_REF = { $ref: `${SCHEMAS}ErrorResponse` };

/** What each error status means here; the codes that give it are added from HTTP_STATUS. */
const STATUS_MEANING: Readonly<Record<number, string>> = {
  400: "The request is not of the documented shape (`problems` lists every failing path)",
  401: "The server has tokens and the request has no valid `Authorization: Bearer TOKEN`",
  403: "The Host header names a host this server does not answer to",
  404: "No such job, batch or route",
  406: "The answer cannot be given in the format the Accept header asks for",
  413: "The request body is larger than the server's limit",
  415: "The body's Content-Type is not one this route reads",
  422: "The model is well-formed but wrong (`problems` names each culprit by path), or the request needs more than a solver thread may use",
  500: "A bug: logged on the server, the message hidden",
  503: "The solver's queue is full (retry after Retry-After seconds), or the task was stopped",
};

const HEADERS: Readonly<Record<number, Json>> = {
  202: { Location: { description: "Where to follow the accepted work (GET)", schema: { type: "string" } } },
  401: { "WWW-Authenticate": { description: 'Bearer realm="takt"', schema: { type: "string" } } },
  503: { "Retry-After": { description: "Seconds to wait before retrying (TAKT_ERR_QUEUE_FULL)", schema: { type: "integer", minimum: 1 } } },
};

/** The demo plants as request examples (data/README.md says which capability each one is for). */
const EXAMPLES: Readonly<Record<string, ReadonlyArray<"steelPlant" | "appliancePlant">>> = {
  validate: ["steelPlant", "appliancePlant"],
  schedule: ["steelPlant", "appliancePlant"],
  insert: ["steelPlant"],
  review: ["steelPlant"],
  capacity: ["steelPlant", "appliancePlant"],
  mrp: ["appliancePlant"],
  bottleneck: ["steelPlant"],
};
const EXAMPLE_VALUES = {
  steelPlant: { summary: "The demo steel-strip plant (data/steel-plant.json)", value: steelPlant },
  appliancePlant: { summary: "The demo appliance plant (data/appliance-plant.json)", value: appliancePlant },
};

/** The codes that answer with `status`, for its description. */
function codesOf(status: number): ErrorCode[] {
  return (Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => HTTP_STATUS[code] === status);
}

/** The error statuses every route of this shape can give, besides those it declares. */
function commonStatuses(path: string, operation: Operation): number[] {
  const statuses = [403, 500];
  if (path.startsWith("/v1/")) statuses.push(401);
  if (operation.requestBody) statuses.push(400, 413, 415);
  if (operation.parameters?.length) statuses.push(400);
  if (path.includes("{id}")) statuses.push(404);
  // A solver thread's work may need more memory than a thread may use (TAKT_ERR_TASK_MEMORY).
  if (operation.responses["503"]) statuses.push(422);
  return statuses;
}

function describeResponses(path: string, operation: Operation): void {
  const responses = operation.responses;
  for (const status of commonStatuses(path, operation)) responses[status] ??= {};
  for (const [key, response] of Object.entries(responses)) {
    const status = Number(key);
    if (status >= 400) {
      const codes = codesOf(status).join(", ");
      response.description = `${STATUS_MEANING[status] ?? "Error"}: ${codes}`;
      response.content = { "application/json": { schema: ERROR_REF } };
    } else if (response.description === undefined || response.description === "Default Response") {
      response.description = status === 202 ? "Accepted: queued; follow it at Location" : "The answer";
    }
    const headers = HEADERS[status];
    if (headers) response.headers = { ...(response.headers as Json | undefined), ...headers };
  }
}

function addExamples(operation: Operation): void {
  const names = EXAMPLES[operation.operationId ?? ""];
  const json = operation.requestBody?.content["application/json"];
  if (names && json) json.examples = Object.fromEntries(names.map((name) => [name, { $ref: `#/components/examples/${name}` }]));
}

/** Every `$ref` to a schema inside `value`. */
function refsIn(value: unknown, out: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const entry of value) refsIn(entry, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, entry] of Object.entries(value)) {
      if (key === "$ref" && typeof entry === "string" && entry.startsWith(SCHEMAS)) out.add(entry.slice(SCHEMAS.length));
      else refsIn(entry, out);
    }
  }
  return out;
}

/** The schemas reachable from the operations. */
function reachable(paths: unknown, schemas: Record<string, unknown>): Set<string> {
  const seen = new Set<string>();
  const queue = [...refsIn(paths, new Set())];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (seen.has(name)) continue;
    seen.add(name);
    queue.push(...refsIn(schemas[name], new Set()));
  }
  return seen;
}

function renameRefs(value: unknown, renamed: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((entry) => renameRefs(entry, renamed));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, entry]) => {
      if (key === "$ref" && typeof entry === "string" && entry.startsWith(SCHEMAS)) return [key, SCHEMAS + (renamed.get(entry.slice(SCHEMAS.length)) ?? entry.slice(SCHEMAS.length))];
      return [key, renameRefs(entry, renamed)];
    }),
  );
}

/**
 * The zod provider publishes each named schema twice, `X` as answers give it and `XInput` as requests may send
 * it (defaults optional). `XInput` becomes `X` where no answer uses `X`, or where the two are the same once
 * their references are merged too; only request forms that really differ from the answer keep the suffix.
 * Unreferenced schemas are dropped.
 */
function mergeSchemas(document: Json): Json {
  const schemas = (document.components as { schemas: Record<string, unknown> }).schemas;
  const used = reachable(document.paths, schemas);
  const inputs = [...used].filter((name) => name.endsWith("Input") && name !== "Input");
  const base = (name: string) => name.slice(0, -"Input".length);
  const renamed = new Map<string, string>();
  // Without an answer using X, XInput is simply the schema's name.
  for (const name of inputs) if (!used.has(base(name))) renamed.set(name, base(name));
  // The same modulo merged names: assume every pair merges, then drop pairs that differ until none changes.
  const pairs = new Set(inputs.filter((name) => used.has(base(name))));
  for (let changed = true; changed; ) {
    changed = false;
    const trial = new Map([...renamed, ...[...pairs].map((name): [string, string] => [name, base(name)])]);
    for (const name of pairs) {
      if (JSON.stringify(renameRefs(schemas[name], trial)) !== JSON.stringify(renameRefs(schemas[base(name)], trial))) {
        pairs.delete(name);
        changed = true;
      }
    }
  }
  for (const name of pairs) renamed.set(name, base(name));
  const kept: Record<string, unknown> = {};
  for (const name of Object.keys(schemas).sort()) {
    if (!used.has(name)) continue;
    const target = renamed.get(name) ?? name;
    if (kept[target] === undefined || !renamed.has(name)) kept[target] = renameRefs(schemas[name], renamed);
  }
  const finished = renameRefs(document, renamed) as Json;
  (finished.components as Json).schemas = kept;
  return finished;
}

/** The finishing pass (see the header); `document` is @fastify/swagger's object after the zod provider's transform. */
export function finishOpenApi(document: Json): Json {
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const [path, methods] of Object.entries(paths)) {
    for (const operation of Object.values(methods)) {
      describeResponses(path, operation);
      addExamples(operation);
      operation.security = path.startsWith("/v1/") ? [{ bearerAuth: [] }] : [];
    }
  }
  const components = document.components as Json;
  components.securitySchemes = {
    bearerAuth: {
      type: "http",
      scheme: "bearer",
      description: "A token of the server's TAKT_TOKENS or --token-file. Needed on /v1 when the server has tokens; a server on loopback without tokens is open.",
    },
  };
  components.examples = EXAMPLE_VALUES;
  return mergeSchemas(document);
}
