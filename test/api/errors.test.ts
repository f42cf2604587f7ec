import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse, HTTP_STATUS, describeError } from "../../api/errors.ts";
import { ERROR_CODES, ModelError, QueueFullError, TaskFailedError } from "../../src/errors.ts";
import { capabilities } from "../../api/capabilities/index.ts";
import { post, testApp } from "../helpers/app.ts";

let app: FastifyInstance;
beforeAll(async () => {
  app = await testApp({ bodyLimitBytes: 4096 });
});
afterAll(() => app.close());

describe("error registry", () => {
  it("maps every error code to a status and documents it", () => {
    for (const code of Object.keys(ERROR_CODES) as Array<keyof typeof ERROR_CODES>) {
      expect(HTTP_STATUS[code], code).toBeGreaterThanOrEqual(400);
      expect(ERROR_CODES[code].length, code).toBeGreaterThan(20);
    }
    // The README's error table: one row `| STATUS \`CODE\` | meaning |` per code, with the status the code gets.
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const rows = [...readme.matchAll(/^\| (\d{3}) `(TAKT_ERR_[A-Z_]+)` \| \S/gm)].map(([, status, code]) => [code, Number(status)] as const);
    expect(Object.fromEntries(rows)).toEqual(HTTP_STATUS);
    expect(rows).toHaveLength(Object.keys(ERROR_CODES).length);
  });

  it("publishes the codes as the ErrorResponse schema's enum, and each error status with the codes that give it", async () => {
    const document = (await app.inject({ method: "GET", url: "/openapi.json" })).json() as {
      paths: Record<string, Record<string, { responses: Record<string, { description: string }> }>>;
      components: { schemas: { ErrorResponse: { properties: { code: { enum: string[] } } } } };
    };
    expect(document.components.schemas.ErrorResponse.properties.code.enum).toEqual(Object.keys(ERROR_CODES));
    const validate = document.paths["/v1/validate"]!.post!.responses;
    for (const [code, status] of Object.entries(HTTP_STATUS)) if (validate[status]) expect(validate[status].description).toContain(code);
  });

  it("describes domain errors with their status, problems and headers", () => {
    expect(describeError(new ModelError([{ path: "orders[0].item", message: "unknown item" }])).body).toMatchObject({
      statusCode: 422,
      code: "TAKT_ERR_INVALID_MODEL",
      problems: [{ path: "orders[0].item", message: "unknown item" }],
    });
    expect(describeError(new QueueFullError(7))).toMatchObject({ body: { statusCode: 503 }, headers: { "retry-after": "7" } });
    expect(describeError(new TaskFailedError("worker died"))).toMatchObject({ body: { statusCode: 500, message: "worker died" }, log: true });
  });

  it("hides the detail of an unexpected error and asks for it to be logged", () => {
    const described = describeError(new Error("secret internal state"));
    expect(described.body).toMatchObject({ statusCode: 500, code: "TAKT_ERR_INTERNAL" });
    expect(described.body.message).not.toContain("secret");
    expect(described.log).toBe(true);
  });
});

describe("bad bodies are 400 on every route, never 500", () => {
  const routes = [...capabilities.map((c) => c.url), "/v1/jobs", "/v1/scenarios"];
  const bad: Array<[string, string, string]> = [
    ["not JSON", "{ this is not json", "application/json"],
    ["empty", "", "application/json"],
    ["an array", "[1, 2]", "application/json"],
    ["a number", "42", "application/json"],
    ["null", "null", "application/json"],
  ];
  for (const url of routes) {
    it.each(bad)(`${url}: %s`, async (_name, body, contentType) => {
      const res = await post(app, url, body, contentType);
      expect(res.statusCode).toBe(400);
      const parsed = ErrorResponse.parse(res.json());
      expect(parsed.code).toBe("TAKT_ERR_BAD_REQUEST");
      expect(parsed.problems?.length).toBeGreaterThan(0);
      expect(res.headers["x-request-id"]).toBeTruthy();
    });
  }

  // The same answer on every route, whichever thread parses the body (MRP's is parsed on a worker).
  for (const url of routes) {
    it.each([
      ["__proto__", '{"__proto__": {"admin": true}}', "Object contains forbidden prototype property"],
      ["constructor.prototype", '{"constructor": {"prototype": {"admin": true}}}', "Object contains forbidden prototype property"],
    ])(`${url}: refuses a %s key as every route does`, async (_name, body, reason) => {
      const res = await post(app, url, body, "application/json; charset=utf-8");
      expect(res.statusCode).toBe(400);
      expect(ErrorResponse.parse(res.json()).problems).toEqual([{ path: "$", message: `the body is not JSON: ${reason}` }]);
    });

    it(`${url}: names a duplicate key by its path`, async () => {
      const res = await post(app, url, '{"kind": "capacity", "input": {}, "base": {}, "kind": "mrp"}');
      expect(res.statusCode).toBe(400);
      expect(ErrorResponse.parse(res.json()).problems).toEqual([{ path: "kind", message: expect.stringContaining('duplicate key "kind"') }]);
    });

    it.each([
      ["JSON labelled text/plain", '{"kind": "capacity"}', "text/plain"],
      ["a form", "kind=capacity", "application/x-www-form-urlencoded"],
      ["XML", "<factory/>", "application/xml"],
    ])(`${url}: refuses %s with 415, unread`, async (_name, body, contentType) => {
      const res = await post(app, url, body, contentType);
      expect(res.statusCode).toBe(415);
      expect(ErrorResponse.parse(res.json()).code).toBe("TAKT_ERR_UNSUPPORTED_MEDIA_TYPE");
    });
  }

  it("answers an over-long or malformed id with its own 400, never fastify's 414", async () => {
    for (const length of [101, 5000]) {
      const res = await app.inject({ method: "GET", url: `/v1/jobs/${"x".repeat(length)}` });
      expect(res.statusCode, res.body).toBe(400);
      expect(ErrorResponse.parse(res.json()).code).toBe("TAKT_ERR_BAD_REQUEST");
    }
    const badEscape = await app.inject({ method: "GET", url: "/v1/jobs/%E0%A4%A" });
    expect(badEscape.statusCode).toBe(400);
    expect(ErrorResponse.parse(badEscape.json()).code).toBe("TAKT_ERR_BAD_REQUEST");
  });

  it("refuses a body over the size limit with 413", async () => {
    const res = await post(app, "/v1/validate", JSON.stringify({ pad: "x".repeat(5000) }));
    expect(res.statusCode).toBe(413);
    expect(ErrorResponse.parse(res.json()).code).toBe("TAKT_ERR_BODY_TOO_LARGE");
  });

  it("answers an unknown route with a JSON 404", async () => {
    const res = await app.inject({ method: "GET", url: "/v1/nothing" });
    expect(res.statusCode).toBe(404);
    expect(ErrorResponse.parse(res.json()).code).toBe("TAKT_ERR_NOT_FOUND");
  });
});
