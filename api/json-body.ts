/**
 * A response a worker has already written as JSON text, in UTF-8 chunks. A plan of a hundred thousand
 * items is hundreds of MB of JSON: as an object graph it would be cloned from the worker to the main
 * thread (seconds) and serialized there (seconds more, blocking every other request). As bytes in shared
 * memory (json-writer.ts) it reaches the main thread without a copy and is streamed to the client, the
 * CLI's stdout or the job store as is.
 *
 * A worker's task handler returns `{ jsonChunks }`; worker.ts posts it as it is.
 */
import { Readable } from "node:stream";

export interface JsonBody {
  /** The JSON text, UTF-8, in order. */
  readonly jsonChunks: readonly Uint8Array[];
}

export function isJsonBody(value: unknown): value is JsonBody {
  return typeof value === "object" && value !== null && Array.isArray((value as Partial<JsonBody>).jsonChunks);
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
