/**
 * The one JSON reader for request bodies, wherever they are parsed (the route's body parser, a worker that
 * takes a request as text, the CLI reading a file), so every entry refuses the same things with the same 400:
 *
 * - `__proto__` keys and `constructor.prototype` (secure-json-parse, the parser fastify itself uses), which
 *   would otherwise be refused on one route and accepted on another;
 * - duplicate keys in an object. JSON.parse keeps the last one silently; an ERP export with two `quantity`
 *   columns, or a proxy that reads the first of two keys while Takt reads the last, must not quietly plan
 *   something else than the sender meant (RFC 8259 leaves duplicates to the reader; I-JSON, RFC 7493,
 *   forbids them). The 400 names the key by its path.
 *
 * Duplicates are found by a scan of the text after JSON.parse has accepted it (JSON.parse cannot report
 * them, and the JSON libraries that can parse in JavaScript, several times slower): strings are skipped
 * with indexOf and keys compared in place. On a 26 MB MRP-like body it took 0.19–0.45 s beside
 * JSON.parse's 0.43–1.4 s (a shared, loaded 2-core machine): about a third more parse time, on the worker
 * for MRP.
 */
import secureJson from "secure-json-parse";
import type { Problem } from "../src/problem.ts";
import { formatPath } from "../src/problem.ts";
import type { z } from "zod";
import type { JsonBody } from "./json-body.ts";
import { jsonBodyText } from "./json-body.ts";
import { BadRequestError, zodProblems } from "./request-validation.ts";

/** Parses a request body: a BadRequestError (400) for text that is not JSON, forbidden keys or duplicate keys. */
export function parseJsonText(text: string): unknown {
  let value: unknown;
  try {
    value = secureJson.parse(text, undefined, { protoAction: "error", constructorAction: "error" });
  } catch (error) {
    throw new BadRequestError([{ path: "$", message: `the body is not JSON: ${(error as Error).message}` }]);
  }
  const duplicate = findDuplicateKey(text);
  if (duplicate) throw new BadRequestError([duplicate]);
  return value;
}

/** Parses and checks a request still in JSON text (a worker does, for every capability): the same 400s as the route's parser and validator. */
export function parseJsonRequest<Schema extends z.ZodType>(schema: Schema, body: JsonBody): z.output<Schema> {
  const parsed = schema.safeParse(parseJsonText(jsonBodyText(body)));
  if (!parsed.success) throw new BadRequestError(zodProblems(parsed.error));
  return parsed.data;
}

/** Objects with more keys than this are checked through a Set rather than by comparing with each earlier key. */
const LIST_KEYS = 16;

/**
 * The first key that occurs twice in one object of `text`, which must be valid JSON, as a problem at its
 * path (`orders[3].quantity`); undefined when every object's keys are unique. Keys are compared as JSON
 * decodes them (`"a"` and `"\u0061"` are the same key).
 *
 * One pass; no allocation for the common object (≤ LIST_KEYS keys without escapes): its keys are offsets
 * into `text`, on one stack shared by all open objects, compared in place. A larger object, or one with an
 * escaped key, keeps its decoded keys in a Set, so a hostile object of a million keys stays linear.
 */
export function findDuplicateKey(text: string): Problem | undefined {
  // Per open key, its offsets: [keyStart[k], keyEnd[k]) is the key's raw text between its quotes.
  const keyStart: number[] = [];
  const keyEnd: number[] = [];
  let keys = 0;
  // Per nesting depth: where its keys begin on the stack (objects), or its element index (arrays).
  const firstKey: number[] = [];
  const isObject: boolean[] = [];
  const index: number[] = [];
  const sets: Array<Set<string> | undefined> = [];
  let depth = 0;
  let expectKey = false;
  const open = (object: boolean) => {
    firstKey[depth] = keys;
    isObject[depth] = object;
    index[depth] = 0;
    sets[depth] = undefined;
    depth++;
  };
  for (let i = 0; i < text.length; ) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = closingQuote(text, i);
      if (expectKey) {
        expectKey = false;
        const d = depth - 1;
        if (isDuplicate(text, i + 1, end, d)) {
          const path: Array<string | number> = [];
          // An object's current key is the last it pushed, just below where the next depth's keys begin.
          for (let level = 0; level < d; level++) {
            const k = firstKey[level + 1]! - 1;
            path.push(isObject[level] ? rawKey(text, keyStart[k]!, keyEnd[k]!) : index[level]!);
          }
          const key = rawKey(text, i + 1, end);
          path.push(key);
          return { path: formatPath(path), message: `duplicate key "${key}": each key may appear once in an object (which value would count is ambiguous)` };
        }
      }
      i = end + 1;
      continue;
    }
    if (c === 0x7b) {
      open(true);
      expectKey = true;
    } else if (c === 0x5b) open(false);
    else if (c === 0x7d || c === 0x5d) keys = firstKey[--depth]!;
    else if (c === 0x2c) {
      if (isObject[depth - 1]) expectKey = true;
      else index[depth - 1]!++;
    }
    i++;
  }
  return undefined;

  /** Records the key [start, end) of the object at depth `d`; true if the object has it already. */
  function isDuplicate(text: string, start: number, end: number, d: number): boolean {
    let set = sets[d];
    if (!set && (keys - firstKey[d]! >= LIST_KEYS || hasEscape(text, start, end))) {
      set = sets[d] = new Set();
      for (let k = firstKey[d]!; k < keys; k++) set.add(rawKey(text, keyStart[k]!, keyEnd[k]!));
    }
    if (set) {
      const key = rawKey(text, start, end);
      if (set.has(key)) return true;
      set.add(key);
    } else {
      for (let k = firstKey[d]!; k < keys; k++) if (sameText(text, keyStart[k]!, keyEnd[k]!, start, end)) return true;
    }
    // The object's current key stays on the stack (its value's path); with a Set only the latest is kept.
    if (set && keys > firstKey[d]!) keys = firstKey[d]!;
    keyStart[keys] = start;
    keyEnd[keys] = end;
    keys++;
    return false;
  }
}

function hasEscape(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) === 0x5c) return true;
  return false;
}

function sameText(text: string, aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  if (aEnd - aStart !== bEnd - bStart) return false;
  for (let i = 0; i < aEnd - aStart; i++) if (text.charCodeAt(aStart + i) !== text.charCodeAt(bStart + i)) return false;
  return true;
}

/** The key as JSON decodes it. */
function rawKey(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return hasEscape(text, start, end) ? (JSON.parse(`"${raw}"`) as string) : raw;
}

/** The index of the quote that ends the string starting at `start`, skipping escaped quotes. */
function closingQuote(text: string, start: number): number {
  for (let from = start + 1; ; ) {
    const quote = text.indexOf('"', from);
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}
