/**
 * The workbench talks to Takt's own API (same origin): synchronous routes for quick answers, jobs for
 * anything that searches, followed on the job's server-sent event stream (`/v1/jobs/:id/events`) so a
 * progress bar can move and a Stop button can end the search with its best plan so far.
 *
 * Every call goes through fetch, the event stream too (read with eventsource-parser): a Takt serving
 * bearer tokens wants `Authorization` on every /v1 request, which the browser's EventSource cannot send.
 * The token is kept for the tab (sessionStorage): a reload keeps it, closing the tab forgets it.
 */
import { createParser } from "eventsource-parser";

/** An API error as the server describes it: `{ statusCode, code, message, problems? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: ReadonlyArray<{ path: string; message: string }> = [],
  ) {
    super(message);
  }
}

const TOKEN_KEY = "takt-token";
const tokenListeners = new Set<() => void>();
let tokenRefused = false;

/** The bearer token for /v1, if this Takt wants one and the planner gave it. */
export function token(): string | null {
  return sessionStorage.getItem(TOKEN_KEY);
}

export function setToken(value: string | null): void {
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  else sessionStorage.removeItem(TOKEN_KEY);
  tokenRefused = false;
  tokenListeners.forEach((listener) => listener());
}

/** Whether the server answered 401 since the token was last set: the header then asks for one. */
export function needsToken(): boolean {
  return tokenRefused;
}

/** Called whenever needsToken() or the token changes. */
export function onTokenChange(listener: () => void): () => void {
  tokenListeners.add(listener);
  return () => void tokenListeners.delete(listener);
}

function headers(extra: Record<string, string> = {}): Record<string, string> {
  const bearer = token();
  return bearer ? { ...extra, authorization: `Bearer ${bearer}` } : extra;
}

async function errorOf(response: Response): Promise<ApiError> {
  if (response.status === 401) {
    tokenRefused = true;
    tokenListeners.forEach((listener) => listener());
  }
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string; problems?: Array<{ path: string; message: string }> };
  return new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? response.statusText, body.problems ?? []);
}

async function call(url: string, init: RequestInit & { headers?: Record<string, string> }): Promise<Response> {
  const response = await fetch(url, { ...init, headers: headers(init.headers) });
  if (!response.ok) throw await errorOf(response);
  return response;
}

export async function requestJson<T>(method: "GET" | "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
  const response = await call(url, { method, ...(body === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }) });
  return (await response.json()) as T;
}

export const postJson = <T>(url: string, body: unknown): Promise<T> => requestJson<T>("POST", url, body);

/** A job's progress report: elapsed time and, for searches, the solver's report (iterations, best objective). */
export interface JobProgress {
  elapsedMs: number;
  report?: { iterations?: number; bestObjective?: number[]; [key: string]: unknown };
}

export type JobStatus = "queued" | "running" | "done" | "failed" | "cancelled";

export interface JobOutcome<T> {
  status: JobStatus;
  /** done, or cancelled while running: the capability's answer (a stopped search: its best plan so far). */
  result?: T;
  error?: { code?: string; message?: string; problems?: Array<{ path: string; message: string }> };
}

export interface RunningJob<T> {
  id: string;
  /** Asks the server to stop: a search ends `cancelled` with its best plan so far in `result`. */
  stop(): Promise<void>;
  outcome: Promise<JobOutcome<T>>;
}

const FINISHED: ReadonlySet<string> = new Set(["done", "failed", "cancelled"]);

/** Reads a server-sent event stream until it ends or `onEvent` says it has seen enough. */
async function readEvents(url: string, onEvent: (event: string, data: string) => boolean): Promise<void> {
  const response = await call(url, { headers: { accept: "text/event-stream" } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let enough = false;
  const parser = createParser({ onEvent: (message) => void (enough ||= onEvent(message.event ?? "message", message.data)) });
  while (!enough) {
    const { value, done } = await reader.read();
    if (done) return;
    parser.feed(value);
  }
  await reader.cancel();
}

/**
 * Follows a job until it finishes: its event stream while that lasts, then the stored job with its result.
 * A stream that ends early (the service restarting, a proxy cutting it) is opened again a moment later.
 */
export function followJob<T>(id: string, onProgress: (progress: JobProgress) => void): RunningJob<T> {
  const path = `/v1/jobs/${encodeURIComponent(id)}`;
  const outcome = (async () => {
    for (;;) {
      await readEvents(`${path}/events`, (event, data) => {
        if (event === "progress") onProgress(JSON.parse(data) as JobProgress);
        if (event !== "status") return false;
        const job = JSON.parse(data) as { status: string; progress?: JobProgress };
        if (job.progress) onProgress(job.progress);
        return FINISHED.has(job.status);
      }).catch((error: unknown) => {
        if (error instanceof ApiError) throw error; // 401, 404: no use trying again
      });
      const job = await requestJson<JobOutcome<T>>("GET", path);
      if (FINISHED.has(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  return { id, outcome, stop: async () => void (await requestJson("DELETE", path)) };
}

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** POSTs `body` as JSON and saves the file the server answers (its name from Content-Disposition). */
export async function downloadFile(url: string, body: unknown, accept: string, fallbackName: string): Promise<void> {
  const response = await call(url, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify(body) });
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Sends a file's bytes as they are (a workbook to /v1/import) and reads the JSON answer. */
export async function postFile<T>(url: string, file: Blob, contentType: string): Promise<T> {
  const response = await call(url, { method: "POST", headers: { "content-type": contentType }, body: file });
  return (await response.json()) as T;
}
