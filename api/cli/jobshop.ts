/**
 * `takt jobshop FILE [--time-limit S] [--seed N] [--workers K]`: benchmark mode. Reads an OR-Library job-shop
 * file or a Brandimarte `.fjs` flexible job-shop file, minimises the makespan with the job-shop search (N6 tabu
 * search around an elite pool, solver/jobshop/elite-search.ts) on the worker pool, and prints `{ instance, makespan, status, elapsedMs, operations }` (everything 0-based).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { JobShopInstance } from "../../solver/jobshop/instance.ts";
import { parseFjs } from "../../solver/jobshop/parse-fjs.ts";
import { parseOrLibrary } from "../../solver/jobshop/parse-orlib.ts";
import { toJobShopResponse } from "../../solver/jobshop/search-jobshop.ts";
import type { SearchResult } from "../../solver/schedule/search-problem.ts";
import { describeError } from "../errors.ts";
import { parallelSearch } from "../parallel-search.ts";
import { createSolverPool } from "../pool.ts";
import { BadRequestError } from "../request-validation.ts";
import { exitCodeFor } from "./run-capability.ts";

/** An instance file by its extension: `.fjs` is Brandimarte's format, anything else OR-Library's. */
export function readJobShopInstance(file: string): JobShopInstance {
  const name = basename(file).replace(/\.(txt|fjs|jss)$/, "");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new BadRequestError([{ path: "$", message: `cannot read ${file}: ${(error as Error).message}` }]);
  }
  try {
    return file.endsWith(".fjs") ? parseFjs(text, name) : parseOrLibrary(text, name);
  } catch (error) {
    throw new BadRequestError([{ path: "$", message: `${file}: ${(error as Error).message}` }]);
  }
}

export const jobshopCommand = {
  usage: "takt jobshop FILE [--time-limit 10] [--seed 1] [--workers K]",
  summary: "Benchmark mode: minimise the makespan of an OR-Library or Brandimarte (.fjs) instance",
  async run(args: string[]): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { "time-limit": { type: "string", default: "10" }, seed: { type: "string", default: "1" }, workers: { type: "string" } },
    });
    const file = positionals[0];
    if (!file) {
      process.stderr.write(`usage: ${this.usage}\n`);
      return 2;
    }
    const pool = createSolverPool();
    try {
      const instance = readJobShopInstance(file);
      const timeLimitSeconds = Number(values["time-limit"]);
      const seed = Number(values.seed);
      const workers = Number(values.workers ?? pool.threads);
      if (!(timeLimitSeconds > 0) || !Number.isInteger(seed) || !(Number.isInteger(workers) && workers > 0)) {
        throw new BadRequestError([{ path: "$", message: "--time-limit must be positive, --seed and --workers whole numbers" }]);
      }
      const outcome = await parallelSearch<SearchResult>(
        "jobshop-search",
        (s) => ({ instance, seed: s, timeLimitSeconds }),
        { seed, workers, timeLimitSeconds },
        { pool, onProgress: (report) => process.stderr.write(`progress ${JSON.stringify(report)}\n`) },
      );
      process.stdout.write(`${JSON.stringify(toJobShopResponse(instance, outcome.best, { elapsedMs: Math.round(outcome.elapsedMs) }))}\n`);
      return 0;
    } catch (error) {
      const described = describeError(error);
      process.stdout.write(`${JSON.stringify(described.body, null, 2)}\n`);
      return exitCodeFor(described.body.statusCode);
    } finally {
      await pool.close();
    }
  },
};
