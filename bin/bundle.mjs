/**
 * Runs Takt's TypeScript as plain JavaScript: esbuild bundles the named entry points (dependencies stay
 * imports from node_modules) into node_modules/.cache/takt/<fingerprint>/NAME.mjs, where the fingerprint
 * covers every source file's path, size and modification time, so a bundle is made once per change and is
 * never stale. Two processes starting at once each build into their own folder and the first rename wins.
 *
 * With `{ web: true }` the planner's workbench (web/, TypeScript and Preact for the browser) is bundled too,
 * into `web/` beside the entries, where `takt serve` finds and serves it. `node bin/bundle.mjs web DIR` writes
 * just the workbench into DIR (`npm run build` puts it beside dist/api/cli/takt.js).
 *
 * Used by `takt` (bin/takt.mjs, so `npm start`) and the benchmarks (bin/bench.mjs); the tests run the
 * sources through tsx. Why not tsx here: its loader hooks run off the main thread (module.register), and a
 * thread that has them runs V8's typed-array code much slower — on this project the demo schedule search took
 * 2.0–2.8 s in tsx workers against 1.3–2.0 s bundled or compiled for the same 385 iterations, and issue 5's
 * netting yardstick 53 ms against 37 ms.
 */
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
// test/helpers: the benchmarks use some (the fuzzer; the browser and server for the workbench benchmark).
const SOURCE_DIRS = ["src", "solver", "api", "bench", "web", "data", "test/helpers"];
/** What a bundle is made of: TypeScript, and for the workbench its page, styles and the demo plants. */
const SOURCE_FILE = /\.(ts|tsx|css|html|json)$/;
const CACHE = join(root, "node_modules", ".cache", "takt");
/** Bundles of older sources are deleted after this long (a server started from one may still be running). */
const KEEP_OLD_MS = 24 * 3600_000;

function addTree(hash, dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) addTree(hash, path);
    else if (SOURCE_FILE.test(entry.name)) {
      const { size, mtimeMs } = statSync(path);
      hash.update(`${relative(root, path)}\0${size}\0${mtimeMs}\n`);
    }
  }
}

function fingerprint(entries, options) {
  const hash = createHash("sha256").update(JSON.stringify([entries, options]));
  for (const dir of SOURCE_DIRS) addTree(hash, join(root, dir));
  return hash.digest("hex").slice(0, 20);
}

function removeOldBundles(keep) {
  for (const name of readdirSync(CACHE)) {
    const path = join(CACHE, name);
    if (name !== keep && Date.now() - statSync(path).mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The solver pool's worker, bundled as CommonJS: piscina loads a worker with require(), and Node 20 aborts
 * the whole process (FATAL "IsGraphAsync must be used on an instantiated module") when a thread is terminated
 * while require() is instantiating an ES module — a CLI run closing its pool while a spare thread still loads.
 */
const WORKER = { worker: "api/worker.ts" };

/**
 * The workbench for browsers into `outdir`: app.js and app.css (minified, with source maps; every library
 * inside, so it works offline) and index.html.
 */
export async function bundleWeb(outdir) {
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

/**
 * The folder holding `NAME.mjs` for each entry of `entries` ({ NAME: path from the project root }) and
 * `worker.cjs` beside them (api/pool.ts looks for it there), and with `web: true` the workbench in `web/`,
 * bundled now if these sources have not been bundled before.
 */
export async function bundle(entries, { web = false } = {}) {
  const id = fingerprint(entries, { web });
  const dir = join(CACHE, id);
  try {
    if (statSync(join(dir, ".complete")).isFile()) return dir;
  } catch {
    // not bundled yet
  }
  const scratch = `${dir}.${process.pid}.tmp`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const common = { absWorkingDir: root, bundle: true, platform: "node", target: "node20", packages: "external", outdir: scratch, sourcemap: "linked", logLevel: "error" };
  const entryPoints = (named) => Object.fromEntries(Object.entries(named).map(([name, path]) => [name, join(root, path)]));
  await Promise.all([
    build({ ...common, entryPoints: entryPoints(entries), format: "esm", outExtension: { ".js": ".mjs" } }),
    build({ ...common, entryPoints: entryPoints(WORKER), format: "cjs", outExtension: { ".js": ".cjs" } }),
    ...(web ? [bundleWeb(join(scratch, "web"))] : []),
  ]);
  writeFileSync(join(scratch, ".complete"), "");
  try {
    renameSync(scratch, dir);
  } catch {
    rmSync(scratch, { recursive: true, force: true }); // another process finished the same bundle first
  }
  removeOldBundles(id);
  return dir;
}

// `node bin/bundle.mjs web DIR`: the workbench alone, for `npm run build`.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [what, outdir] = process.argv.slice(2);
  if (what !== "web" || !outdir) {
    process.stderr.write("usage: node bin/bundle.mjs web DIR\n");
    process.exit(2);
  }
  await bundleWeb(outdir);
}
