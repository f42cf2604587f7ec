/**
 * Runs Takt's TypeScript as plain JavaScript: esbuild bundles the named entry points (dependencies stay
 * imports from node_modules) into node_modules/.cache/takt/<fingerprint>/NAME.mjs, where the fingerprint
 * covers every source file's path, size and modification time, so a bundle is made once per change and is
 * never stale. Two processes starting at once each build into their own folder and the first rename wins.
 *
 * Used by `takt` (bin/takt.mjs, so `npm start`) and the benchmarks (bin/bench.mjs); the tests run the
 * sources through tsx. Why not tsx here: its loader hooks run off the main thread (module.register), and a
 * thread that has them runs V8's typed-array code much slower — on this project the demo schedule search took
 * 2.0–2.8 s in tsx workers against 1.3–2.0 s bundled or compiled for the same 385 iterations, and issue 5's
 * netting yardstick 53 ms against 37 ms.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export const root = dirname(dirname(fileURLToPath(import.meta.url)));
// test/helpers: the fuzzer, which a benchmark runs.
const SOURCE_DIRS = ["src", "solver", "api", "bench", "test/helpers"];
const CACHE = join(root, "node_modules", ".cache", "takt");
/** Bundles of older sources are deleted after this long (a server started from one may still be running). */
const KEEP_OLD_MS = 24 * 3600_000;

function addTree(hash, dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) addTree(hash, path);
    else if (entry.name.endsWith(".ts")) {
      const { size, mtimeMs } = statSync(path);
      hash.update(`${relative(root, path)}\0${size}\0${mtimeMs}\n`);
    }
  }
}

function fingerprint(entries) {
  const hash = createHash("sha256").update(JSON.stringify(entries));
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
 * The folder holding `NAME.mjs` for each entry of `entries` ({ NAME: path from the project root }) and
 * `worker.cjs` beside them (api/pool.ts looks for it there), bundled now if these sources have not been
 * bundled before.
 */
export async function bundle(entries) {
  const id = fingerprint(entries);
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
