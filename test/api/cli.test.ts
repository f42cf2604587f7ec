import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { takt } from "../helpers/cli.ts";
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
