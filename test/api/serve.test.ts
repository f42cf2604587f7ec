/**
 * `takt serve` as a user starts it, in real processes: flags checked in one line, refusals that say why,
 * the banner telling the truth, and one server per job store.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, realpathSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { capabilities } from "../../api/capabilities/index.ts";
import { takt, taktBin, taktWith } from "../helpers/cli.ts";

const TOKENS = "alice:alice-token-0123456789,root:root-token-0123456789:admin";
const running: ChildProcess[] = [];
afterAll(async () => {
  for (const child of running) if (child.exitCode === null) child.kill("SIGKILL");
});

/** Starts `takt serve`; resolves when it prints its banner (with the banner) or exits (with its code and output). */
async function serve(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  const child = spawn(process.execPath, [taktBin, "serve", "--threads", "1", ...args], {
    env: { ...process.env, ...options.env },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  running.push(child);
  let stderr = "";
  child.stdout.resume();
  return new Promise<{ child: ChildProcess; banner?: string; code?: number; stderr: string }>((resolve) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      // The banner ends with the curl example and a blank line.
      if (/Try it:.*\n\n/.test(stderr)) resolve({ child, banner: stderr, stderr });
    });
    child.once("exit", (code) => resolve({ child, code: code ?? -1, stderr }));
  });
}

async function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM"): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, "exit");
  child.kill(signal);
  await exited;
}

const urlOf = (banner: string) => /listening on (http:\/\/\S+)/.exec(banner)![1]!;
const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe("takt COMMAND --help", () => {
  it.each(["serve", "jobs", "jobshop", "scenarios", ...capabilities.map((c) => c.command)])("takt %s --help prints its usage and exits 0", async (command) => {
    const { code, stdout, stderr } = await takt(command, "--help");
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toContain(`Usage: takt ${command}`);
  });

  it("documents every serve flag", async () => {
    const { stdout } = await takt("serve", "-h");
    for (const flag of ["--host", "--port", "--db", "--redis", "--workers", "--token-file", "--insecure", "--cors-origin", "--request-timeout", "--headers-timeout", "--idle-timeout", "--keep-alive-timeout"]) {
      expect(stdout).toContain(flag);
    }
  });
});

describe("takt serve refuses bad settings in one line (exit 2)", () => {
  it.each([
    [["--port", "abc"], {}, '--port must be a whole number from 0 to 65,535, not "abc"'],
    [["--port", "70000"], {}, '--port must be a whole number from 0 to 65,535, not "70000"'],
    [[], { PORT: "http" }, 'PORT must be a whole number from 0 to 65,535, not "http"'],
    [["--threads", "0"], {}, "--threads must be a whole number from 1"],
    [["--request-timeout", "soon"], {}, '--request-timeout must be a number of seconds from 0 (none) to 86,400, not "soon"'],
    [["--headers-timeout", "60", "--request-timeout", "30"], {}, "--headers-timeout must not exceed --request-timeout"],
    [["--cors-origin", "*"], {}, '--cors-origin: "*" is not a web origin'],
    [["--cors-origin", "https://erp.example.com/app"], {}, '--cors-origin: "https://erp.example.com/app" is not a web origin'],
    [["--token-file", "/no/such/tokens.txt"], {}, "cannot read the token file /no/such/tokens.txt: ENOENT"],
    [[], { TAKT_TOKENS: "alice:short" }, 'TAKT_TOKENS entry 1: the token of "alice" is shorter than 16 characters'],
    [["--frobnicate"], {}, "Unknown option '--frobnicate'"],
    [["--redis", "http://127.0.0.1:6379"], {}, '--redis must be a Redis URL such as redis://127.0.0.1:6379, not "http://127.0.0.1:6379"'],
    [[], { TAKT_REDIS_URL: "localhost" }, 'TAKT_REDIS_URL must be a Redis URL such as redis://127.0.0.1:6379, not "localhost"'],
    [["--workers", "2"], {}, "--workers needs --redis"],
  ])("%j %j", async (args, env, message) => {
    const { code, stdout, stderr } = await taktWith(env as Record<string, string>, "serve", ...(args as string[]));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(stderr).toContain(`takt serve: ${message}`);
    noStack(stderr);
  });
});

describe("takt worker refuses bad settings in one line (exit 2)", () => {
  it.each([
    [[], "--redis URL is required"],
    [["--redis", "redis://127.0.0.1:6379", "--concurrency", "0"], "--concurrency must be a whole number from 1 to 256"],
    [["--redis", "redis://127.0.0.1:6379", "--lock-seconds", "0"], "--lock-seconds must be a number of seconds above 0"],
  ])("%j", async (args, message) => {
    const { code, stderr } = await taktWith({ TAKT_REDIS_URL: "" }, "worker", ...args);
    expect(code).toBe(2);
    expect(stderr).toContain(`takt worker: ${message}`);
    noStack(stderr);
  });
});

describe("takt serve refusing to start (exit 1)", () => {
  it("says in one line that the port is in use, before creating the job store", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: "127.0.0.1", port: 0 }, resolve));
    const { port } = blocker.address() as AddressInfo;
    const db = join(mkdtempSync(join(tmpdir(), "takt-serve-")), "store", "jobs.sqlite");
    try {
      const result = await serve(["--port", String(port), "--db", db]);
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(`takt serve: port ${port} on 127.0.0.1 is already in use (another takt serve?); choose another with --port\n`);
      expect(existsSync(db)).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it("says in one line why the job store cannot be opened", async () => {
    const dir = mkdtempSync(join(tmpdir(), "takt-serve-"));
    const notADatabase = join(dir, "notes.txt");
    writeFileSync(notADatabase, "not a database, but long enough to be read as one: ".repeat(40));
    for (const [db, reason] of [
      [join(notADatabase, "jobs.sqlite"), "(ENOTDIR|EEXIST)"],
      [notADatabase, "file is not a database"],
    ] as const) {
      const result = await serve(["--port", "0", "--db", db]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^takt serve: cannot open the job store ${db}: .*${reason}.* \\(--db\\)\n$`));
    }
  });

  it("will not serve every interface without tokens, unless --insecure; the banner shows the real address", async () => {
    const refused = await serve(["--host", "0.0.0.0", "--port", "0"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^takt serve: refusing to serve 0\.0\.0\.0 without tokens: .*--insecure.*\n$/);

    const insecure = await serve(["--host", "0.0.0.0", "--port", "0", "--insecure", "--db", join(mkdtempSync(join(tmpdir(), "takt-serve-")), "jobs.sqlite")]);
    expect(insecure.banner).toMatch(/listening on http:\/\/0\.0\.0\.0:\d+ \(every interface\)/);
    expect(insecure.banner).toContain("OPEN to anyone who can reach it");
    await stop(insecure.child);

    const withTokens = await serve(["--host", "0.0.0.0", "--port", "0", "--db", join(mkdtempSync(join(tmpdir(), "takt-serve-")), "jobs.sqlite")], { env: { TAKT_TOKENS: TOKENS } });
    expect(withTokens.banner).toContain("bearer tokens of 2 client(s), 1 admin(s)");
    const port = new URL(urlOf(withTokens.banner!)).port;
    expect((await fetch(`http://127.0.0.1:${port}/v1/jobs`)).status).toBe(401);
    expect((await fetch(`http://127.0.0.1:${port}/v1/jobs`, { headers: { authorization: "Bearer root-token-0123456789" } })).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    await stop(withTokens.child);
  });
});

describe("one server per job store", () => {
  it("prints the default store's absolute path, refuses a second server on it, and frees it when the first dies", async () => {
    const cwd = realpathSync(mkdtempSync(join(tmpdir(), "takt-serve-")));
    const first = await serve(["--port", "0"], { cwd });
    const store = join(cwd, ".takt", "jobs.sqlite");
    expect(first.banner).toContain(`Job store: ${store}\n`);

    const second = await serve(["--port", "0", "--db", store]);
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`takt serve: the job store ${store} is in use by another Takt server (one server per job store); stop it, or give this one its own --db\n`);

    // A crash leaves no stale lock: the operating system drops it with the process.
    await stop(first.child, "SIGKILL");
    const third = await serve(["--port", "0", "--db", store]);
    expect(third.banner, third.stderr).toContain(`Job store: ${store}\n`);
    await stop(third.child);
  });
});
