import { Validator } from "@seriousme/openapi-schema-validator";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { testApp } from "../helpers/app.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp();
});
afterAll(() => app.close());

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3 document", async () => {
    const res = await app.inject({ method: "GET", url: "/openapi.json" });
    expect(res.statusCode).toBe(200);
    const document = res.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("documents every capability's route, request and error responses", async () => {
    const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, { post?: { requestBody?: unknown; responses: Record<string, unknown> } }>;
    };
    for (const capability of capabilities) {
      const operation = document.paths[capability.url]?.post;
      expect(operation, capability.url).toBeDefined();
      expect(operation?.requestBody, capability.url).toBeDefined();
      expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(["200", "400", "422", "500", "503"]));
    }
  });

  it("describes every response, declares the errors every route may give with their headers, and the bearer scheme", async () => {
    type Response = { description: string; headers?: Record<string, unknown>; content?: Record<string, { schema: { $ref?: string } }> };
    const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, { operationId: string; security: unknown[]; requestBody?: unknown; responses: Record<string, Response> }>>;
      components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    };
    expect(document.components.securitySchemes).toMatchObject({ bearerAuth: { type: "http", scheme: "bearer" } });
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const where = `${method} ${path}`;
        const statuses = Object.keys(operation.responses);
        expect(statuses, where).toEqual(expect.arrayContaining(["403", "500", ...(path.startsWith("/v1/") ? ["401"] : []), ...(operation.requestBody ? ["400", "413", "415"] : []), ...(path.includes("{id}") ? ["404"] : [])]));
        expect(operation.security, where).toEqual(path.startsWith("/v1/") ? [{ bearerAuth: [] }] : []);
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(response.description, `${where} ${status}`).not.toBe("Default Response");
          if (Number(status) >= 400) expect(response.content?.["application/json"]?.schema.$ref, `${where} ${status}`).toBe("#/components/schemas/ErrorResponse");
        }
        if (operation.responses["503"]) expect(operation.responses["503"].headers, where).toHaveProperty("Retry-After");
        if (operation.responses["401"]) expect(operation.responses["401"].headers, where).toHaveProperty("WWW-Authenticate");
        if (operation.responses["202"]) expect(operation.responses["202"].headers, where).toHaveProperty("Location");
      }
    }
  });

  it("publishes each schema once, all referenced, request bodies under their own names with the demo plants as examples the routes accept", async () => {
    const text = (await app.inject({ method: "GET", url: "/openapi.json" })).body;
    const document = JSON.parse(text) as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: { $ref?: string }; examples?: Record<string, { $ref: string }> }> } } }>;
      components: { schemas: Record<string, unknown>; examples: Record<string, { value: unknown }> };
    };
    const referenced = new Set([...text.matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map(([, name]) => name));
    expect(Object.keys(document.components.schemas).filter((name) => !referenced.has(name))).toEqual([]);
    for (const capability of capabilities) {
      const json = document.paths[capability.url]!.post!.requestBody!.content["application/json"]!;
      expect(json.schema.$ref, capability.url).not.toMatch(/Input$/);
      const examples = Object.values(json.examples ?? {});
      expect(examples.length, capability.url).toBeGreaterThan(0);
      for (const { $ref } of examples) {
        const example = document.components.examples[$ref.split("/").pop()!]!.value;
        expect(capability.request.safeParse(example).error, `${capability.url} ${$ref}`).toBeUndefined();
      }
    }
  });

  it("serves Swagger UI at /docs and health at /health", async () => {
    const docs = await app.inject({ method: "GET", url: "/docs/" });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain("swagger");
    const health = await app.inject({ method: "GET", url: "/health" });
    expect(health.json()).toMatchObject({ status: "ok", threads: 2 });
  });
});

describe("the bounds in the OpenAPI document (issue 13)", () => {
  type Schema = { type?: string | string[]; maximum?: number; exclusiveMaximum?: number; maxItems?: number; enum?: unknown[]; const?: unknown; $ref?: string; items?: Schema; properties?: Record<string, Schema>; additionalProperties?: Schema | boolean; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[] };

  /** Every number without a maximum and every array without maxItems reachable from `schema`, by path. */
  function unbounded(schema: Schema, components: Record<string, Schema>, path: string, seen: Set<string>, out: string[]): void {
    if (schema.$ref) {
      const name = schema.$ref.split("/").pop()!;
      if (seen.has(name)) return;
      seen.add(name);
      return unbounded(components[name]!, components, path, seen, out);
    }
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if ((types.includes("number") || types.includes("integer")) && schema.maximum === undefined && schema.exclusiveMaximum === undefined && schema.enum === undefined && schema.const === undefined) out.push(path);
    if (types.includes("array") && schema.maxItems === undefined) out.push(`${path}[]`);
    if (schema.items) unbounded(schema.items, components, `${path}[]`, seen, out);
    for (const [key, property] of Object.entries(schema.properties ?? {})) unbounded(property, components, `${path}.${key}`, seen, out);
    if (typeof schema.additionalProperties === "object") unbounded(schema.additionalProperties, components, `${path}.*`, seen, out);
    for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])]) unbounded(part, components, path, seen, out);
  }

  it("gives every number and every list of every capability's request a maximum", async () => {
    const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, { post?: { requestBody?: { content: Record<string, { schema: Schema }> } } }>;
      components: { schemas: Record<string, Schema> };
    };
    const found: string[] = [];
    for (const capability of capabilities) {
      const schema = Object.values(document.paths[capability.url]!.post!.requestBody!.content)[0]!.schema;
      unbounded(schema, document.components.schemas, capability.url, new Set(), found);
    }
    expect(found).toEqual([]);
  });
});
