/**
 * The build (`npm run build`; `npm install` runs it as `prepare`): esbuild bundles the TypeScript sources
 * into dist/, which is what `takt`, `npm start` and the container run and what `npm pack` ships:
 *   dist/takt.mjs    the CLI and server (an ES module; dependencies stay imports from node_modules)
 *   dist/worker.cjs  the solver pool's worker, as CommonJS (see WORKER below)
 *   dist/web/        the planner's workbench for browsers (served by `takt serve`)
 * with linked source maps. `node bin/build.mjs bench` also bundles the benchmarks into dist-bench/ (not shipped).
 *
 * Bundled rather than compiled file by file (tsc): one file per entry loads faster, and the worker becomes
 * CommonJS without a second tsconfig. Why not run the sources through tsx: its loader hooks run off the main
 * thread (module.register), and a thread that has them runs V8's typed-array code much slower — on this
 * project the demo schedule search took 2.0–2.8 s in tsx workers against 1.3–2.0 s bundled for the same 385
 * iterations. The tests run the sources through tsx, and the built `takt` in test/build.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const root = dirname(dirname(fileURLToPath(import.meta.url)));

/**
 * The solver pool's worker, bundled as CommonJS: piscina loads a worker with require(), and Node 20 aborts
 * the whole process (FATAL "IsGraphAsync must be used on an instantiated module") when a thread is terminated
 * while require() is instantiating an ES module — a CLI run closing its pool while a spare thread still loads.
 * api/pool.ts looks for worker.cjs beside the bundle that imports it.
 */
const WORKER = { worker: "api/worker.ts" };

/**
 * The workbench for browsers into `outdir`: app.js and app.css (minified, with source maps; every library
 * inside, so it works offline) and index.html.
 */
async function buildWeb(outdir) {
  mkdirSync(outdir, { recursive: true });
  await build({
    absWorkingDir: root,
    entryPoints: { app: join(root, "web", "main.tsx") },
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: "linked",
    jsx: "automatic",
    jsxImportSource: "preact",
    outdir,
    logLevel: "error",
  });
  copyFileSync(join(root, "web", "index.html"), join(outdir, "index.html"));
}

/** Bundles `entries` ({ NAME: path from the project root }) into `outdir`/NAME.mjs, worker.cjs beside them, and with `web` the workbench into `outdir`/web. */
export async function buildInto(outdir, entries, { web = false } = {}) {
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", packages: "external", outdir, sourcemap: "linked", logLevel: "error" };
  const entryPoints = (named) => Object.fromEntries(Object.entries(named).map(([name, path]) => [name, join(root, path)]));
  await Promise.all([
    build({ ...common, entryPoints: entryPoints(entries), format: "esm", outExtension: { ".js": ".mjs" } }),
    build({ ...common, entryPoints: entryPoints(WORKER), format: "cjs", outExtension: { ".js": ".cjs" } }),
    ...(web ? [buildWeb(join(outdir, "web"))] : []),
  ]);
}

/** What users run: dist/. */
export const buildDist = () => buildInto(join(root, "dist"), { takt: "api/cli/takt.ts" }, { web: true });

/** The benchmarks (bin/bench.mjs runs them from here), bundled as `takt` is so they time what users run. */
export function buildBench() {
  const benches = readdirSync(join(root, "bench")).filter((file) => file.endsWith(".bench.ts"));
  return buildInto(join(root, "dist-bench"), {
    run: "bench/run.ts",
    jobshop: "bench/jobshop.ts",
    limits: "bench/limits.ts",
    fuzz: "bench/fuzz.ts",
    "scale-out": "bench/scale-out.ts",
    "plant-scale": "bench/plant-scale.ts",
    "search-calibration": "bench/search-calibration.ts",
    "share-search": "bench/share-search.ts",
    ...Object.fromEntries(benches.map((file) => [file.slice(0, -".ts".length), `bench/${file}`])),
  });
}

// `node bin/build.mjs` builds dist/; `node bin/build.mjs bench` the benchmarks too.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const what = process.argv.slice(2);
  if (what.some((name) => name !== "bench")) {
    process.stderr.write("usage: node bin/build.mjs [bench]\n");
    process.exit(2);
  }
  await buildDist();
  if (what.includes("bench")) await buildBench();
}
