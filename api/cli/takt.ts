/**
 * The `takt` command line. Every API capability is a command reading a JSON file and printing JSON;
 * `takt serve` starts the HTTP API.
 */
import { parseArgs } from "node:util";
import { capabilities } from "../capabilities/index.ts";
import { serve } from "../server.ts";
import { jobsCommand } from "./jobs.ts";
import { jobshopCommand } from "./jobshop.ts";
import { runCapabilityCommand } from "./run-capability.ts";
import { scenariosCommand } from "./scenarios.ts";

interface Command {
  usage: string;
  summary: string;
  run(args: string[]): Promise<number | undefined>;
}

const commands = new Map<string, Command>();

commands.set("serve", {
  usage: "takt serve [--host 127.0.0.1] [--port 3000] [--threads N] [--thread-memory-mb MB] [--body-limit-mb 100] [--db FILE]",
  summary: "Start the HTTP API (docs at /docs); jobs are kept in --db (default .takt/jobs.sqlite)",
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        threads: { type: "string" },
        "thread-memory-mb": { type: "string" },
        "body-limit-mb": { type: "string" },
        db: { type: "string" },
      },
    });
    const threadMemoryMb = values["thread-memory-mb"] ?? process.env.TAKT_THREAD_MEMORY_MB;
    const limitMb = values["body-limit-mb"] ?? process.env.TAKT_BODY_LIMIT_MB;
    const threads = values.threads ?? process.env.TAKT_THREADS;
    await serve({
      host: values.host ?? process.env.HOST ?? "127.0.0.1",
      port: Number(values.port ?? process.env.PORT ?? 3000),
      ...(limitMb ? { bodyLimitBytes: Number(limitMb) * 1024 * 1024 } : {}),
      ...(threads ? { threads: Number(threads) } : {}),
      ...(threadMemoryMb ? { threadMemoryMb: Number(threadMemoryMb) } : {}),
      // Jobs and their results persist in this SQLite file across restarts (.takt/ is git-ignored).
      jobsDatabasePath: values.db ?? process.env.TAKT_JOBS_DB ?? ".takt/jobs.sqlite",
    });
    return undefined; // keeps running
  },
});

for (const capability of capabilities) {
  const flags = Object.entries(capability.cliFlags ?? {});
  const usage = `takt ${capability.command} FILE.json${flags.map(([flag]) => ` [--${flag}]`).join("")}`;
  commands.set(capability.command, {
    usage,
    summary: `${capability.summary} (POST ${capability.url})${flags.map(([flag, f]) => `; --${flag}: ${f.description}`).join("")}`,
    async run(args) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: Object.fromEntries(flags.map(([flag]) => [flag, { type: "boolean" as const }])),
      });
      const file = positionals[0];
      if (!file) throw new UsageError(`usage: ${usage}`);
      const chosen = flags.filter(([flag]) => values[flag] === true);
      return runCapabilityCommand(capability, file, chosen.length === 0 ? undefined : (body) => chosen.forEach(([, f]) => f.apply(body)));
    },
  });
}

commands.set("jobshop", jobshopCommand);
commands.set("scenarios", scenariosCommand);
commands.set("jobs", jobsCommand);

class UsageError extends Error {}

function help(): string {
  const width = Math.max(...[...commands.values()].map((c) => c.usage.length));
  const lines = [...commands.values()].map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`);
  return `Takt: production scheduling and MRP for make-to-order factories.\n\nUsage:\n${lines.join("\n")}\n  takt --help\n\nEach FILE.json command prints the same JSON as its API route; exit code 2 = bad input, 3 = wrong model (422), 1 = failure.\n`;
}

async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(help());
    return 0;
  }
  const command = commands.get(name);
  if (!command) {
    process.stderr.write(`takt: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`takt: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}

// `takt mrp plan.json | head`: a reader that stops early is not a failure of ours; stop writing, quietly.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

const code = await main(process.argv.slice(2));
if (code !== undefined) process.exitCode = code;
