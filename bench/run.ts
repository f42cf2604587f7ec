/**
 * `npm run bench [-- NAME…]`: runs every `bench/*.bench.ts` (or those whose name contains one of NAMEs)
 * and prints one tinybench table per file. Each file exports `register(bench)` adding its tasks.
 */
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

for (const file of files) {
  const module = (await import(pathToFileURL(join(here, file)).href)) as { register(bench: Bench): void | Promise<void> };
  // Few warm-up rounds: some tasks (a 31k-variable LP, a 100k-item MRP) take seconds each.
  const bench = new Bench({ name: file, time: 1000, iterations: 5, warmupIterations: 1, warmupTime: 0 });
  await module.register(bench);
  await bench.run();
  console.log(`\n## ${file}`);
  console.table(bench.table());
}
