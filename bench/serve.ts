/**
 * `takt serve` in a process of its own, as users run it, for the benchmarks that talk HTTP to it (its worker
 * threads in the benchmark's own process would also slow the benchmark: V8 runs typed-array code more
 * cautiously in a process that has started workers), and what they measure about it.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** bin/takt.mjs of this project, found upwards from this module (which may run from the benchmarks' bundle in dist-bench/). */
export function takt(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "bin", "takt.mjs"))) return join(dir, "bin", "takt.mjs");
  }
  throw new Error("bin/takt.mjs not found above the benchmark");
}

export interface Server {
  /** `http://127.0.0.1:PORT` */
  url: string;
  pid: number;
  close(): Promise<void>;
}

/** `takt serve` on a free port with `args` (e.g. `--threads 1`); resolves once it listens. */
export async function listeningServer(args: string[] = []): Promise<Server> {
  const child = spawn(process.execPath, [takt(), "serve", "--port", "0", ...args], { stdio: ["ignore", "ignore", "pipe"] });
  let said = "";
  const address = await new Promise<string>((resolve, reject) => {
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      said += text;
      const listening = /listening on (http:\/\/\S+)/.exec(said);
      if (listening) resolve(listening[1]!);
    });
    child.once("exit", (code) => reject(new Error(`takt serve exited with ${code}: ${said}`)));
  });
  return {
    url: address,
    pid: child.pid!,
    close: async () => {
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** CPU time, resident and peak resident memory of another process, from /proc (Linux). */
export function processUsage(pid: number): { cpuMs: number; rssMb: number; peakRssMb: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks of 10 ms
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { cpuMs: ticks * 10, rssMb: Math.round(kb("VmRSS") / 1024), peakRssMb: Math.round(kb("VmHWM") / 1024) };
}

/**
 * Sends a request and reads the answer to its end without keeping it; the status, the bytes read, and the
 * milliseconds from sending to the last byte. node:http, not fetch: fetch reads bodies through web byte
 * streams, which transfer (detach) each chunk's buffer, and after that V8 runs the other tasks' typed-array
 * loops in this process 25–40 % slower.
 */
export function send(
  url: string,
  body?: string,
  method = body === undefined ? "GET" : "POST",
  headers: Record<string, string> = {},
): Promise<{ status: number; bytes: number; ms: number; text: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers: body === undefined ? headers : { "content-type": "application/json", ...headers } }, (response) => {
      let bytes = 0;
      // The first 64 KiB are kept: enough for an error or a job's id, never a whole plan.
      const head: Buffer[] = [];
      response.on("data", (chunk: Buffer) => {
        if (bytes < 65_536) head.push(chunk);
        bytes += chunk.byteLength;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, bytes, ms: performance.now() - started, text: Buffer.concat(head).toString("utf8") }));
      response.on("error", reject);
    });
    request.on("error", reject);
    request.end(body);
  });
}
