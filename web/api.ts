/**
 * The workbench talks to Takt's own API (same origin): synchronous routes for quick answers, jobs for
 * anything that searches, followed on the job's server-sent event stream (`/v1/jobs/:id/events`) so a
 * progress bar can move and a Stop button can end the search with its best plan so far.
 */

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

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string; problems?: Array<{ path: string; message: string }> };
  return new ApiError(response.status, body.code ?? `HTTP_${response.status}`, body.message ?? response.statusText, body.problems ?? []);
}

export async function requestJson<T>(method: "GET" | "POST" | "DELETE", url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw await errorOf(response);
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

/** Follows a job until it finishes: its event stream while that lasts, then its stored result. */
export function followJob<T>(id: string, onProgress: (progress: JobProgress) => void): RunningJob<T> {
  const outcome = new Promise<JobOutcome<T>>((resolve, reject) => {
    const events = new EventSource(`/v1/jobs/${encodeURIComponent(id)}/events`);
    const finish = () => {
      events.close();
      requestJson<JobOutcome<T>>("GET", `/v1/jobs/${encodeURIComponent(id)}`).then(resolve, reject);
    };
    events.addEventListener("progress", (event) => onProgress(JSON.parse((event as MessageEvent<string>).data) as JobProgress));
    events.addEventListener("status", (event) => {
      const job = JSON.parse((event as MessageEvent<string>).data) as { status: string; progress?: JobProgress };
      if (job.progress) onProgress(job.progress);
      if (FINISHED.has(job.status)) finish();
    });
    // The service is stopping (the job resumes after its restart) or the stream was refused: ask for the job
    // itself; a finished one is the answer, an unfinished one is followed again a moment later.
    const lookAgain = () => {
      events.close();
      requestJson<JobOutcome<T>>("GET", `/v1/jobs/${encodeURIComponent(id)}`).then((job) => {
        if (FINISHED.has(job.status)) resolve(job);
        else setTimeout(() => followJob<T>(id, onProgress).outcome.then(resolve, reject), 1000);
      }, reject);
    };
    events.addEventListener("shutdown", lookAgain);
    events.onerror = () => {
      if (events.readyState === EventSource.CLOSED) lookAgain();
    };
  });
  return { id, outcome, stop: async () => void (await requestJson("DELETE", `/v1/jobs/${encodeURIComponent(id)}`)) };
}

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** POSTs `body` as JSON and saves the file the server answers (its name from Content-Disposition). */
export async function downloadFile(url: string, body: unknown, accept: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", accept }, body: JSON.stringify(body) });
  if (!response.ok) throw await errorOf(response);
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? fallbackName;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(await response.blob());
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** Sends a file's bytes as they are (a workbook to /v1/import) and reads the JSON answer. */
export async function postFile<T>(url: string, file: Blob, contentType: string): Promise<T> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": contentType }, body: file });
  if (!response.ok) throw await errorOf(response);
  return (await response.json()) as T;
}
