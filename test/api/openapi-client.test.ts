/**
 * The OpenAPI document is a contract a client generator can use: openapi-typescript turns /openapi.json into
 * types, and calls to every route through openapi-fetch's typed client — the demo plants as request bodies,
 * answers and error codes read through the generated types — must type-check. A call with a wrong body or an
 * unknown error code must not, so the types are not vacuous (the document had `operations = Record<string, never>`).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../helpers/app.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

type Document = { paths: Record<string, Record<string, { operationId?: string; requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };

/**
 * A demo plant as the body of `POST path`: the fields its request schema names (a plant file carries the fields
 * of several capabilities; each route ignores the others), inlined so its strings are checked against the enums.
 */
function plant(document: Document, path: string, name: string): string {
  const ref = document.paths[path]!.post!.requestBody!.content["application/json"]!.schema.$ref!;
  const fields = Object.keys(document.components.schemas[ref.split("/").pop()!]!.properties!);
  const whole = JSON.parse(readFileSync(join(root, "data", `${name}.json`), "utf8")) as Record<string, unknown>;
  return JSON.stringify(Object.fromEntries(Object.entries(whole).filter(([key]) => fields.includes(key))));
}

/** One call per operation. */
const calls = (document: Document) => `
import createClient from "openapi-fetch";
import type { components } from "./schema.ts";
import type { paths } from "./schema.ts";

type ErrorCode = components["schemas"]["ErrorResponse"]["code"];
const client = createClient<paths>({ baseUrl: "http://127.0.0.1:3000", headers: { authorization: "Bearer a-token-of-16-chars" } });
const id = "00000000-0000-4000-8000-000000000000";

export async function everyRoute(): Promise<unknown[]> {
  const health = await client.GET("/health");
  const status: "ok" | undefined = health.data?.status;
  const validated = await client.POST("/v1/validate", { body: ${plant(document, "/v1/validate", "steel-plant")} });
  const valid: boolean | undefined = validated.data?.valid;
  const code: ErrorCode | undefined = validated.error?.code;
  const scheduled = await client.POST("/v1/schedule", { body: ${plant(document, "/v1/schedule", "steel-plant")} });
  // JSON, or with an Accept header CSV or XLSX (the same route).
  const operations: number | undefined = typeof scheduled.data === "object" ? scheduled.data.operations.length : undefined;
  const inserted = await client.POST("/v1/schedule/insert", { body: ${plant(document, "/v1/schedule/insert", "steel-plant")} });
  const reviewed = await client.POST("/v1/orders/review", { body: ${plant(document, "/v1/orders/review", "steel-plant")} });
  const capacity = await client.POST("/v1/capacity", { body: ${plant(document, "/v1/capacity", "steel-plant")} });
  const mrp = await client.POST("/v1/mrp", { body: ${plant(document, "/v1/mrp", "appliance-plant")} });
  const bottleneck = await client.POST("/v1/bottleneck", { body: ${plant(document, "/v1/bottleneck", "steel-plant")} });
  const imported = await client.POST("/v1/import", { body: "the workbook's bytes", bodySerializer: (body) => body });
  const model: components["schemas"]["Plant"] | undefined = imported.data?.model;
  const exported = await client.POST("/v1/export", { body: { answer: scheduled.data, model: { planStart: "2026-03-30T06:00" } }, parseAs: "blob" });
  const jobs = await client.GET("/v1/jobs", { params: { query: { status: "running" } } });
  const submitted = await client.POST("/v1/jobs", { body: { kind: "schedule", input: { planStart: "2026-03-30T06:00" } } });
  const location: string | undefined = submitted.data?.location;
  const job = await client.GET("/v1/jobs/{id}", { params: { path: { id } } });
  const cancelled = await client.DELETE("/v1/jobs/{id}", { params: { path: { id } } });
  const events = await client.GET("/v1/jobs/{id}/events", { params: { path: { id } }, parseAs: "stream" });
  const batch = await client.POST("/v1/scenarios", { body: { kind: "capacity", base: {}, variations: [{ name: "more", scaleDemand: 1.2 }] } });
  const scenarios = await client.GET("/v1/scenarios/{id}", { params: { path: { id } } });
  const stopped = await client.DELETE("/v1/scenarios/{id}", { params: { path: { id } } });
  return [status, valid, code, operations, inserted, reviewed, capacity, mrp, bottleneck, model, exported, jobs, location, job, cancelled, events, batch, scenarios, stopped];
}
`;

/** Calls the generated types must refuse. */
const WRONG_CALLS = `
import createClient from "openapi-fetch";
import type { components, paths } from "./schema.ts";

const client = createClient<paths>({ baseUrl: "http://127.0.0.1:3000" });
export async function wrong(): Promise<void> {
  await client.POST("/v1/schedule", { body: { planStart: 20260330 } });
  await client.POST("/v1/jobs", { body: { kind: "paint", input: {} } });
  await client.GET("/v1/no-such-route");
  const code: components["schemas"]["ErrorResponse"]["code"] = "TAKT_ERR_NO_SUCH_CODE";
  void code;
}
`;

let app: FastifyInstance;
let dir: string;
beforeAll(async () => {
  app = await testApp();
  // Inside the project, so the files resolve openapi-fetch from its node_modules.
  mkdirSync(join(root, "node_modules", ".cache"), { recursive: true });
  dir = mkdtempSync(join(root, "node_modules", ".cache", "takt-openapi-client-"));
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The type errors of `files` (beside the generated schema.ts, checked together), one line each: `file:line message`. */
function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files.map((file) => join(dir, file)), {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    exactOptionalPropertyTypes: true,
    skipLibCheck: true,
    types: [],
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? `${d.file.fileName.slice(dir.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : ""} ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`.slice(0, 300));
}

describe("a typed client generated from /openapi.json", () => {
  it("type-checks a call to every route, and refuses wrong ones", async () => {
    const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as Document;
    const CALLS = calls(document);
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, id: operation.operationId })));
    expect(operations.filter((o) => !o.id)).toEqual([]);
    expect(new Set(operations.map((o) => o.id)).size).toBe(operations.length);
    // The calls cover exactly the documented routes: a new route needs a call here.
    const called = [...CALLS.matchAll(/client\.(GET|POST|DELETE)\("([^"]+)"/g)].map(([, method, path]) => `${method} ${path}`);
    expect(called.sort()).toEqual(operations.map((o) => o.route).sort());

    // Defaults make a field optional in a request (openapi-typescript would make it required: --default-non-nullable false).
    const generated = astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], { defaultNonNullable: false }));
    expect(generated).not.toContain("operations = Record<string, never>");
    writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(dir, "schema.ts"), generated);
    writeFileSync(join(dir, "calls.ts"), CALLS);
    writeFileSync(join(dir, "wrong.ts"), WRONG_CALLS);
    const errors = typeErrors(["calls.ts", "wrong.ts"]);
    expect(errors.filter((e) => !e.startsWith("wrong.ts"))).toEqual([]);
    expect(errors.map((e) => e.split(" ")[0])).toEqual(["wrong.ts:7", "wrong.ts:8", "wrong.ts:9", "wrong.ts:10"]);
  }, 120_000);
});
