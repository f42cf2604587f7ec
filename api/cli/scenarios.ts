/**
 * `takt scenarios FILE.json [--json]`: runs a scenario batch locally, on a worker pool, through the same job
 * runner the server uses (with an in-memory store), shows progress on stderr and prints the comparison
 * table (or the GET /v1/scenarios/:id JSON with --json). FILE.json is the POST /v1/scenarios body, except
 * that `base` may also be a path to a JSON file, relative to FILE.json.
 */
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import { capabilities } from "../capabilities/index.ts";
import { describeError } from "../errors.ts";
import { JobRunner } from "../jobs/job-runner.ts";
import { FINISHED, JobStore } from "../jobs/job-store.ts";
import { SqliteJobs } from "../jobs/sqlite-jobs.ts";
import type { JsonBody } from "../json-body.ts";
import type { KpiDefinition, KpiValue } from "../jobs/kpis.ts";
import { comparableCapabilities, describeBatch, submitBatch, withKpis } from "../jobs/scenario-routes.ts";
import type { ScenarioComparison } from "../jobs/scenarios.ts";
import { createSolverPool } from "../pool.ts";
import { exitCodeFor, readJsonFile } from "./run-capability.ts";

const USAGE = "takt scenarios FILE.json [--json]";

export const scenariosCommand = {
  usage: USAGE,
  summary: "Run a what-if batch locally and print the KPI comparison (POST /v1/scenarios); --json: the raw result",
  async run(args: string[]): Promise<number> {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean" } } });
    const file = positionals[0];
    if (!file) {
      process.stderr.write(`usage: ${USAGE}\n`);
      return 2;
    }
    try {
      const { kind, comparison, batch } = await runBatch(await readBatchFile(file));
      process.stdout.write(values.json ? `${JSON.stringify(batch, null, 2)}\n` : formatComparison(kind, comparison!));
      return batch.scenarios.every((s) => s.status === "done") ? 0 : 1;
    } catch (error) {
      const described = describeError(error);
      if (described.log) process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
      process.stdout.write(`${JSON.stringify(described.body, null, 2)}\n`);
      return exitCodeFor(described.body.statusCode);
    }
  },
};

/** The batch's text, with `base` read from its file when it names one; a worker checks it (job-tasks.ts). */
async function readBatchFile(file: string): Promise<JsonBody> {
  const raw = await readJsonFile(file);
  if (raw !== null && typeof raw === "object" && typeof (raw as { base?: unknown }).base === "string") {
    (raw as { base: unknown }).base = await readJsonFile(resolve(dirname(file), (raw as { base: string }).base));
  }
  return { jsonChunks: [Buffer.from(JSON.stringify(raw), "utf8")] };
}

async function runBatch(request: JsonBody) {
  // Nobody else uses this pool: the batch may take every thread.
  const pool = createSolverPool({ reserveForRequests: false });
  const store = new JobStore(":memory:");
  const runner = new JobRunner({ store, pool, capabilities, maxRunningPerClient: pool.threads, maxQueued: Infinity });
  const jobs = new SqliteJobs(store, runner);
  try {
    const kinds = comparableCapabilities(capabilities).map((c) => c.command);
    const { id } = await submitBatch(jobs, pool, request, kinds, "cli", Infinity);
    const startedAt = Date.now();
    await new Promise<void>((done) => {
      const timer = setInterval(() => {
        const jobs = store.batch(id)!.jobs;
        const finished = jobs.filter((job) => FINISHED.has(job.status)).length;
        progressBar(finished, jobs.length, jobs.filter((job) => job.status === "running").map((job) => job.scenario ?? job.id), Date.now() - startedAt);
        if (finished === jobs.length) {
          clearInterval(timer);
          done();
        }
      }, 200);
    });
    const batch = describeBatch(await withKpis((await jobs.batch(id))!, jobs, pool));
    return { kind: batch.kind, comparison: batch.comparison, batch };
  } finally {
    await runner.close();
    await pool.close();
    store.close();
  }
}

let lastLine = "";
function progressBar(finished: number, total: number, running: string[], elapsedMs: number): void {
  const width = 24;
  const filled = Math.round((finished / total) * width);
  const line = `scenarios [${"#".repeat(filled)}${".".repeat(width - filled)}] ${finished}/${total} done${running.length ? `, running: ${running.join(", ")}` : ""}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line} ${(elapsedMs / 1000).toFixed(1)} s\x1b[K${finished === total ? "\n" : ""}`);
  else if (line !== lastLine) process.stderr.write(`${line}\n`);
  lastLine = line;
}

const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

function formatValue(value: KpiValue | undefined, definition: KpiDefinition): string {
  if (value === undefined) return "–";
  if (value === null) return definition.unit === "share" ? "unbounded" : "–";
  if (typeof value === "string") return value;
  return definition.unit === "share" ? `${(value * 100).toFixed(1)} %` : number.format(value);
}

function formatDifference(value: number | null | undefined, definition: KpiDefinition): string {
  if (value === null || value === undefined) return "";
  const magnitude = definition.unit === "share" ? `${Math.abs(value * 100).toFixed(1)} pp` : number.format(Math.abs(value));
  if (magnitude === "0" || magnitude === "0.0 pp") return " (=)";
  return ` (${value < 0 ? "−" : "+"}${magnitude})`;
}

/** The comparison as a text table: one row per KPI, one column per scenario, differences to the base in brackets. */
export function formatComparison(kind: string, comparison: ScenarioComparison): string {
  const header = [`${kind} KPI`, ...comparison.scenarios.map((s) => (s.status === "done" ? s.name : `${s.name} [${s.status}]`))];
  const rows = comparison.kpis.map((definition) => [
    definition.label,
    ...comparison.scenarios.map((s, i) => formatValue(s.values[definition.key], definition) + (i === 0 ? "" : formatDifference(s.vsBase[definition.key], definition))),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column]!.length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join("  ");
  return `${[line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n")}\n`;
}
