import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp } from "../helpers/app.ts";
import { takt, tinyCapacity, waitFor } from "./jobs-helpers.ts";

let app: FastifyInstance;
let url: string;
beforeAll(async () => {
  app = await testApp();
  url = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(() => app.close());

describe("takt jobs against a running server", () => {
  it("submits, lists, gets and cancels", async () => {
    const input = join(mkdtempSync(join(tmpdir(), "takt-jobs-cli-")), "tiny.json");
    writeFileSync(input, JSON.stringify(tinyCapacity()));
    const submitted = await takt("jobs", "submit", "capacity", input, "--url", url);
    expect(submitted.code).toBe(0);
    const { id, status } = JSON.parse(submitted.stdout) as { id: string; status: string };
    expect(status).toBe("queued");
    await waitFor(app, id);

    const listed = await takt("jobs", "list", "--status", "done", "--url", url);
    expect(listed.code).toBe(0);
    expect(listed.stdout.split("\n")[0]).toMatch(/^id\s+kind\s+status/);
    expect(listed.stdout).toMatch(new RegExp(`^${id}\\s+capacity\\s+done`, "m"));

    const got = await takt("jobs", "get", id, "--url", url);
    expect(JSON.parse(got.stdout)).toMatchObject({ id, status: "done", result: { buckets: [{ index: 0 }] } });
    const cancelled = await takt("jobs", "cancel", id, "--url", url);
    expect(cancelled).toEqual({ code: 0, stdout: `job ${id} has already finished (done); nothing to cancel\n`, stderr: "" });
    expect((await waitFor(app, id)).status).toBe("done");
  });

  it("cancels a queued job in one line", async () => {
    const input = join(mkdtempSync(join(tmpdir(), "takt-jobs-cli-")), "tiny.json");
    writeFileSync(input, JSON.stringify(tinyCapacity()));
    // A server whose runner takes no job, so the job is still queued when the command runs.
    const idle = await testApp({ jobs: { maxRunning: 0 } });
    const idleUrl = await idle.listen({ host: "127.0.0.1", port: 0 });
    try {
      const { id } = JSON.parse((await takt("jobs", "submit", "capacity", input, "--url", idleUrl)).stdout) as { id: string };
      expect(await takt("jobs", "cancel", id, "--url", idleUrl)).toEqual({ code: 0, stdout: `job ${id} cancelled before it ran\n`, stderr: "" });
      expect((await waitFor(idle, id)).status).toBe("cancelled");
    } finally {
      await idle.close();
    }
  });

  it("exits 2 with the server's 400 or 404 body, and 1 when the server is unreachable", async () => {
    const missing = await takt("jobs", "get", "nope", "--url", url);
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ statusCode: 404, code: "TAKT_ERR_JOB_NOT_FOUND" });
    const unreachable = await takt("jobs", "list", "--url", "http://127.0.0.1:9");
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("cannot reach http://127.0.0.1:9");
    const usage = await takt("jobs", "frobnicate");
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("usage: takt jobs");
  });
});

describe("takt jobs get with a result of hundreds of MB", () => {
  it("prints a reply over 32 MiB as the server sent it, not re-indented", async () => {
    // A stand-in server: a finished job whose result is a 40 MiB array, sent in 1 MiB writes.
    const result = `[${Array.from({ length: 40 << 15 }, (_, k) => String(k % 10).repeat(30)).join(",")}]`;
    const body = Buffer.from(`{"id":"big","kind":"mrp","status":"done","result":${result},"attempts":1}`);
    const server = createServer((request, response) => {
      if (request.url !== "/v1/jobs/big") return void response.writeHead(404).end();
      response.writeHead(200, { "content-type": "application/json", "content-length": body.byteLength });
      for (let at = 0; at < body.byteLength; at += 1 << 20) response.write(body.subarray(at, at + (1 << 20)));
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const got = await takt("jobs", "get", "big", "--url", `http://127.0.0.1:${port}`);
      expect(got.code).toBe(0);
      expect(body.byteLength).toBeGreaterThan(32 << 20);
      expect(got.stdout).toBe(`${body.toString()}\n`);
    } finally {
      server.close();
    }
  });
});

