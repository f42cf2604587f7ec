import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkTokens, parseTokenFile, parseTokenList, TokenConfigError } from "../../api/auth.ts";
import { capabilities } from "../../api/capabilities/index.ts";
import { ErrorResponse } from "../../api/errors.ts";
import { testApp } from "../helpers/app.ts";
import { taktWith } from "../helpers/cli.ts";
import { tinyCapacity } from "./jobs-helpers.ts";

const ALICE = "alice-token-0123456789";
const BOB = "bob-token-0123456789abc";
const ROOT = "root-token-0123456789abc";

describe("token settings", () => {
  it("reads TAKT_TOKENS pairs and a token file with roles and comments", () => {
    expect(parseTokenList(` alice:${ALICE}, root:${ROOT}:admin ,`)).toEqual([
      { client: "alice", token: ALICE, admin: false },
      { client: "root", token: ROOT, admin: true },
    ]);
    expect(parseTokenFile(`# planners\nalice ${ALICE}\n\n  root\t${ROOT}  admin\n`, "tokens.txt")).toEqual([
      { client: "alice", token: ALICE, admin: false },
      { client: "root", token: ROOT, admin: true },
    ]);
  });

  it.each([
    ["alice", /expected client:token/],
    [`alice:short`, /shorter than 16/],
    [`alice:${ALICE}:boss`, /unknown role "boss"/],
    [`ali ce:${ALICE}`, /client name "ali ce"/],
    [`alice:${ALICE}!`, /may hold only/],
  ])("refuses %s with a message naming the entry", (list, message) => {
    expect(() => parseTokenList(list)).toThrow(TokenConfigError);
    expect(() => parseTokenList(list)).toThrow(message);
  });

  it("refuses one token for two clients and names the line of a bad token file entry", () => {
    expect(() => checkTokens(parseTokenList(`alice:${ALICE},bob:${ALICE}`))).toThrow(/each token must name one client/);
    expect(() => parseTokenFile(`alice ${ALICE}\nbob\n`, "tokens.txt")).toThrow("tokens.txt:2:");
  });
});

/** Every route through real HTTP against a server started with tokens. */
describe("a server with tokens", () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    app = await testApp({
      tokens: [
        { client: "alice", token: ALICE, admin: false },
        { client: "bob", token: BOB, admin: false },
        { client: "root", token: ROOT, admin: true },
      ],
      corsOrigins: ["https://erp.example.com"],
    });
    url = await app.listen({ host: "127.0.0.1", port: 0 });
  });
  afterAll(() => app.close());

  const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...headers,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const submitAs = async (token: string, headers: Record<string, string> = {}) => {
    const res = await call("POST", "/v1/jobs", token, { kind: "capacity", input: tinyCapacity() }, headers);
    expect(res.status).toBe(202);
    return ((await res.json()) as { id: string }).id;
  };

  const routes: Array<[string, string]> = [
    ...capabilities.map((c): [string, string] => ["POST", c.url]),
    ["POST", "/v1/import"],
    ["POST", "/v1/export"],
    ["POST", "/v1/jobs"],
    ["GET", "/v1/jobs"],
    ["GET", "/v1/jobs/00000000-0000-0000-0000-000000000000"],
    ["DELETE", "/v1/jobs/00000000-0000-0000-0000-000000000000"],
    ["GET", "/v1/jobs/00000000-0000-0000-0000-000000000000/events"],
    ["POST", "/v1/scenarios"],
    ["GET", "/v1/scenarios/00000000-0000-0000-0000-000000000000"],
    ["DELETE", "/v1/scenarios/00000000-0000-0000-0000-000000000000"],
    // Issue 18's spreadsheet routes.
    ["POST", "/v1/import"],
    ["POST", "/v1/export"],
    ["GET", "/v1/no-such-route"],
  ];

  it("lists every /v1 route of the OpenAPI document here", async () => {
    const document = (await (await call("GET", "/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(
      ([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{id\}/, "00000000-0000-0000-0000-000000000000")}`),
    );
    const covered = routes.map(([m, p]) => `${m} ${p}`);
    for (const route of documented.filter((r) => r.includes(" /v1/"))) expect(covered).toContain(route);
  });

  it.each(routes)("%s %s answers 401 without a token, with a wrong one and with another scheme", async (method, path) => {
    const body = method === "POST" ? {} : undefined;
    for (const headers of [{}, { authorization: `Bearer ${ALICE}x` }, { authorization: `Bearer ${ALICE.slice(0, -1)}` }, { authorization: `Basic ${ALICE}` }]) {
      const res = await call(method, path, undefined, body, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="takt"');
      expect(ErrorResponse.parse(await res.json()).code).toBe("TAKT_ERR_UNAUTHORIZED");
    }
  });

  it("sends a refusal with the security headers, and readable by an allowed origin", async () => {
    const res = await call("GET", "/v1/jobs", undefined, undefined, { origin: "https://erp.example.com" });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://erp.example.com");
  });

  it("keeps /health, the docs and the OpenAPI document open", async () => {
    for (const path of ["/health", "/docs/", "/openapi.json"]) expect((await call("GET", path)).status, path).toBe(200);
  });

  it("takes the client from the token, whatever x-client-id says, for ownership and fairness", async () => {
    const id = await submitAs(ALICE, { "x-client-id": "bob" });
    const job = (await (await call("GET", `/v1/jobs/${id}`, ALICE)).json()) as { client: string };
    expect(job.client).toBe("alice");
  });

  it("shows and cancels a job only for its client and admins", async () => {
    const id = await submitAs(ALICE);
    for (const [method, path] of [["GET", `/v1/jobs/${id}`], ["GET", `/v1/jobs/${id}/events`], ["DELETE", `/v1/jobs/${id}`]] as const) {
      const res = await call(method, path, BOB);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(ErrorResponse.parse(await res.json()).code).toBe("TAKT_ERR_JOB_NOT_FOUND");
    }
    const listed = async (token: string) => ((await (await call("GET", "/v1/jobs?limit=500", token)).json()) as { jobs: Array<{ id: string; client: string }> }).jobs;
    expect((await listed(BOB)).map((j) => j.id)).not.toContain(id);
    expect((await listed(BOB)).every((j) => j.client === "bob")).toBe(true);
    expect((await listed(ALICE)).map((j) => j.id)).toContain(id);
    expect((await listed(ROOT)).map((j) => j.id)).toContain(id);
    expect((await call("GET", `/v1/jobs/${id}`, ROOT)).status).toBe(200);
    expect((await call("DELETE", `/v1/jobs/${id}`, ALICE)).status).toBe(200);
  });

  it("shows and cancels a scenario batch only for its client and admins", async () => {
    const res = await call("POST", "/v1/scenarios", BOB, { kind: "capacity", base: tinyCapacity(), variations: [{ name: "twice", scaleDemand: 2 }] });
    expect(res.status).toBe(202);
    const { id, scenarios } = (await res.json()) as { id: string; scenarios: Array<{ job: string }> };
    for (const method of ["GET", "DELETE"]) expect((await call(method, `/v1/scenarios/${id}`, ALICE)).status, method).toBe(404);
    expect((await call("GET", `/v1/jobs/${scenarios[0]!.job}`, ALICE)).status).toBe(404);
    expect((await call("GET", `/v1/scenarios/${id}`, BOB)).status).toBe(200);
    expect((await call("GET", `/v1/scenarios/${id}`, ROOT)).status).toBe(200);
  });

  it("lets `takt jobs` send its token from TAKT_TOKEN", async () => {
    const id = await submitAs(BOB);
    const got = await taktWith({ TAKT_TOKEN: BOB }, "jobs", "get", id, "--url", url);
    expect(got.code, got.stderr).toBe(0);
    expect(JSON.parse(got.stdout)).toMatchObject({ id, client: "bob" });
    const refused = await taktWith({ TAKT_TOKEN: "" }, "jobs", "list", "--url", url);
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toMatchObject({ statusCode: 401, code: "TAKT_ERR_UNAUTHORIZED" });
  });
});

describe("a server without tokens", () => {
  it("lets every caller see every job, the client being x-client-id (for fairness only)", async () => {
    const app = await testApp();
    const url = await app.listen({ host: "127.0.0.1", port: 0 });
    try {
      const res = await fetch(`${url}/v1/jobs`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-client-id": "li.wei" },
        body: JSON.stringify({ kind: "capacity", input: tinyCapacity() }),
      });
      const { id } = (await res.json()) as { id: string };
      const job = (await (await fetch(`${url}/v1/jobs/${id}`, { headers: { "x-client-id": "someone-else" } })).json()) as { client: string };
      expect(job.client).toBe("li.wei");
    } finally {
      await app.close();
    }
  });
});
