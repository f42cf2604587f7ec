/** The limits module and its documentation: every bound is listed in the README's Limits section. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as limits from "../../src/limits.ts";

describe("src/limits.ts", () => {
  const bounds = Object.entries(limits).filter(([name, value]) => /^(MAX|MIN)_/.test(name) && typeof value === "number");

  it("names each bound in the README's Limits section", () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = readme.slice(readme.indexOf("\n## Limits\n"), readme.indexOf("\n## ", readme.indexOf("\n## Limits\n") + 1));
    expect(section.length).toBeGreaterThan(0);
    expect(bounds.map(([name]) => name).filter((name) => !section.includes(`\`${name}\``))).toEqual([]);
  });

  it("holds only finite, positive bounds", () => {
    for (const [name, value] of bounds) expect(Number.isFinite(value) && (value as number) > 0, name).toBe(true);
  });
});
