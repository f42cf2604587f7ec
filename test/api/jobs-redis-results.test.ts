/**
 * Results in Redis: stored in parts of 1 MiB (a list), streamed by GET /v1/jobs/:id with their exact length
 * and never joined, as the SQLite store does (test/api/jobs-results.test.ts).
 */
import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { testApp } from "../helpers/app.ts";
import { runRedisTests } from "../helpers/redis-server.ts";
import { useBackend } from "./job-backends.ts";
import { submit, waitFor, zeros } from "./jobs-helpers.ts";

describe.skipIf(!runRedisTests)("a large result in Redis", () => {
  const backend = useBackend("redis");
  let app: FastifyInstance;
  let prefix: string;
  beforeAll(async () => {
    const jobs = backend.jobs();
    prefix = jobs.redis!.prefix!;
    app = await testApp({ capabilities: [...capabilities, zeros], jobs });
  });
  afterAll(() => app.close());

  it("stores 65 MiB in 1 MiB parts and streams the job with its exact length", async () => {
    const megabytes = 65;
    const id = await submit(app, "zeros", { megabytes });
    const job = await waitFor(app, id);
    expect(job.status).toBe("done");
    const redis = new Redis(backend.redis().url);
    try {
      expect(await redis.llen(`${prefix}:result:${id}`)).toBe(megabytes + 1);
    } finally {
      redis.disconnect();
    }
    const res = await app.inject({ method: "GET", url: `/v1/jobs/${id}` });
    const text = Buffer.from(`[${"0,".repeat((1 << 19) * megabytes)}0]`);
    expect(Number(res.headers["content-length"])).toBe(res.rawPayload.byteLength);
    // The stored text in its place, byte for byte, inside the job's envelope.
    const marker = Buffer.from('"result":');
    const at = res.rawPayload.indexOf(marker) + marker.byteLength;
    const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
    expect(sha(res.rawPayload.subarray(at, at + text.byteLength))).toBe(sha(text));
    const { result: _result, ...envelope } = job;
    const around = Buffer.concat([res.rawPayload.subarray(0, at), Buffer.from("0"), res.rawPayload.subarray(at + text.byteLength)]);
    expect(JSON.parse(around.toString("utf8"))).toEqual({ ...envelope, result: 0 });
  });
});
