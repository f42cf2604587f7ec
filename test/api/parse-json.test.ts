import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDuplicateKey, parseJsonText } from "../../api/parse-json.ts";
import { BadRequestError } from "../../api/request-validation.ts";

/** Serializes like JSON.stringify, with `gap` between tokens, writing the first key of the object at `target` twice. */
function serialize(value: unknown, target: string | undefined, gap: string, path = "$"): string {
  if (Array.isArray(value)) return `[${gap}${value.map((v, i) => serialize(v, target, gap, `${path}[${i}]`)).join(`${gap},${gap}`)}${gap}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}${gap}:${gap}${serialize(v, target, gap, `${path}.${k}`)}`);
    if (path === target) entries.push(entries[0]!);
    return `{${gap}${entries.join(`${gap},${gap}`)}${gap}}`;
  }
  return JSON.stringify(value);
}

/** The paths of the non-empty objects in `value`, `$`-rooted as `serialize` writes them, with their first key. */
function objectPaths(value: unknown, path = "$"): Array<[string, string]> {
  if (Array.isArray(value)) return value.flatMap((v, i) => objectPaths(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  const keys = Object.keys(value);
  const here: Array<[string, string]> = keys.length > 0 ? [[path, keys[0]!]] : [];
  return [...here, ...keys.flatMap((k) => objectPaths((value as Record<string, unknown>)[k], `${path}.${k}`))];
}

// Keys the test's own path notation can carry unambiguously; the scanner is not limited to them.
const key = fc.stringMatching(/^[a-z][a-z0-9 é"\\{}[\],:]{0,6}$/);
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, fc.constantFrom(null, true, false, 0, -1.5e3), fc.string({ maxLength: 5 }), tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(key, tie("value"), { maxKeys: 20 }),
})).value;

describe("duplicate keys", () => {
  it("finds none in what JSON.stringify writes, whatever the spacing", () => {
    fc.assert(
      fc.property(json, fc.constantFrom("", " ", "\n  "), (value, gap) => findDuplicateKey(serialize(value, undefined, gap)) === undefined),
      { seed: 19, numRuns: 400 },
    );
  });

  it("finds a duplicated key in any object, at its path", () => {
    const withObject = json.filter((value) => objectPaths(value).length > 0);
    fc.assert(
      fc.property(withObject, fc.nat(), fc.constantFrom("", " ", "\n  "), (value, pick, gap) => {
        const paths = objectPaths(value);
        const [target, first] = paths[pick % paths.length]!;
        const text = serialize(value, target, gap);
        const found = findDuplicateKey(text);
        expect(found?.message).toContain(`duplicate key "${first}"`);
        expect(found?.path.replace(/^\$\.?/, "")).toBe(`${target}.${first}`.replace(/^\$\.?/, ""));
      }),
      { seed: 19, numRuns: 400 },
    );
  });

  it("compares keys as decoded: an escaped spelling is the same key", () => {
    expect(findDuplicateKey('{"ab": 1, "\\u0061b": 2}')?.path).toBe("ab");
    expect(findDuplicateKey('{"a\\"": 1, "a\\u0022": 2}')?.path).toBe('a"');
    expect(findDuplicateKey('{"a": {"x": 1}, "b": {"x": 2}}')).toBeUndefined();
  });

  it("stays linear on one object of 200,000 keys", () => {
    const keys = Array.from({ length: 200_000 }, (_, k) => `"k${k}":${k}`);
    expect(findDuplicateKey(`{${keys.join(",")}}`)).toBeUndefined();
    expect(findDuplicateKey(`{${keys.join(",")},"k199999":0}`)?.path).toBe("k199999");
  });
});

describe("parseJsonText", () => {
  const problems = (text: string) => {
    try {
      parseJsonText(text);
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestError);
      return (error as BadRequestError).problems;
    }
    throw new Error("accepted");
  };

  it("parses JSON", () => {
    expect(parseJsonText('{"orders": [{"id": "A", "quantity": 2}]}')).toEqual({ orders: [{ id: "A", quantity: 2 }] });
  });

  it("refuses a duplicate key by its path, prototype keys and text that is not JSON", () => {
    expect(problems('{"orders": [{"id": "A", "quantity": 2, "quantity": 3}]}')).toEqual([
      { path: "orders[0].quantity", message: expect.stringContaining('duplicate key "quantity"') },
    ]);
    expect(problems('{"__proto__": {"admin": true}}')).toEqual([{ path: "$", message: expect.stringContaining("forbidden prototype property") }]);
    expect(problems('{"constructor": {"prototype": {}}}')).toEqual([{ path: "$", message: expect.stringContaining("forbidden prototype property") }]);
    expect(problems("{ nope")).toEqual([{ path: "$", message: expect.stringContaining("the body is not JSON") }]);
  });
});
