/**
 * Streaming JSON writer into UTF-8 byte chunks: the text JSON.stringify would give, without building the
 * value first. A large response (the 100k-item MRP plan is ~350 MB of text) then costs no object graph,
 * no string of its size, and no copy: `finish()` hands back views of the chunks, which live in shared
 * memory, so a worker thread posts them to another without a copy. Values may straddle chunks — the chunks
 * are one byte stream, cut anywhere.
 *
 * Commas and colons are the writer's: a nesting stack knows whether a key or a value comes next, and a
 * call out of turn throws (a broken contract), so callers cannot produce invalid JSON. Strings are
 * escaped exactly as JSON.stringify does (ES2019 well-formed: `\b \f \n \r \t`, other controls and lone
 * surrogates as lowercase `\uXXXX`); numbers print as String(x), −0 as 0; a non-finite number throws.
 */

const ROOT = 0;
const ROOT_DONE = 1;
const ARRAY_FIRST = 2;
const ARRAY_NEXT = 3;
const OBJECT_FIRST_KEY = 4;
const OBJECT_NEXT_KEY = 5;
const OBJECT_VALUE = 6;
const IN_STRING = 7;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const HEX = "0123456789abcdef";
/** Short escapes JSON.stringify uses for control characters; the others become \u00XX. */
const SHORT_ESCAPE: Record<number, number> = { 0x08: 0x62, 0x09: 0x74, 0x0a: 0x6e, 0x0c: 0x66, 0x0d: 0x72 };
/** Bytes one UTF-16 code unit can take in the output (`\udXXX`), and one number (`-1.2345678901234567e-308`). */
const MAX_UNIT_BYTES = 6;
const MAX_NUMBER_BYTES = 32;
/** "00" … "99" as ASCII pairs. */
const DIGIT_PAIRS = Uint8Array.from({ length: 200 }, (_, k) => 0x30 + (k % 2 === 0 ? Math.floor(k / 20) : (k >> 1) % 10));

/** Sizes of the byte chunks, bytes. Defaults: the first chunk 64 KiB, doubling up to 4 MiB. */
export interface JsonWriterOptions {
  readonly firstChunkBytes?: number;
  readonly maxChunkBytes?: number;
}

const encoder = new TextEncoder();

/** A JSON value's text as UTF-8 (a string with its quotes): for values written many times, via `preEncoded`. */
export function encodeJson(value: string | number | boolean | null | object): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

/** UTF-8 bytes of a string with no lone surrogates (JSON.stringify's output has none). */
function utf8Length(s: string): number {
  let bytes = s.length;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0x80) bytes += c < 0x800 ? 1 : c >= 0xd800 && c <= 0xdbff ? 0 : 2; // a pair: 4 bytes for 2 units
  }
  return bytes;
}

/**
 * encodeJson of many strings (a request's 100k item ids) as views of ONE buffer: a buffer per string
 * would be 100k backing stores for the collector to track and sweep.
 */
export function encodeJsonAll(values: ReadonlyArray<string>): Uint8Array[] {
  const texts = values.map((value) => JSON.stringify(value));
  const all = encoder.encode(texts.join(""));
  const views = new Array<Uint8Array>(texts.length);
  for (let k = 0, at = 0; k < texts.length; k++) {
    const end = at + utf8Length(texts[k]!);
    views[k] = all.subarray(at, end);
    at = end;
  }
  return views;
}

/** Keys written many times, each encoded once: `encodeKeys(["id", "item"]).id`. */
export function encodeKeys<const Name extends string>(names: readonly Name[]): Record<Name, Uint8Array> {
  return Object.fromEntries(names.map((name) => [name, encodeJson(name)])) as Record<Name, Uint8Array>;
}

/**
 * `const w = new JsonWriter(); w.beginObject(); w.key(encodeJson("a")); w.numberArray(xs, 0, xs.length); w.endObject();
 * const chunks = w.finish();` — one top-level value per writer. Integers in the int32 range are printed by
 * a digit loop (pairs of digits), other numbers by String(x).
 */
export class JsonWriter {
  private readonly chunks: Uint8Array[] = [];
  private buf: Uint8Array;
  private pos = 0;
  /** Where the current chunk's bytes start in `buf` (after an `embed`, part of `buf` is an earlier chunk). */
  private chunkStart = 0;
  /** Write position past which a unit or number may not fit: `buf.length − MAX_NUMBER_BYTES`. */
  private limit: number;
  private nextChunkBytes: number;
  private readonly maxChunkBytes: number;
  private state = ROOT;
  /** States of the enclosing levels, `depth` of them; grows by doubling. */
  private stack = new Uint8Array(32);
  private depth = 0;

  constructor(options: JsonWriterOptions = {}) {
    this.maxChunkBytes = Math.max(options.maxChunkBytes ?? 4 << 20, 2 * MAX_NUMBER_BYTES);
    this.nextChunkBytes = Math.min(Math.max(options.firstChunkBytes ?? 64 << 10, 2 * MAX_NUMBER_BYTES), this.maxChunkBytes);
    this.buf = new Uint8Array(0);
    this.limit = -1;
    this.newChunk();
  }

  beginObject(): void {
    this.beforeValue();
    this.byte(0x7b);
    this.push(OBJECT_FIRST_KEY);
  }

  endObject(): void {
    if (this.state !== OBJECT_FIRST_KEY && this.state !== OBJECT_NEXT_KEY) this.outOfTurn("endObject");
    this.byte(0x7d);
    this.state = this.stack[--this.depth]!;
  }

  beginArray(): void {
    this.beforeValue();
    this.byte(0x5b);
    this.push(ARRAY_FIRST);
  }

  endArray(): void {
    if (this.state !== ARRAY_FIRST && this.state !== ARRAY_NEXT) this.outOfTurn("endArray");
    this.byte(0x5d);
    this.state = this.stack[--this.depth]!;
  }

  /**
   * An object key, pre-encoded as a JSON string (encodeJson, encodeKeys): keys repeat millions of times
   * in a large response, and one parameter type keeps this hot call monomorphic.
   */
  key(name: Uint8Array): void {
    const state = this.state;
    if (state !== OBJECT_NEXT_KEY && state !== OBJECT_FIRST_KEY) this.outOfTurn("key");
    const n = name.length;
    let pos = this.pos;
    if (pos + n + 2 > this.buf.length) {
      if (state === OBJECT_NEXT_KEY) this.byte(COMMA);
      this.bytes(name);
      this.byte(COLON);
    } else {
      // The hot path: room for the comma, the key and the colon, written in place.
      const buf = this.buf;
      if (state === OBJECT_NEXT_KEY) buf[pos++] = COMMA;
      for (let k = 0; k < n; k++) buf[pos + k] = name[k]!;
      buf[pos + n] = COLON;
      this.pos = pos + n + 1;
    }
    this.state = OBJECT_VALUE;
  }

  number(x: number): void {
    this.beforeValue();
    if (this.pos > this.limit) this.newChunk();
    this.pos = this.digits(x, this.pos);
  }

  /** `count` numbers from `values[from]` as a JSON array. */
  numberArray(values: Float64Array, from: number, count: number): void {
    this.beforeValue();
    this.byte(0x5b);
    this.writeNumbers(values, from, count, false);
    this.byte(0x5d);
  }

  /** `count` numbers from `values[from]` as the next values of the array being written (a column of many series). */
  numbers(values: Float64Array, from: number, count: number): void {
    if (this.state !== ARRAY_FIRST && this.state !== ARRAY_NEXT) this.outOfTurn("numbers");
    if (count === 0) return;
    this.writeNumbers(values, from, count, this.state === ARRAY_NEXT);
    this.state = ARRAY_NEXT;
  }

  /**
   * A value another writer has written (its `finish()`), spliced in as it is: its chunks join this
   * writer's, uncopied. Lets a response be written in several streams at once (one per column) and
   * joined in order.
   */
  embed(chunks: ReadonlyArray<Uint8Array>): void {
    this.beforeValue();
    if (this.pos > this.chunkStart) this.chunks.push(this.buf.subarray(this.chunkStart, this.pos));
    for (const chunk of chunks) this.chunks.push(chunk);
    this.chunkStart = this.pos;
  }

  private writeNumbers(values: Float64Array, from: number, count: number, commaFirst: boolean): void {
    // Buffer and position in locals: this loop writes most of a large plan's bytes.
    let buf = this.buf;
    let pos = this.pos;
    for (let t = from, end = from + count; t < end; t++) {
      if (pos > this.limit) {
        this.pos = pos;
        this.newChunk();
        buf = this.buf;
        pos = 0;
      }
      if (t > from || commaFirst) buf[pos++] = COMMA;
      const x = values[t]!;
      // Zeros are most cells of a plan's series.
      if (x === 0) buf[pos++] = 0x30;
      else pos = this.digits(x, pos);
    }
    this.pos = pos;
  }

  string(s: string): void {
    this.beforeValue();
    this.byte(QUOTE);
    this.content(s);
    this.byte(QUOTE);
  }

  boolean(b: boolean): void {
    this.beforeValue();
    this.ascii(b ? "true" : "false");
  }

  null(): void {
    this.beforeValue();
    this.ascii("null");
  }

  /** A complete JSON value already encoded as UTF-8 (e.g. encodeJson's), written as it is. */
  preEncoded(json: Uint8Array): void {
    this.beforeValue();
    this.bytes(json);
  }

  /**
   * A string value made of parts, for strings assembled millions of times (`MRP-{item}-{bucket}`):
   * beginString, then stringPart / stringPartPreEncoded / stringPartNumber, then endString.
   */
  beginString(): void {
    this.beforeValue();
    this.byte(QUOTE);
    this.push(IN_STRING);
  }

  stringPart(s: string): void {
    if (this.state !== IN_STRING) this.outOfTurn("stringPart");
    this.content(s);
  }

  /** Escaped string content as UTF-8, without quotes (`encodeJson(s).subarray(1, −1)`). */
  stringPartPreEncoded(content: Uint8Array): void {
    if (this.state !== IN_STRING) this.outOfTurn("stringPartPreEncoded");
    this.bytes(content);
  }

  /** A number's text as in a template literal — String(x), the same as the JSON number. */
  stringPartNumber(x: number): void {
    if (this.state !== IN_STRING) this.outOfTurn("stringPartNumber");
    if (this.pos > this.limit) this.newChunk();
    this.pos = this.digits(x, this.pos);
  }

  endString(): void {
    if (this.state !== IN_STRING) this.outOfTurn("endString");
    this.byte(QUOTE);
    this.state = this.stack[--this.depth]!;
  }

  /** Views of exactly the bytes written, in order. The writer is spent afterwards. */
  finish(): Uint8Array[] {
    if (this.state !== ROOT_DONE) this.outOfTurn("finish");
    if (this.pos > this.chunkStart) this.chunks.push(this.buf.subarray(this.chunkStart, this.pos));
    this.buf = new Uint8Array(0);
    this.pos = this.chunkStart = 0;
    this.limit = -1;
    return this.chunks;
  }

  private beforeValue(): void {
    switch (this.state) {
      case ARRAY_NEXT:
        this.byte(COMMA);
        return;
      case ARRAY_FIRST:
        this.state = ARRAY_NEXT;
        return;
      case OBJECT_VALUE:
        this.state = OBJECT_NEXT_KEY;
        return;
      case ROOT:
        this.state = ROOT_DONE;
        return;
      default:
        this.outOfTurn("a value");
    }
  }

  private push(state: number): void {
    if (this.depth === this.stack.length) {
      const deeper = new Uint8Array(2 * this.depth);
      deeper.set(this.stack);
      this.stack = deeper;
    }
    this.stack[this.depth++] = this.state;
    this.state = state;
  }

  private outOfTurn(what: string): never {
    throw new Error(`JsonWriter: ${what} out of turn (state ${this.state}, depth ${this.depth})`);
  }

  private newChunk(): void {
    if (this.pos > this.chunkStart) this.chunks.push(this.buf.subarray(this.chunkStart, this.pos));
    this.chunkStart = 0;
    // Shared memory: a worker hands the chunks to the main thread without copying them and without
    // transferring (detaching) buffers — once a thread has detached one, V8 compiles every typed-array
    // access in it with a check, and the solver's loops in that thread run 25–40 % slower from then on.
    this.buf = new Uint8Array(new SharedArrayBuffer(this.nextChunkBytes));
    this.nextChunkBytes = Math.min(2 * this.nextChunkBytes, this.maxChunkBytes);
    this.pos = 0;
    this.limit = this.buf.length - MAX_NUMBER_BYTES;
  }

  private byte(b: number): void {
    if (this.pos >= this.buf.length) this.newChunk();
    this.buf[this.pos++] = b;
  }

  private bytes(src: Uint8Array): void {
    const n = src.length;
    if (this.pos + n <= this.buf.length) {
      const buf = this.buf;
      const pos = this.pos;
      // A loop beats TypedArray.set's call overhead on the short ids and dates that are most writes.
      if (n < 32) for (let k = 0; k < n; k++) buf[pos + k] = src[k]!;
      else buf.set(src, pos);
      this.pos = pos + n;
      return;
    }
    for (let from = 0; from < n; ) {
      if (this.pos >= this.buf.length) this.newChunk();
      const part = Math.min(n - from, this.buf.length - this.pos);
      this.buf.set(src.subarray(from, from + part), this.pos);
      this.pos += part;
      from += part;
    }
  }

  /** ASCII text that needs no escaping. */
  private ascii(s: string): void {
    for (let k = 0; k < s.length; k++) this.byte(s.charCodeAt(k));
  }

  /** A number's JSON text at `pos` (room for MAX_NUMBER_BYTES checked by the caller); returns the end. */
  private digits(x: number, pos: number): number {
    const buf = this.buf;
    if ((x | 0) === x && x !== -2147483648) {
      // Int32 (and −0, which prints as 0) in int32 arithmetic, two digits at a time from the end.
      let v = x | 0;
      if (v < 0) {
        buf[pos++] = 0x2d;
        v = -v;
      }
      if (v < 10) {
        buf[pos] = 0x30 + v;
        return pos + 1;
      }
      let n = 2;
      for (let p = 100; p <= v && n < 10; p *= 10) n++;
      let k = pos + n;
      while (v >= 100) {
        const q = (v / 100) | 0;
        const r = 2 * (v - 100 * q);
        buf[--k] = DIGIT_PAIRS[r + 1]!;
        buf[--k] = DIGIT_PAIRS[r]!;
        v = q;
      }
      if (v >= 10) {
        buf[--k] = DIGIT_PAIRS[2 * v + 1]!;
        buf[--k] = DIGIT_PAIRS[2 * v]!;
      } else buf[--k] = 0x30 + v;
      return pos + n;
    }
    if (!Number.isFinite(x)) throw new Error(`JsonWriter: ${x} is not a JSON number`);
    const text = String(x);
    const n = text.length;
    for (let k = 0; k < n; k++) buf[pos + k] = text.charCodeAt(k);
    return pos + n;
  }

  /** String content, escaped as JSON.stringify does, as UTF-8. */
  private content(s: string): void {
    const n = s.length;
    for (let k = 0; k < n; k++) {
      if (this.pos > this.buf.length - MAX_UNIT_BYTES) this.newChunk();
      const buf = this.buf;
      const c = s.charCodeAt(k);
      if (c < 0x80) {
        if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH) buf[this.pos++] = c;
        else this.escape(c);
      } else if (c < 0x800) {
        buf[this.pos++] = 0xc0 | (c >> 6);
        buf[this.pos++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[this.pos++] = 0xe0 | (c >> 12);
        buf[this.pos++] = 0x80 | ((c >> 6) & 0x3f);
        buf[this.pos++] = 0x80 | (c & 0x3f);
      } else {
        const d = k + 1 < n ? s.charCodeAt(k + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const u = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[this.pos++] = 0xf0 | (u >> 18);
          buf[this.pos++] = 0x80 | ((u >> 12) & 0x3f);
          buf[this.pos++] = 0x80 | ((u >> 6) & 0x3f);
          buf[this.pos++] = 0x80 | (u & 0x3f);
          k++;
        } else this.escape(c); // a lone surrogate
      }
    }
  }

  /** `\"`, `\\`, a short control escape or `\uXXXX` (room checked by the caller). */
  private escape(c: number): void {
    const buf = this.buf;
    buf[this.pos++] = BACKSLASH;
    const short = c === QUOTE || c === BACKSLASH ? c : SHORT_ESCAPE[c];
    if (short !== undefined) {
      buf[this.pos++] = short;
      return;
    }
    buf[this.pos++] = 0x75;
    for (let shift = 12; shift >= 0; shift -= 4) buf[this.pos++] = HEX.charCodeAt((c >> shift) & 0xf);
  }
}
