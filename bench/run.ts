/**
 * `npm run bench [-- NAME…]`: runs every `bench/*.bench.ts` (or those whose name contains one of NAMEs)
 * and prints one tinybench table per file. Each file exports `register(bench)` adding its tasks.
 *
 * Each file runs in a process of its own: once anything in a process detaches an ArrayBuffer (HiGHS's
 * WebAssembly memory growing, fetch's byte streams), V8 compiles typed-array code there more cautiously
 * and it runs 25–40 % slower — one file's tasks would slow the files after it.
 */
import { fork } from "node:child_process";
import { once } from "node:events";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Bench } from "tinybench";

const here = dirname(fileURLToPath(import.meta.url));
const filters = process.argv.slice(2);
const files = readdirSync(here)
  // .bench.mjs when bin/bench.mjs runs them bundled
  .filter((f) => /\.bench\.m?[jt]s$/.test(f))
  .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
  .sort();

async function runHere(file: string): Promise<void> {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { register(bench: Bench): void | Promise<void> };
  // Few warm-up rounds: some tasks (a 31k-variable LP, a 100k-item MRP) take seconds each.
  const bench = new Bench({ name: file, time: 1000, iterations: 5, warmupIterations: 1, warmupTime: 0 });
  await module.register(bench);
  await bench.run();
  console.log(`\n## ${file}`);
  console.table(bench.table());
}

if (files.length === 1) await runHere(files[0]!);
else {
  for (const file of files) {
    const [code] = (await once(fork(fileURLToPath(import.meta.url), [file], { stdio: "inherit" }), "exit")) as [number | null];
    if (code !== 0) throw new Error(`the ${file} benchmarks exited with ${code}`);
  }
}
