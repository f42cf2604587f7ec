/**
 * The `takt` command line. Every API capability is a command reading a JSON file and printing JSON;
 * `takt serve` starts the HTTP API.
 */
import { parseArgs } from "node:util";
import { capabilities } from "../capabilities/index.ts";
import { VERSION } from "../app.ts";
import { StartupError } from "../server.ts";
import { UsageError } from "./flags.ts";
import { jobsCommand } from "./jobs.ts";
import { jobshopCommand } from "./jobshop.ts";
import { runCapabilityCommand } from "./run-capability.ts";
import { scenariosCommand } from "./scenarios.ts";
import { serveCommand } from "./serve.ts";
import { spreadsheetCommands } from "./spreadsheet-commands.ts";
import { workerCommand } from "./worker.ts";

interface Command {
  usage: string;
  summary: string;
  /** More than the summary, for `takt COMMAND --help`: options and what they do. */
  help?: string;
  run(args: string[]): Promise<number | undefined>;
}

const commands = new Map<string, Command>();

commands.set("serve", serveCommand);
commands.set("worker", workerCommand);

for (const capability of capabilities) {
  const flags = Object.entries(capability.cliFlags ?? {});
  const usage = `takt ${capability.command} FILE.json${flags.map(([flag]) => ` [--${flag}]`).join("")}`;
  commands.set(capability.command, {
    usage,
    summary: `${capability.summary} (POST ${capability.url})`,
    help:
      `FILE.json is the body of POST ${capability.url}; the same JSON the route answers is printed (progress on stderr).\n` +
      flags.map(([flag, f]) => `  --${flag}  ${f.description}\n`).join("") +
      "Exit codes: 0 done, 2 bad input (the API's 400), 3 wrong model (422), 1 failure.",
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
for (const [name, command] of spreadsheetCommands) commands.set(name, command);

/** Help fits a terminal: `text`'s words in lines of at most WIDTH characters, each indented by `indent`. */
const WIDTH = 100;
function wrap(text: string, indent: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > WIDTH) {
      lines.push(indent + line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  return [...lines, indent + line].join("\n");
}

function help(): string {
  const lines = [...commands.values()].map((c) => `${wrap(c.usage, "  ")}\n${wrap(c.summary, "      ")}`);
  return (
    `Takt ${VERSION}: production scheduling and MRP for make-to-order factories.\n\nUsage:\n${lines.join("\n")}\n  takt --help | takt COMMAND --help | takt --version\n\n` +
    `${wrap("Each FILE.json command prints the same JSON as its API route; exit code 2 = bad input, 3 = wrong model (422), 1 = failure.", "")}\n`
  );
}

async function main(argv: string[]): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(help());
    return 0;
  }
  if (name === "--version" || name === "-v") {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  const command = commands.get(name);
  if (!command) {
    process.stderr.write(`takt: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    process.stdout.write(`Usage: ${command.usage}\n\n${command.summary}\n${command.help ? `\n${command.help}\n` : ""}`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    // A mistake of the user's (a flag, a setting, a port in use): one line, no stack.
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`takt ${name}: ${(error as Error).message} (takt ${name} --help)\n`);
      return 2;
    }
    if (error instanceof StartupError) {
      process.stderr.write(`takt ${name}: ${error.message}\n`);
      return 1;
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
