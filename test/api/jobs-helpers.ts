/** Helpers for the job and scenario tests: small inputs, waiting for jobs, reading server-sent events. */
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { z } from "zod";
import { defineCapability } from "../../api/capability.ts";
import { jsonBodyText } from "../../api/json-body.ts";
import { tinyFactory } from "../helpers/tiny-factory.ts";
import { jsonText, post } from "../helpers/app.ts";

/** A capacity request small enough to answer in milliseconds. */
export function tinyCapacity() {
  return { ...tinyFactory(), buckets: { start: "2026-03-02", size: "week", count: 1 } };
}

export function steelPlant(): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL("../../data/steel-plant.json", import.meta.url), "utf8")) as Record<string, unknown>;
}

export interface WireJob {
  id: string;
  kind: string;
  status: string;
  client: string;
  attempts: number;
  progress?: { elapsedMs: number; report?: unknown };
  error?: { statusCode: number; code: string; message: string; problems?: Array<{ path: string; message: string }> };
  result?: unknown;
  startedAt?: string;
  finishedAt?: string;
}

/** POST /v1/jobs with `body` as it is; the answer, whatever it is. */
export function submitRaw(app: FastifyInstance, body: unknown, client = "test") {
  return app.inject({ method: "POST", url: "/v1/jobs", headers: { "content-type": "application/json", "x-client-id": client }, payload: JSON.stringify(body) });
}

export async function submit(app: FastifyInstance, kind: string, input: unknown, client = "test"): Promise<string> {
  const res = await submitRaw(app, { kind, input }, client);
  expect(res.statusCode, res.body).toBe(202);
  return (res.json() as { id: string }).id;
}

export async function getJob(app: FastifyInstance, id: string): Promise<WireJob> {
  const res = await app.inject({ method: "GET", url: `/v1/jobs/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WireJob;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the job reaches one of `statuses` (the vitest timeout bounds the wait). */
export async function waitFor(app: FastifyInstance, id: string, statuses = ["done", "failed", "cancelled"]): Promise<WireJob> {
  for (;;) {
    const job = await getJob(app, id);
    if (statuses.includes(job.status)) return job;
    await sleep(50);
  }
}

export async function waitForBatch<T extends { status: string }>(app: FastifyInstance, id: string): Promise<T> {
  for (;;) {
    const res = await app.inject({ method: "GET", url: `/v1/scenarios/${id}` });
    expect(res.statusCode, res.body).toBe(200);
    const batch = res.json() as T;
    if (batch.status === "done") return batch;
    await sleep(100);
  }
}

/** Parses a text/event-stream body into its events. */
export function parseEvents(body: string): Array<{ event: string; data: unknown }> {
  return body
    .split("\n\n")
    .filter((block) => block.trim() !== "" && !block.startsWith(":"))
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7) ?? "message";
      const data = lines.filter((l) => l.startsWith("data: ")).map((l) => l.slice(6)).join("\n");
      return { event, data: JSON.parse(data) as unknown };
    });
}

export { post };

export { takt } from "../helpers/cli.ts";


/**
 * A search of known behaviour for job tests: counts one step every 10 ms up to `target`, reporting each step,
 * and returns its count when it reaches the target or is asked to stop (a large target runs until cancelled);
 * with `ignoreCancel`, like a task that cannot stop early (an LP), it counts on to the target.
 */
export const count = defineCapability({
  command: "count",
  url: "/v1/count",
  summary: "Count up (test search)",
  description: "Counts one step every 10 ms up to `target`, reporting each step; stops early when aborted, unless `ignoreCancel`.",
  request: z.object({ target: z.number().int().positive(), ignoreCancel: z.boolean().optional() }),
  response: z.object({ count: z.number(), stoppedEarly: z.boolean() }),
  async run(request, { onProgress, signal }) {
    const { target, ignoreCancel } = JSON.parse(jsonBodyText(request)) as { target: number; ignoreCancel?: boolean };
    let steps = 0;
    while (steps < target && (ignoreCancel || !signal?.aborted)) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      steps += 1;
      onProgress?.({ count: steps });
    }
    return { body: jsonText({ count: steps, stoppedEarly: steps < target }) };
  },
});

/** `[0,0,…]` of `megabytes` MiB, as a worker's chunks that all view one buffer (cheap to hold). */
export const zeros = defineCapability({
  command: "zeros",
  url: "/v1/zeros",
  summary: "A large JSON array (test)",
  description: "Answers `[0,0,…]` of the given size in MiB, as JSON text chunks.",
  request: z.object({ megabytes: z.number().int().positive() }),
  response: z.array(z.number()),
  async run(request) {
    const { megabytes } = JSON.parse(jsonBodyText(request)) as { megabytes: number };
    const block = Buffer.from("0,".repeat(1 << 19));
    return { body: { jsonChunks: [Buffer.from("["), ...Array.from({ length: megabytes }, () => block), Buffer.from("0]")] } };
  },
});
