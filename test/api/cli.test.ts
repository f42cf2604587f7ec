import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { parseOrLibrary } from "../../solver/jobshop/parse-orlib.ts";
import { checkJobShop } from "../helpers/check-jobshop.ts";
import { takt } from "../helpers/cli.ts";
import { FT06 } from "../helpers/ft06.ts";
import { tinyFactory } from "../helpers/tiny-factory.ts";

const dir = mkdtempSync(join(tmpdir(), "takt-cli-"));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}


describe("takt CLI", () => {
  it("lists serve and every capability in --help", async () => {
    const { code, stdout } = await takt("--help");
    expect(code).toBe(0);
    for (const name of ["serve", ...capabilities.map((c) => c.command)]) expect(stdout).toContain(`takt ${name}`);
    // A terminal's width: no line wider than 100 characters.
    expect(stdout.split("\n").filter((line) => line.length > 100)).toEqual([]);
  });

  it("validate prints the route's JSON for a sound model", async () => {
    const { code, stdout } = await takt("validate", file("ok.json", tinyFactory()));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ valid: true, problems: [] });
  });

  it("validate reports problems by path", async () => {
    const model = tinyFactory();
    model.resources[0]!.calendar = "nope";
    const { code, stdout } = await takt("validate", file("bad.json", model));
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ valid: false, problems: [{ path: "resources[0].calendar", message: 'unknown calendar "nope"' }] });
  });

  it("jobshop minimises the makespan of an OR-Library file and prints a feasible plan", async () => {
    const { code, stdout } = await takt("jobshop", file("ft06.txt", FT06), "--time-limit", "1", "--workers", "1");
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(answer.instance).toBe("ft06");
    expect(checkJobShop(parseOrLibrary(FT06, "ft06"), answer)).toEqual([]);
    expect(answer.makespan).toBeGreaterThanOrEqual(55);
  });

  it("exits 2 with a 400-style body for a file that is not JSON", async () => {
    const { code, stdout } = await takt("validate", file("broken.json", "{ nope"));
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ statusCode: 400, code: "TAKT_ERR_BAD_REQUEST" });
  });

  it("stops quietly with 0 when its reader closes the pipe early (`takt mrp … | head`)", async () => {
    // A plan of a few MB: far more than a pipe holds, so the writer is still writing when the reader leaves.
    const items = Array.from({ length: 3000 }, (_, k) => ({ id: `I${k}` }));
    const demands = items.map((item, k) => ({ id: `D${k}`, item: item.id, bucket: k % 52, quantity: 10 }));
    const plan = join(mkdtempSync(join(tmpdir(), "takt-pipe-")), "mrp.json");
    writeFileSync(plan, JSON.stringify({ buckets: { start: "2026-01-05", size: "week", count: 52 }, items, demands }));
    const bin = fileURLToPath(new URL("../../bin/takt.mjs", import.meta.url));
    const child = spawn(process.execPath, [bin, "mrp", plan]);
    let stderr = "";
    child.stderr.on("data", (text: Buffer) => (stderr += text.toString()));
    child.stdout.once("data", () => child.stdout.destroy());
    const [code] = (await once(child, "exit")) as [number | null];
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  });

  it("schedule --just-in-time moves the work as late as the due date allows", async () => {
    // One hour of work on a day shift from Monday 06:00, due Monday 13:00.
    const plant = {
      planStart: "2026-03-02T06:00",
      calendars: [{ id: "day", shifts: { mon: [{ start: "06:00", end: "14:00" }] } }],
      resources: [{ id: "R", calendar: "day" }],
      routings: [{ item: "x", operations: [{ id: "op", resources: ["R"], runMinutesPerUnit: 60 }] }],
      orders: [{ id: "o", item: "x", quantity: 1, due: "2026-03-02T13:00" }],
      options: { timeLimitSeconds: 2, maxIterations: 5 },
    };
    const path = file("jit.json", plant);
    const times = (stdout: string) => (JSON.parse(stdout) as { operations: Array<{ start: string; end: string }> }).operations.map((o) => [o.start, o.end]);
    const early = await takt("schedule", path);
    expect(times(early.stdout)).toEqual([["2026-03-02T06:00", "2026-03-02T07:00"]]);
    const late = await takt("schedule", "--just-in-time", path);
    expect(late.code).toBe(0);
    expect(times(late.stdout)).toEqual([["2026-03-02T12:00", "2026-03-02T13:00"]]);
  });

  it("exits 2 on an unknown command", async () => {
    const { code, stderr } = await takt("frobnicate");
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
  });
});
