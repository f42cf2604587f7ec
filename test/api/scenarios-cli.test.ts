import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { takt, tinyCapacity } from "./jobs-helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "takt-scenarios-"));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(content));
  return path;
}

describe("takt scenarios", () => {
  file("tiny.json", tinyCapacity());
  const study = file("study.json", {
    kind: "capacity",
    base: "tiny.json",
    variations: [
      { name: "four lathes", patch: { resources: { lathe: { units: 4 } } } },
      { name: "double demand", scaleDemand: 2 },
    ],
  });

  it("prints the comparison table, with progress on stderr, reading `base` from a file next to the study", async () => {
    const { code, stdout, stderr } = await takt("scenarios", study);
    expect(code).toBe(0);
    const [header, rule, ...rows] = stdout.trimEnd().split("\n");
    expect(header).toMatch(/^capacity KPI\s+base\s+four lathes\s+double demand$/);
    expect(rule).toMatch(/^-+( +-+){3}$/);
    expect(rows.map((row) => row.split(/\s{2,}/)[0])).toEqual([
      "peak bucket utilization",
      "resource at the peak",
      "overload, all resources",
      "countermeasure cost",
      "overload no lever covers",
    ]);
    expect(stderr).toContain("3/3 done");
  });

  it("prints the batch JSON with --json, whose differences are to the base", async () => {
    const { code, stdout } = await takt("scenarios", study, "--json");
    expect(code).toBe(0);
    const batch = JSON.parse(stdout) as {
      status: string;
      comparison: { scenarios: Array<{ name: string; values: Record<string, number>; vsBase: Record<string, number> }> };
    };
    expect(batch.status).toBe("done");
    const [base, lathes, doubled] = batch.comparison.scenarios;
    expect(lathes!.name).toBe("four lathes");
    // The lathe was the peak (65 of 1,620 available minutes); with twice the lathes the press (20 of 900) is.
    expect(base!.values.peakResource).toBe("lathe");
    expect(lathes!.values.peakResource).toBe("press");
    expect(lathes!.values.peakUtilization).toBeCloseTo(20 / 900, 12);
    expect(doubled!.vsBase.peakUtilization).toBeCloseTo(doubled!.values.peakUtilization! - base!.values.peakUtilization!, 12);
  });

  it("exits 3 with the 422 body when a patch names a resource the base lacks", async () => {
    const bad = file("bad.json", { kind: "capacity", base: tinyCapacity(), variations: [{ name: "x", patch: { resources: { mill: { units: 2 } } } }] });
    const { code, stdout } = await takt("scenarios", bad);
    expect(code).toBe(3);
    expect(JSON.parse(stdout)).toMatchObject({ statusCode: 422, code: "TAKT_ERR_PATCH_TARGET", problems: [{ path: "variations[0].patch.resources.mill" }] });
  });
});
