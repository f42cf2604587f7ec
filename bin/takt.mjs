#!/usr/bin/env node
// The `takt` command. The TypeScript sources run as plain JavaScript bundled on first use (bundle.mjs says
// why not through tsx), so there is no build step; tsx only where the bundle cannot be written.
import { join } from "node:path";
import { pathToFileURL } from "node:url";

let entry;
try {
  const { bundle } = await import("./bundle.mjs");
  entry = pathToFileURL(join(await bundle({ takt: "api/cli/takt.ts" }, { web: true }), "takt.mjs")).href;
  process.setSourceMapsEnabled(true);
} catch (error) {
  process.stderr.write(`takt: running through tsx, which makes the solver slower (no bundle: ${error.message})\n`);
  (await import("tsx/esm/api")).register();
  entry = "../api/cli/takt.ts";
}
await import(entry);
