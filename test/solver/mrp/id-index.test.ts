/** IdIndex against a Map, including ids crafted to collide (the hand-over to a Map). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { IdIndex } from "../../../solver/mrp/id-index.ts";

/** 32-bit FNV-1a over UTF-16 code units, written from the published algorithm (offset basis, prime). */
function fnv1a(id: string): number {
  let hash = 2166136261;
  for (const unit of Array.from({ length: id.length }, (_, k) => id.charCodeAt(k))) hash = Math.imul(hash ^ unit, 16777619) >>> 0;
  return hash;
}

/** Builds an index of `ids` (positions by first occurrence) and checks it against a Map. */
function checkAgainstMap(ids: string[], probes: string[]) {
  const index = new IdIndex(ids.length);
  const map = new Map<string, number>();
  ids.forEach((id, position) => {
    expect(index.add(id, position)).toBe(map.get(id) ?? -1);
    if (!map.has(id)) map.set(id, position);
  });
  expect(index.size).toBe(map.size);
  for (const id of [...ids, ...probes]) expect(index.indexOf(id)).toBe(map.get(id) ?? -1);
}

describe("IdIndex", () => {
  it("finds every id at its position, reports repeats with the first position and misses with −1", () => {
    checkAgainstMap(["A", "B", "A", "", "__proto__", "b", "B"], ["a", "C", "constructor"]);
  });

  it("agrees with a Map on random ids", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 4 }), { maxLength: 80 }), fc.array(fc.string({ maxLength: 4 }), { maxLength: 10 }), checkAgainstMap),
      { seed: 42, numRuns: 300 },
    );
  });

  it("stays correct when ids are crafted to collide: it hands over to a Map", () => {
    // 200 ids (512 slots) whose folded hashes agree in their low 9 bits: all probe from one slot, so
    // past the 64th the table gives up probing.
    const colliding: string[] = [];
    const target = fnv1a("seed") & 511;
    for (let n = 0; colliding.length < 200; n++) {
      const id = `x${n.toString(36)}`;
      const hash = fnv1a(id);
      if (((hash ^ (hash >>> 15)) & 511) === target) colliding.push(id);
    }
    checkAgainstMap([...colliding, colliding[7]!, "plain"], ["absent", "x"]);
  });
});
