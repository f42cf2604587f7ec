import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyMergePatch, arrayKeyField } from "../../api/jobs/merge-patch.ts";
import { scaleDemand } from "../../api/jobs/scenarios.ts";

describe("RFC 7386 merge patch: the examples of its Appendix A", () => {
  const examples: Array<[unknown, unknown, unknown]> = [
    [{ a: "b" }, { a: "c" }, { a: "c" }],
    [{ a: "b" }, { b: "c" }, { a: "b", b: "c" }],
    [{ a: "b" }, { a: null }, {}],
    [{ a: "b", b: "c" }, { a: null }, { b: "c" }],
    [{ a: ["b"] }, { a: "c" }, { a: "c" }],
    [{ a: "c" }, { a: ["b"] }, { a: ["b"] }],
    [{ a: { b: "c" } }, { a: { b: "d", c: null } }, { a: { b: "d" } }],
    [{ a: [{ b: "c" }] }, { a: [1] }, { a: [1] }],
    [["a", "b"], ["c", "d"], ["c", "d"]],
    [{ a: "b" }, ["c"], ["c"]],
    [{ a: "foo" }, null, null],
    [{ a: "foo" }, "bar", "bar"],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: "b", c: null }, { a: "b" }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(examples)("%j patched with %j is %j", (target, patch, expected) => {
    expect(applyMergePatch(target, patch)).toEqual({ value: expected, problems: [] });
  });

  it("never mutates the target or the patch", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (target, patch) => {
        const [targetCopy, patchCopy] = [structuredClone(target), structuredClone(patch)];
        applyMergePatch(target, patch);
        expect(target).toEqual(targetCopy);
        expect(patch).toEqual(patchCopy);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("is idempotent on objects without arrays: patching twice equals patching once", () => {
    const noArrays = fc.letrec((tie) => ({
      value: fc.oneof(fc.constant(null), fc.integer(), fc.string(), tie("object")),
      object: fc.dictionary(fc.string({ minLength: 1, maxLength: 3 }), tie("value"), { maxKeys: 4 }),
    })).object;
    fc.assert(
      fc.property(noArrays, noArrays, (target, patch) => {
        const once = applyMergePatch(target, patch).value;
        expect(applyMergePatch(once, patch).value).toEqual(once);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("id-keyed array extension", () => {
  const base = {
    resources: [
      { id: "CGL", calendar: "two-shift", units: 1 },
      { id: "PACK", calendar: "two-shift", units: 2 },
    ],
    routings: [{ item: "GI", operations: [{ id: "roll", runMinutesPerUnit: 3 }, { id: "galvanize", runMinutesPerUnit: 4.6 }] }],
    bom: [{ parent: "GI", component: "HRC", quantity: 1.065 }],
    tags: ["a", "b"],
  };

  it("patches the element with that id and leaves the others untouched (and shared)", () => {
    const { value, problems } = applyMergePatch(base, { resources: { CGL: { units: 2, calendar: "three-shift" } } });
    expect(problems).toEqual([]);
    const patched = value as typeof base;
    expect(patched.resources).toEqual([
      { id: "CGL", calendar: "three-shift", units: 2 },
      { id: "PACK", calendar: "two-shift", units: 2 },
    ]);
    expect(patched.resources[1]).toBe(base.resources[1]);
    expect(patched.routings).toBe(base.routings);
    expect(base.resources[0]).toEqual({ id: "CGL", calendar: "two-shift", units: 1 });
  });

  it("keys routings by item and nested operations by id", () => {
    const { value, problems } = applyMergePatch(base, { routings: { GI: { operations: { galvanize: { runMinutesPerUnit: 4 } } } } });
    expect(problems).toEqual([]);
    expect((value as typeof base).routings[0]!.operations).toEqual([
      { id: "roll", runMinutesPerUnit: 3 },
      { id: "galvanize", runMinutesPerUnit: 4 },
    ]);
  });

  it("removes an element with null, keeping the order of the rest", () => {
    const { value } = applyMergePatch(base, { resources: { CGL: null } });
    expect((value as typeof base).resources.map((r) => r.id)).toEqual(["PACK"]);
  });

  it("reports every key naming a missing element, with its path, and patches the rest", () => {
    const { value, problems } = applyMergePatch(base, {
      resources: { CGX: { units: 2 }, PACK: { units: 3 } },
      routings: { GI: { operations: { coat: { runMinutesPerUnit: 1 } } } },
    });
    expect(problems.map((p) => p.path)).toEqual(["resources.CGX", "routings.GI.operations.coat"]);
    expect(problems[0]!.message).toContain('no element with id "CGX"');
    expect(problems[0]!.message).toContain("CGL, PACK");
    expect((value as typeof base).resources[1]!.units).toBe(3);
  });

  it("refuses an object patch on records without ids, and replaces any array given as an array", () => {
    expect(applyMergePatch(base, { bom: { GI: { quantity: 2 } } }).problems.map((p) => p.path)).toEqual(["bom.GI"]);
    const replaced = applyMergePatch(base, { resources: [{ id: "NEW", calendar: "x" }] });
    expect(replaced).toEqual({ value: { ...base, resources: [{ id: "NEW", calendar: "x" }] }, problems: [] });
  });

  it("detects the key field", () => {
    expect(arrayKeyField(base.resources)).toBe("id");
    expect(arrayKeyField(base.routings)).toBe("item");
    expect(arrayKeyField(base.bom)).toBeUndefined();
    expect(arrayKeyField(base.tags)).toBeUndefined();
    expect(arrayKeyField([])).toBeUndefined();
  });
});

describe("scaleDemand", () => {
  it("multiplies orders, MRP demands and bottleneck products, and nothing else", () => {
    const input = {
      orders: [{ id: "A", quantity: 10, priority: 2 }],
      demands: [{ id: "D", quantity: 4, bucket: 1 }],
      products: [{ item: "P", demand: 50, price: 7 }],
      receipts: [{ id: "R", quantity: 3 }],
    };
    expect(scaleDemand(input, 1.5)).toEqual({
      orders: [{ id: "A", quantity: 15, priority: 2 }],
      demands: [{ id: "D", quantity: 6, bucket: 1 }],
      products: [{ item: "P", demand: 75, price: 7 }],
      receipts: [{ id: "R", quantity: 3 }],
    });
    expect(input.orders[0]!.quantity).toBe(10);
  });
});
