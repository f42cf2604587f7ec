/**
 * JSON text in UTF-8 chunks: a request on its way to a worker, or a response a worker has already written. A plan of a hundred thousand
 * items is hundreds of MB of JSON: as an object graph it would be cloned from the worker to the main
 * thread (seconds) and serialized there (seconds more, blocking every other request). As bytes in shared
 * memory (json-writer.ts) it reaches the main thread without a copy and is streamed to the client, the
 * CLI's stdout or the job store as is.
 *
 * Requests travel the same way: the main thread never parses a request body; a worker does (and validates
 * it), so a 74 MB body does not stall the event loop. `sharedJsonBody` copies a body into shared memory
 * once, so several workers (a parallel search) read it without a copy each.
 */
import { Readable } from "node:stream";

export interface JsonBody {
  /** The JSON text, UTF-8, in order. */
  readonly jsonChunks: readonly Uint8Array[];
}

export function jsonBodyByteLength(body: JsonBody): number {
  return body.jsonChunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
}

export function jsonBodyText(body: JsonBody): string {
  const [only, ...more] = body.jsonChunks;
  // A request body is one chunk: decode it where it lies rather than copying it first.
  if (only && more.length === 0) return Buffer.from(only.buffer, only.byteOffset, only.byteLength).toString("utf8");
  return Buffer.concat(body.jsonChunks).toString("utf8");
}

/** The chunks as a stream, for an HTTP reply: no concatenated copy of the whole text. */
export function jsonBodyStream(body: JsonBody): Readable {
  return Readable.from(body.jsonChunks, { objectMode: false });
}

/** Writes the text to a stream chunk by chunk, waiting when the stream asks to. */
export async function writeJsonBody(body: JsonBody, out: NodeJS.WritableStream): Promise<void> {
  for (const chunk of body.jsonChunks) {
    if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", resolve));
  }
}

/** The text of `value` (JSON.stringify's) in shared memory: a worker's answer, posted without a copy. */
export function toJsonBody(value: unknown): JsonBody {
  return sharedText(JSON.stringify(value));
}

/** `text` as UTF-8 in one shared-memory chunk. */
export function sharedText(text: string): JsonBody {
  const bytes = new Uint8Array(new SharedArrayBuffer(Buffer.byteLength(text, "utf8")));
  new TextEncoder().encodeInto(text, bytes);
  return { jsonChunks: [bytes] };
}

/** The body in shared memory: as it is when it already lies there, else copied there once. */
export function sharedJsonBody(body: JsonBody): JsonBody {
  if (body.jsonChunks.every((chunk) => chunk.buffer instanceof SharedArrayBuffer)) return body;
  const bytes = new Uint8Array(new SharedArrayBuffer(jsonBodyByteLength(body)));
  let at = 0;
  for (const chunk of body.jsonChunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { jsonChunks: [bytes] };
}
