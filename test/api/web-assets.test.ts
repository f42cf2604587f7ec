/** The workbench's files at `/` (AppOptions.webRoot) beside an unchanged API. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../helpers/app.ts";

describe("the workbench's files", () => {
  let app: FastifyInstance;
  let bare: FastifyInstance;
  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), "takt-web-root-"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>workbench</title>");
    writeFileSync(join(webRoot, "app.js"), "console.log('workbench')");
    app = await testApp({ webRoot });
    bare = await testApp();
  });
  afterAll(async () => {
    await app.close();
    await bare.close();
  });

  it("serves the page at / and its files beside it", async () => {
    const page = await app.inject({ method: "GET", url: "/" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    expect(page.body).toContain("<title>workbench</title>");
    const script = await app.inject({ method: "GET", url: "/app.js" });
    expect(script.statusCode).toBe(200);
    expect(script.headers["content-type"]).toMatch(/javascript/);
  });

  it("leaves the API as it was: health, docs, the OpenAPI document, and JSON 404s for unknown paths", async () => {
    expect((await app.inject({ method: "GET", url: "/health" })).json()).toMatchObject({ status: "ok" });
    expect((await app.inject({ method: "GET", url: "/openapi.json" })).json()).toMatchObject({ openapi: "3.1.0" });
    expect((await app.inject({ method: "GET", url: "/docs" })).statusCode).toBeLessThan(400);
    const missing = await app.inject({ method: "GET", url: "/v1/nothing-here" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: "TAKT_ERR_NOT_FOUND" });
    expect(Object.keys((await app.inject({ method: "GET", url: "/openapi.json" })).json().paths)).not.toContain("/app.js");
  });

  it("serves no page without a workbench", async () => {
    expect((await bare.inject({ method: "GET", url: "/" })).statusCode).toBe(404);
  });
});
