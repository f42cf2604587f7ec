/**
 * What a web page in the planner's browser can do to a Takt on the planner's machine, through real HTTP:
 * the requests a page may send without a CORS preflight (text/plain, forms) are refused unread, CORS is
 * off unless origins are allowed, the pages carry security headers whose CSP still lets /docs load, and an
 * open server answers only to loopback names (DNS rebinding).
 */
import { request as httpRequest } from "node:http";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorResponse } from "../../api/errors.ts";
import { testApp } from "../helpers/app.ts";
import { tinyCapacity } from "./jobs-helpers.ts";

const EVIL = "https://evil.example";
const ERP = "https://erp.example.com";

let open: FastifyInstance;
let openUrl: string;
let withCors: FastifyInstance;
let corsUrl: string;
beforeAll(async () => {
  open = await testApp({ allowedHosts: ["localhost", "127.0.0.1", "::1"] });
  openUrl = await open.listen({ host: "127.0.0.1", port: 0 });
  withCors = await testApp({ corsOrigins: [ERP] });
  corsUrl = await withCors.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await open.close();
  await withCors.close();
});

const jobCount = async (url: string) => ((await (await fetch(`${url}/v1/jobs?limit=500`)).json()) as { jobs: unknown[] }).jobs.length;

describe("requests a page can send without a preflight", () => {
  it.each([
    ["text/plain", JSON.stringify({ kind: "capacity", input: tinyCapacity() })],
    ["application/x-www-form-urlencoded", `kind=capacity&input=${encodeURIComponent(JSON.stringify(tinyCapacity()))}`],
    ["multipart/form-data; boundary=x", `--x\r\ncontent-disposition: form-data; name="kind"\r\n\r\ncapacity\r\n--x--\r\n`],
  ])("a %s POST from another origin starts no job (415)", async (contentType, body) => {
    const before = await jobCount(openUrl);
    const res = await fetch(`${openUrl}/v1/jobs`, { method: "POST", headers: { "content-type": contentType, origin: EVIL }, body });
    expect(res.status).toBe(415);
    expect(ErrorResponse.parse(await res.json()).code).toBe("TAKT_ERR_UNSUPPORTED_MEDIA_TYPE");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    expect(await jobCount(openUrl)).toBe(before);
  });

  it("a body without a content type is refused too", async () => {
    const res = await new Promise<{ status: number }>((resolve, reject) => {
      const req = httpRequest(`${openUrl}/v1/validate`, { method: "POST", headers: { "content-length": "2" } }, (r) => {
        r.resume();
        resolve({ status: r.statusCode! });
      });
      req.on("error", reject);
      req.end("{}");
    });
    expect(res.status).toBe(415);
  });
});

describe("CORS", () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/v1/jobs`, {
      method: "OPTIONS",
      headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type, authorization" },
    });

  it("is off by default: no page of another origin may read or send JSON", async () => {
    const res = await preflight(openUrl, ERP);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const read = await fetch(`${openUrl}/v1/jobs`, { headers: { origin: ERP } });
    expect(read.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows the listed origins only, with the token header and the headers clients read", async () => {
    const allowed = await preflight(corsUrl, ERP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ERP);
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    const read = await fetch(`${corsUrl}/v1/jobs`, { headers: { origin: ERP } });
    expect(read.headers.get("access-control-allow-origin")).toBe(ERP);
    expect(read.headers.get("access-control-expose-headers")).toContain("location");

    const refused = await preflight(corsUrl, EVIL);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets an allowed origin read a job's event stream, which carries the security headers too", async () => {
    const submitted = await fetch(`${corsUrl}/v1/jobs`, { method: "POST", headers: { "content-type": "application/json", origin: ERP }, body: JSON.stringify({ kind: "capacity", input: tinyCapacity() }) });
    const { id } = (await submitted.json()) as { id: string };
    const events = await fetch(`${corsUrl}/v1/jobs/${id}/events`, { headers: { origin: ERP } });
    expect(events.headers.get("content-type")).toContain("text/event-stream");
    expect(events.headers.get("access-control-allow-origin")).toBe(ERP);
    expect(events.headers.get("x-content-type-options")).toBe("nosniff");
    expect(events.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await events.text()).toContain("event: status");
  });
});

describe("security headers", () => {
  it("come with every answer: CSP, nosniff, no framing by others", async () => {
    for (const path of ["/health", "/v1/jobs", "/docs/"]) {
      const res = await fetch(`${openUrl}${path}`);
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).not.toContain("upgrade-insecure-requests");
    }
  });

  it("still let /docs load every asset it names, with no inline script the CSP would block", async () => {
    const page = await fetch(`${openUrl}/docs/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, `${openUrl}/docs/`));
    expect(assets.length).toBeGreaterThanOrEqual(5);
    for (const asset of assets) {
      // Same origin, so script-src/style-src 'self' covers it.
      expect(asset.origin).toBe(new URL(openUrl).origin);
      const res = await fetch(asset);
      expect(res.status, asset.pathname).toBe(200);
      expect((await res.arrayBuffer()).byteLength, asset.pathname).toBeGreaterThan(0);
    }
    // The initializer fetches the document from this origin too (connect-src falls back to default-src 'self').
    const initializer = await (await fetch(`${openUrl}/docs/static/swagger-initializer.js`)).text();
    expect(initializer).toContain("json");
    expect((await fetch(`${openUrl}/docs/json`)).status).toBe(200);
  });
});

describe("an open server on loopback", () => {
  const withHost = (url: string, host: string) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${url}/v1/jobs`, { headers: { host } }, (r) => {
        r.resume();
        resolve(r.statusCode!);
      });
      req.on("error", reject);
      req.end();
    });

  it("answers to loopback names only, so a page that rebinds its name to 127.0.0.1 gets nothing", async () => {
    const port = new URL(openUrl).port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) expect(await withHost(openUrl, host), host).toBe(200);
    for (const host of [`evil.example:${port}`, "evil.example", `127.0.0.1.evil.example:${port}`]) expect(await withHost(openUrl, host), host).toBe(403);
  });
});
