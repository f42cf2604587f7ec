/**
 * Issue 13, "500 means a bug": the project's own fuzzer (test/helpers/fuzz.ts) against a listening server,
 * every route, a fixed seed and a count small enough for the suite (the benchmark `npm run bench:fuzz` sends
 * 10,000 bodies per route). No answer may be a 5xx, and every request must get an answer: no connection
 * dropped, none left hanging.
 */
import { Agent } from "node:http";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../api/app.ts";
import { fuzzRandom, fuzzRequest, fuzzRoutes, sendFuzzRequest } from "../helpers/fuzz.ts";

const SEED = 20260330;
const BODIES_PER_ROUTE = 20;
/** Searches the fuzzer reaches run briefly: the bodies test input handling, the deadline has tests of its own. */
const SEARCH_SECONDS = 0.3;

let app: FastifyInstance;
let base: string;
const agent = new Agent({ keepAlive: true, maxSockets: 2 });

beforeAll(async () => {
  app = await buildApp({ logger: false, poolOptions: { threads: 2 } });
  await app.listen({ host: "127.0.0.1", port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  await app.close();
});

describe("fuzzed requests", () => {
  for (const route of fuzzRoutes()) {
    it(`${route.method} ${route.url}: no 5xx, no dropped connection`, async () => {
      const random = fuzzRandom(SEED);
      for (let n = 0; n < BODIES_PER_ROUTE; n++) {
        const request = fuzzRequest(route, random, SEARCH_SECONDS);
        // A dropped connection rejects here and fails the test.
        const status = await sendFuzzRequest(base, request, agent);
        expect(status, `${request.method} ${request.url} ${request.payload?.slice(0, 500) ?? ""}`).toBeGreaterThanOrEqual(200);
        expect(status, `${request.method} ${request.url} ${request.payload?.slice(0, 500) ?? ""}`).toBeLessThan(500);
      }
    });
  }
});
