#!/usr/bin/env node
// `npm run bench [-- NAME…]` (bench/run.ts), `npm run bench:jobshop` (bench/jobshop.ts), `npm run bench:limits`
// (bench/limits.ts), `npm run bench:fuzz` (bench/fuzz.ts), `npm run bench:scale-out` (bench/scale-out.ts) `npm run bench:plant-scale`
// (bench/plant-scale.ts), `npm run bench:calibration` (bench/search-calibration.ts) and `node bin/bench.mjs share-search`
// (bench/share-search.ts): the benchmarks run bundled, as `takt` runs
// (build.mjs), so they time what users run and not tsx's slower loader. dist/ is rebuilt too: the workbench
// benchmark starts the built `takt serve`.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { buildBench, buildDist, root } from "./build.mjs";

const script = process.argv[2];
await Promise.all([buildDist(), buildBench()]);
process.argv.splice(2, 1); // the script reads its own arguments from argv[2] on
process.setSourceMapsEnabled(true);
await import(pathToFileURL(join(root, "dist-bench", `${script}.mjs`)).href);
