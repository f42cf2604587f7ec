/** The JSON byte writer against JSON.stringify: same bytes for strings, numbers and nested values. */
import { Buffer } from "node:buffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeJson, encodeJsonAll, JsonWriter } from "../../solver/json-writer.ts";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Writes a parsed-JSON-like value through the generic calls, keys in the order JSON.stringify visits them. */
function write(w: JsonWriter, value: Json): void {
  if (value === null) w.null();
  else if (typeof value === "boolean") w.boolean(value);
  else if (typeof value === "number") w.number(value);
  else if (typeof value === "string") w.string(value);
  else if (Array.isArray(value)) {
    w.beginArray();
    for (const x of value) write(w, x);
    w.endArray();
  } else {
    w.beginObject();
    for (const key of Object.keys(value)) {
      w.key(encodeJson(key));
      write(w, value[key]!);
    }
    w.endObject();
  }
}

/** Tiny chunks so that every kind of value gets cut across chunk boundaries. */
const tiny = { firstChunkBytes: 64, maxChunkBytes: 96 };

function bytesOf(fill: (w: JsonWriter) => void, options = tiny): Buffer {
  const w = new JsonWriter(options);
  fill(w);
  return Buffer.concat(w.finish());
}

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const anyString = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }));

describe("JsonWriter", () => {
  it("writes strings with JSON.stringify's escaping, lone surrogates and controls included", () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect(bytesOf((w) => w.string(s))).toEqual(Buffer.from(JSON.stringify(s)));
        expect(bytesOf((w) => w.preEncoded(encodeJson(s)))).toEqual(Buffer.from(JSON.stringify(s)));
      }),
      { seed: 42, numRuns: 2000 },
    );
    const edge = '"\\\b\f\n\r\t\u0000\u001f\u007f\u2028\ud800x\udc00\ud83d\ude00é€\udbff';
    expect(bytesOf((w) => w.string(edge))).toEqual(Buffer.from(JSON.stringify(edge)));
  });

  it("writes numbers as JSON.stringify does, −0 as 0, and refuses non-finite ones", () => {
    const special = [0, -0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1e21, 1e-7, 5e-324, -1.7976931348623157e308, 0.1 + 0.2, 123.456];
    fc.assert(
      fc.property(fc.oneof(finite, fc.integer(), fc.maxSafeInteger(), fc.constantFrom(...special)), (x) => {
        expect(bytesOf((w) => w.number(x))).toEqual(Buffer.from(JSON.stringify(x)));
      }),
      { seed: 42, numRuns: 3000 },
    );
    for (const bad of [NaN, Infinity, -Infinity]) expect(() => new JsonWriter().number(bad)).toThrow(/not a JSON number/);
  });

  it("writes a slice of a Float64Array like JSON.stringify of the same numbers", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(finite, fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0.1, 1 / 3, -2.5, 1e-7))), fc.nat(), fc.nat(), (xs, a, b) => {
        const values = Float64Array.from(xs);
        const from = xs.length === 0 ? 0 : a % (xs.length + 1);
        const count = xs.length - from === 0 ? 0 : b % (xs.length - from + 1);
        const expected = Buffer.from(JSON.stringify(Array.from(values.subarray(from, from + count))));
        expect(bytesOf((w) => w.numberArray(values, from, count))).toEqual(expected);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it("writes nested JSON values byte for byte as JSON.stringify, and they parse back equal", () => {
    const { value } = fc.letrec<{ value: Json }>((tie) => ({
      value: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        fc.constant(null),
        fc.boolean(),
        finite.map((x) => (Object.is(x, -0) ? 0 : x)),
        anyString,
        fc.array(tie("value"), { maxLength: 5 }),
        fc.dictionary(anyString, tie("value"), { maxKeys: 5, noNullPrototype: true }),
      ),
    }));
    fc.assert(
      fc.property(value, fc.integer({ min: 64, max: 300 }), (v, chunk) => {
        const bytes = bytesOf((w) => write(w, v), { firstChunkBytes: chunk, maxChunkBytes: chunk });
        expect(bytes).toEqual(Buffer.from(JSON.stringify(v)));
        expect(JSON.parse(bytes.toString("utf8"))).toEqual(v);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it("assembles a string from parts: escaped text, pre-encoded content and numbers", () => {
    const item = encodeJson('A"1');
    const bytes = bytesOf((w) => {
      w.beginArray();
      w.beginString();
      w.stringPart("MRP-");
      w.stringPartPreEncoded(item.subarray(1, -1));
      w.stringPart("-");
      w.stringPartNumber(-0);
      w.stringPartNumber(2.5);
      w.endString();
      w.number(7);
      w.endArray();
    });
    expect(bytes).toEqual(Buffer.from(JSON.stringify(['MRP-A"1-02.5', 7])));
  });

  it("puts commas and colons itself, and hands back views of exactly the bytes written", () => {
    const w = new JsonWriter(tiny);
    w.beginObject();
    w.key(encodeJson("a"));
    w.beginArray();
    for (let k = 0; k < 40; k++) w.number(k);
    w.endArray();
    w.key(encodeJson("b"));
    w.beginObject();
    w.endObject();
    w.key(encodeJson("c"));
    w.beginArray();
    w.endArray();
    w.endObject();
    const chunks = w.finish();
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length > 0 && c.length <= 96)).toBe(true);
    expect(Buffer.concat(chunks).toString()).toBe(JSON.stringify({ a: Array.from({ length: 40 }, (_, k) => k), b: {}, c: [] }));
  });

  it("appends slices of numbers to an open array, as one array of all of them", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(finite, fc.integer({ min: -1000, max: 1000 })), { maxLength: 20 }), { maxLength: 6 }), (slices) => {
        const bytes = bytesOf((w) => {
          w.beginArray();
          for (const slice of slices) w.numbers(Float64Array.from(slice), 0, slice.length);
          w.endArray();
        });
        expect(bytes).toEqual(Buffer.from(JSON.stringify(slices.flat().map((x) => x + 0))));
      }),
      { seed: 7, numRuns: 500 },
    );
    expect(() => new JsonWriter().numbers(new Float64Array(1), 0, 1)).toThrow(/out of turn/);
  });

  it("embeds what other writers wrote, uncopied, between its own values", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.array(fc.integer(), { maxLength: 30 })), { maxLength: 5 }), (fields) => {
        const parts = fields.map(([, xs]) => {
          const part = new JsonWriter(tiny);
          part.beginArray();
          part.numbers(Float64Array.from(xs), 0, xs.length);
          part.endArray();
          return part.finish();
        });
        const w = new JsonWriter(tiny);
        w.beginObject();
        fields.forEach(([key], k) => {
          w.key(encodeJson(`k${k}${key}`));
          w.embed(parts[k]!);
        });
        w.endObject();
        const chunks = w.finish();
        for (const part of parts) for (const chunk of part) expect(chunks).toContain(chunk);
        expect(Buffer.concat(chunks)).toEqual(Buffer.from(JSON.stringify(Object.fromEntries(fields.map(([key, xs], k) => [`k${k}${key}`, xs])))));
      }),
      { seed: 9, numRuns: 300 },
    );
  });

  it("nests deeper than its initial stack", () => {
    const deep: Json = Array.from({ length: 100 }).reduce<Json>((inner, _, k) => (k % 2 === 0 ? [inner, k] : { [`k${k}`]: inner }), "core");
    expect(bytesOf((w) => write(w, deep))).toEqual(Buffer.from(JSON.stringify(deep)));
  });

  it("refuses calls out of turn, so it cannot produce invalid JSON", () => {
    const inObject = new JsonWriter();
    inObject.beginObject();
    expect(() => inObject.number(1)).toThrow(/out of turn/); // a value where a key belongs
    expect(() => inObject.endArray()).toThrow(/out of turn/);
    expect(() => inObject.finish()).toThrow(/out of turn/); // unclosed
    inObject.key(encodeJson("k"));
    expect(() => inObject.key(encodeJson("again"))).toThrow(/out of turn/);
    expect(() => inObject.endObject()).toThrow(/out of turn/); // key without value
    const done = new JsonWriter();
    done.null();
    expect(() => done.null()).toThrow(/out of turn/); // two top-level values
    expect(() => new JsonWriter().stringPart("x")).toThrow(/out of turn/);
    expect(() => new JsonWriter().finish()).toThrow(/out of turn/); // nothing written
  });
});

describe("encodeJsonAll", () => {
  it("gives each string's JSON.stringify bytes, as views of one buffer", () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 30 }), (values) => {
        const views = encodeJsonAll(values);
        expect(views.map((view) => Buffer.from(view))).toEqual(values.map((value) => Buffer.from(JSON.stringify(value))));
        expect(new Set(views.map((view) => view.buffer)).size).toBeLessThanOrEqual(1);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
