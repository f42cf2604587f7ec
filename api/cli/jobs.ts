/**
 * `takt jobs list|get|cancel|submit`: the /v1/jobs API of a running server (`--url`, default $TAKT_URL or
 * http://127.0.0.1:3000; the bearer token from $TAKT_TOKEN), over fetch. Prints the server's JSON indented
 * (`list` prints a table and `cancel` one line unless --json; a reply over 32 MiB is printed as sent); the
 * exit code follows the HTTP status as for every command: 2 bad input, 3 wrong model, 1 failure.
 */
import { once } from "node:events";
import { parseArgs } from "node:util";
import { exitCodeFor, readJsonFile } from "./run-capability.ts";

const USAGE = "takt jobs list|get|cancel|submit … [--url URL]";
const DETAIL = "list [--status S] [--json] | get ID | cancel ID [--json] | submit KIND FILE.json [--wait]";

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
  help: `  list [--status S] [--json]    your jobs, newest first (all jobs for an admin token), as a table
  get ID                        the job with its result, as JSON
  cancel ID [--json]            stop a job: a queued one never runs, a running search returns its best plan so far;
                                prints one line (a finished job is left as it is, and says so)
  submit KIND FILE.json [--wait] queue FILE.json as a job of KIND (schedule, capacity, mrp, …); --wait: follow it
  --url URL                     the server [TAKT_URL]; default http://127.0.0.1:3000
A server started with tokens needs one: set TAKT_TOKEN. Exit codes: 0 done, 2 bad input or unauthorized, 3 wrong model, 1 failure.`,
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
          if (!first) break;
          return print(await call(base, "GET", `/v1/jobs/${encodeURIComponent(first)}`));
        case "cancel":
          if (!first) break;
          return cancel(base, first, values.json === true);
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

/**
 * Replies longer than this are printed as the server sent them instead of re-indented: a finished job can
 * carry a result of hundreds of MB (a 100k-item MRP plan is 347 MB), which as one indented string would pass
 * V8's string length limit, and which is only read by programs anyway.
 */
const INDENTED_MAX_BYTES = 32 << 20;

interface Reply {
  ok: boolean;
  status: number;
  /** The parsed JSON (or the text, when it is not JSON); undefined when the reply is left in `stream`. */
  body: unknown;
  /** A reply over INDENTED_MAX_BYTES, not read yet. */
  stream?: ReadableStream<Uint8Array>;
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<Reply> {
  const token = process.env.TAKT_TOKEN;
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (Number(res.headers.get("content-length")) > INDENTED_MAX_BYTES && res.body) return { ok: res.ok, status: res.status, body: undefined, stream: res.body };
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (a proxy's error page): print it as it came
  }
  return { ok: res.ok, status: res.status, body: parsed };
}

async function print(reply: Reply): Promise<number> {
  if (reply.stream) {
    for await (const chunk of reply.stream) if (!process.stdout.write(chunk)) await once(process.stdout, "drain");
    process.stdout.write("\n");
  } else process.stdout.write(typeof reply.body === "string" ? `${reply.body}\n` : `${JSON.stringify(reply.body, null, 2)}\n`);
  return reply.ok ? 0 : exitCodeFor(reply.status);
}

/**
 * Cancels a job and says in one line what became of it. A finished job is not touched (its result stays as
 * it is), which is not a failure: the job is stopped either way.
 */
async function cancel(base: string, id: string, json: boolean): Promise<number> {
  const path = `/v1/jobs/${encodeURIComponent(id)}`;
  const before = await call(base, "GET", path);
  if (!before.ok || before.stream) return before.ok ? finished(id, undefined) : print(before);
  if (FINISHED_STATUSES.includes((before.body as JobLine).status)) return json ? print(before) : finished(id, (before.body as JobLine).status);
  const after = await call(base, "DELETE", path);
  if (!after.ok || json || after.stream) return after.stream ? finished(id, undefined) : print(after);
  const job = after.body as JobLine;
  process.stdout.write(
    job.status === "running"
      ? `job ${id} is stopping: a search ends with its best plan so far (takt jobs get ${id})\n`
      : job.status === "cancelled"
        ? `job ${id} cancelled before it ran\n`
        : `job ${id} had just finished (${job.status}); nothing to cancel\n`,
  );
  return 0;
}

function finished(id: string, status: string | undefined): number {
  process.stdout.write(`job ${id} has already finished${status ? ` (${status})` : ""}; nothing to cancel\n`);
  return 0;
}

const FINISHED_STATUSES = ["done", "failed", "cancelled"];

/** Polls the job until it finishes, showing its status and elapsed time on stderr. */
async function follow(base: string, id: string): Promise<Reply> {
  for (;;) {
    const reply = await call(base, "GET", `/v1/jobs/${id}`);
    const job = reply.body as JobLine;
    // Only a finished job's reply (it carries the result) can be long enough to be left as a stream.
    if (!reply.ok || reply.stream || FINISHED_STATUSES.includes(job.status)) return reply;
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
