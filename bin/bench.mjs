#!/usr/bin/env node
// `npm run bench [-- NAME…]` (bench/run.ts), `npm run bench:jobshop` (bench/jobshop.ts), `npm run bench:limits`
// (bench/limits.ts) and `npm run bench:fuzz` (bench/fuzz.ts): the benchmarks
// run bundled, as `takt` runs (bundle.mjs), so they time what users run and not tsx's slower loader.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { bundle, root } from "./bundle.mjs";

const script = process.argv[2];
const benches = readdirSync(join(root, "bench")).filter((file) => file.endsWith(".bench.ts"));
const dir = await bundle({
  run: "bench/run.ts",
  jobshop: "bench/jobshop.ts",
  limits: "bench/limits.ts",
  fuzz: "bench/fuzz.ts",
  ...Object.fromEntries(benches.map((file) => [file.slice(0, -".ts".length), `bench/${file}`])),
});
process.argv.splice(2, 1); // the script reads its own arguments from argv[2] on
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(dir, `${script}.mjs`)).href);
