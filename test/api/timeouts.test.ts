/**
 * Slow clients through real sockets: one that trickles its body, or never finishes its headers, is
 * answered 408 and disconnected by the request and header timeouts, while a prompt one is served. The
 * timeouts are set small here; the test waits for the server to act, not for a clock.
 */
import { once } from "node:events";
import { connect } from "node:net";
import type { Socket } from "node:net";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_TIMEOUTS } from "../../api/app.ts";
import { testApp } from "../helpers/app.ts";

let app: FastifyInstance;
let port: number;
beforeAll(async () => {
  app = await testApp({ timeouts: { headersMs: 400, requestMs: 800, checkIntervalMs: 50 } });
  port = Number(new URL(await app.listen({ host: "127.0.0.1", port: 0 })).port);
});
afterAll(() => app.close());

/** Connects, writes `first`, then one more byte every 100 ms until the server closes the socket; resolves with what it answered. */
async function trickle(first: string, more: string): Promise<string> {
  const socket: Socket = connect(port, "127.0.0.1");
  await once(socket, "connect");
  let answer = "";
  socket.on("data", (chunk: Buffer) => (answer += chunk.toString()));
  socket.write(first);
  let sent = 0;
  const timer = setInterval(() => {
    if (!socket.destroyed && sent < more.length) socket.write(more[sent++]!);
  }, 100);
  await once(socket, "close");
  clearInterval(timer);
  expect(sent).toBeLessThan(more.length);
  return answer;
}

describe("server timeouts", () => {
  it("cuts off a client that trickles its body (408)", async () => {
    const body = JSON.stringify({ pad: "x".repeat(200) });
    const answer = await trickle(`POST /v1/validate HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`, body);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("cuts off a client that never finishes its headers (408)", async () => {
    const answer = await trickle("GET /health HTTP/1.1\r\nhost: 127.0.0.1\r\n", "x-slow: ".padEnd(300, "y"));
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it("serves a prompt client", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/v1/validate`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(res.status).toBe(200);
  });

  it("applies the documented defaults to the listening server", async () => {
    const defaults = await testApp();
    try {
      await defaults.listen({ host: "127.0.0.1", port: 0 });
      const server = defaults.server;
      expect({
        headersMs: server.headersTimeout,
        requestMs: server.requestTimeout,
        idleMs: server.timeout,
        keepAliveMs: server.keepAliveTimeout,
      }).toEqual({
        headersMs: DEFAULT_TIMEOUTS.headersMs,
        requestMs: DEFAULT_TIMEOUTS.requestMs,
        idleMs: DEFAULT_TIMEOUTS.idleMs,
        keepAliveMs: DEFAULT_TIMEOUTS.keepAliveMs,
      });
      expect(DEFAULT_TIMEOUTS.requestMs).toBeGreaterThan(0);
    } finally {
      await defaults.close();
    }
  });
});
