import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { tinyFactory } from "../helpers/tiny-factory.ts";

const bin = fileURLToPath(new URL("../../bin/takt.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "takt-cli-"));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

async function takt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("takt CLI", () => {
  it("lists serve and every capability in --help", async () => {
    const { code, stdout } = await takt("--help");
    expect(code).toBe(0);
    for (const name of ["serve", ...capabilities.map((c) => c.command)]) expect(stdout).toContain(`takt ${name}`);
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

  it("exits 2 with a 400-style body for a file that is not JSON", async () => {
    const { code, stdout } = await takt("validate", file("broken.json", "{ nope"));
    expect(code).toBe(2);
    expect(JSON.parse(stdout)).toMatchObject({ statusCode: 400, code: "TAKT_ERR_BAD_REQUEST" });
  });

  it("exits 2 on an unknown command", async () => {
    const { code, stderr } = await takt("frobnicate");
    expect(code).toBe(2);
    expect(stderr).toContain('unknown command "frobnicate"');
  });
});
