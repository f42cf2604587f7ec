/**
 * Builds dist/ (bin/build.mjs, what `npm install` runs) once before the tests: the tests that start the real
 * `takt` (test/build.test.ts, the workbench's browser tests) then run the build of these sources, never a
 * stale one.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export default function setup(): void {
  execFileSync(process.execPath, [fileURLToPath(new URL("../bin/build.mjs", import.meta.url))], { stdio: "inherit" });
}
