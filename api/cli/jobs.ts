/**
 * `takt jobs list|get|cancel|submit`: the /v1/jobs API of a running server (`--url`, default $TAKT_URL or
 * http://127.0.0.1:3000), over fetch. Prints the server's JSON (`list` prints a table unless --json); the
 * exit code follows the HTTP status as for every command: 2 bad input, 3 wrong model, 1 failure.
 */
import { parseArgs } from "node:util";
import { exitCodeFor, readJsonFile } from "./run-capability.ts";

const USAGE = "takt jobs list|get|cancel|submit … [--url URL]";
const DETAIL = "list [--status S] [--json] | get ID | cancel ID | submit KIND FILE.json [--wait]";

interface JobLine {
  id: string;
  kind: string;
  status: string;
  createdAt: string;
  label?: string;
  scenario?: string;
  progress?: { elapsedMs: number };
}

export const jobsCommand = {
  usage: USAGE,
  summary: `Jobs on a running server (/v1/jobs; URL default $TAKT_URL or http://127.0.0.1:3000): ${DETAIL}`,
  async run(args: string[]): Promise<number> {
    const { positionals, values } = parseArgs({
      args,
      allowPositionals: true,
      options: { url: { type: "string" }, status: { type: "string" }, json: { type: "boolean" }, wait: { type: "boolean" } },
    });
    const base = (values.url ?? process.env.TAKT_URL ?? "http://127.0.0.1:3000").replace(/\/+$/, "");
    const [action, first, second] = positionals;
    try {
      switch (action) {
        case "list": {
          const query = values.status ? `?status=${encodeURIComponent(values.status)}` : "";
          const res = await call(base, "GET", `/v1/jobs${query}`);
          if (!res.ok || values.json) return print(res);
          process.stdout.write(formatList((res.body as { jobs: JobLine[] }).jobs));
          return 0;
        }
        case "get":
        case "cancel":
          if (!first) break;
          return print(await call(base, action === "get" ? "GET" : "DELETE", `/v1/jobs/${encodeURIComponent(first)}`));
        case "submit": {
          if (!first || !second) break;
          const accepted = await call(base, "POST", "/v1/jobs", { kind: first, input: await readJsonFile(second) });
          if (!accepted.ok || !values.wait) return print(accepted);
          return print(await follow(base, (accepted.body as { id: string }).id));
        }
      }
      process.stderr.write(`usage: takt jobs ${DETAIL} [--url URL]\n`);
      return 2;
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      process.stderr.write(`takt jobs: cannot reach ${base}${cause ? ` (${cause})` : ""}: ${(error as Error).message}\n`);
      return 1;
    }
  },
};

interface Reply {
  ok: boolean;
  status: number;
  body: unknown;
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (a proxy's error page): print it as it came
  }
  return { ok: res.ok, status: res.status, body: parsed };
}

function print(reply: Reply): number {
  process.stdout.write(typeof reply.body === "string" ? `${reply.body}\n` : `${JSON.stringify(reply.body, null, 2)}\n`);
  return reply.ok ? 0 : exitCodeFor(reply.status);
}

/** Polls the job until it finishes, showing its status and elapsed time on stderr. */
async function follow(base: string, id: string): Promise<Reply> {
  for (;;) {
    const reply = await call(base, "GET", `/v1/jobs/${id}`);
    const job = reply.body as JobLine;
    if (!reply.ok || ["done", "failed", "cancelled"].includes(job.status)) return reply;
    process.stderr.write(`job ${id}: ${job.status}${job.progress ? ` ${(job.progress.elapsedMs / 1000).toFixed(1)} s` : ""}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function formatList(jobs: JobLine[]): string {
  const rows = jobs.map((job) => [
    job.id,
    job.kind,
    job.status,
    job.scenario ?? job.label ?? "",
    job.createdAt.replace("T", " ").slice(0, 19),
    job.progress ? `${(job.progress.elapsedMs / 1000).toFixed(1)} s` : "",
  ]);
  const header = ["id", "kind", "status", "scenario/label", "created (UTC)", "run time"];
  const widths = header.map((_, c) => Math.max(...[header, ...rows].map((r) => r[c]!.length)));
  return `${[header, ...rows].map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd()).join("\n")}\n`;
}
