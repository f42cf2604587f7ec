#!/usr/bin/env node
// The `takt` command: runs the build in dist/ (bin/build.mjs; `npm install` makes it, `npm run build` after
// changing the sources).
import { existsSync } from "node:fs";

const entry = new URL("../dist/takt.mjs", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("takt: dist/takt.mjs is missing: run `npm run build` in the project (npm install runs it)\n");
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(entry.href);
