import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { jsonBodyByteLength, jsonBodyStream, jsonBodyText, sharedJsonBody, toJsonBody, writeJsonBody } from "../../api/json-body.ts";
import type { Answer } from "../../api/capability.ts";
import { createSolverPool } from "../../api/pool.ts";
import { planMaterials } from "../../solver/mrp/plan-materials.ts";
import { MrpRequest } from "../../src/mrp.ts";
import { jsonText } from "../helpers/app.ts";
import { demo } from "../helpers/demo.ts";

// "Größe" has two 2-byte characters; the chunk boundary below splits the "ö" between two chunks.
const text = JSON.stringify({ item: "Größe", quantities: [1, 2.5, -3] });
const bytes = new TextEncoder().encode(text);
const split = text.indexOf("ö") + 1;
const body = { jsonChunks: [bytes.subarray(0, split), bytes.subarray(split, split + 7), bytes.subarray(split + 7)] };

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts).toString("utf8");
}

describe("JSON text from a worker", () => {
  it("moves into shared memory once: the same bytes in one shared chunk, and text already there stays as it is", () => {
    const shared = sharedJsonBody(body);
    expect(shared.jsonChunks).toHaveLength(1);
    expect(shared.jsonChunks[0]!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(shared.jsonChunks[0]!).toString("utf8")).toBe(text);
    expect(sharedJsonBody(shared)).toBe(shared);
  });

  it("is written from a value as JSON.stringify writes it, in shared memory", () => {
    const value = { item: "Größe", quantities: [1, 2.5, -3], note: "日本🙂" };
    const written = toJsonBody(value);
    expect(written.jsonChunks.every((chunk) => chunk.buffer instanceof SharedArrayBuffer)).toBe(true);
    expect(jsonBodyText(written)).toBe(JSON.stringify(value));
  });

  it("measures bytes, not characters", () => {
    expect(jsonBodyByteLength(body)).toBe(Buffer.byteLength(text));
    expect(jsonBodyByteLength(body)).toBe(text.length + 2);
  });

  it("decodes a character split across chunks", () => {
    expect(jsonBodyText(body)).toBe(text);
    expect(JSON.parse(jsonBodyText(body))).toEqual({ item: "Größe", quantities: [1, 2.5, -3] });
  });

  it("streams the same bytes, in order", async () => {
    expect(await collect(jsonBodyStream(body))).toBe(text);
  });

  it("writes to a stream that asks to wait, without losing a chunk", async () => {
    const out = new PassThrough({ highWaterMark: 4 });
    const received = collect(out);
    await writeJsonBody(body, out);
    out.end();
    expect(await received).toBe(text);
  });
});

describe("JSON text crossing from a solver thread", () => {
  it("arrives in shared memory, the same bytes, and the worker keeps its buffers (nothing transferred)", async () => {
    const pool = createSolverPool({ threads: 1 });
    try {
      const request = MrpRequest.parse(demo("appliance-plant"));
      const expected = Buffer.concat(planMaterials(request));
      for (let run = 0; run < 2; run++) {
        const { body } = await pool.run<Answer>("mrp", { body: jsonText(demo("appliance-plant")), kpis: false }, { budgetMs: 60_000 });
        expect(body.jsonChunks.every((chunk) => chunk.buffer instanceof SharedArrayBuffer)).toBe(true);
        expect(Buffer.concat(body.jsonChunks)).toEqual(expected);
      }
    } finally {
      await pool.close();
    }
  });
});
