/**
 * Long work as a job: submit, follow its event stream into a progress bar, stop it (a search then answers
 * with its best plan so far). One hook and one bar for every view that runs a capability.
 */
import { useEffect, useState } from "preact/hooks";
import type { JobOutcome, JobProgress } from "../api.ts";
import { ApiError, followJob, postJson } from "../api.ts";
import { formatNumber } from "../format.ts";
import type { Translate } from "../i18n.ts";
import type { JobPurpose } from "../store.ts";
import { getState, update } from "../store.ts";

export interface Job {
  running: boolean;
  progress: JobProgress | null;
  error: ApiError | null;
  /** Submits `input` as a job of `kind` (a capability: schedule, capacity, insert, review). */
  run(kind: string, input: unknown): Promise<void>;
  stop(): void;
}

interface Tracked {
  running: boolean;
  progress: JobProgress | null;
  error: ApiError | null;
  stop(): void;
}

// Jobs are followed here, not in the views: a view may be left and come back (or the page reloaded, the
// job id being kept in the state) while its job runs, and finds it still followed.
const tracked = new Map<JobPurpose, Tracked>();
const handlers = new Map<JobPurpose, (outcome: JobOutcome<unknown>) => void>();
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((listener) => listener());

function setRunning(purpose: JobPurpose, id: string | null): void {
  update((s) => {
    const { [purpose]: _finished, ...others } = s.runningJobs;
    return { runningJobs: id === null ? others : { ...others, [purpose]: id } };
  });
}

function track(purpose: JobPurpose, id: string): void {
  const entry: Tracked = { running: true, progress: { elapsedMs: 0 }, error: null, stop: () => undefined };
  const job = followJob<unknown>(id, (progress) => {
    entry.progress = progress;
    notify();
  });
  entry.stop = () => void job.stop();
  tracked.set(purpose, entry);
  setRunning(purpose, id);
  job.outcome
    .then((outcome) => {
      if (outcome.status === "failed" || outcome.result === undefined) {
        const e = outcome.error;
        entry.error = new ApiError(0, e?.code ?? outcome.status, e?.message ?? outcome.status, e?.problems ?? []);
      }
      handlers.get(purpose)?.(outcome);
    })
    .catch((caught: unknown) => {
      entry.error = caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", String((caught as Error).message));
    })
    .finally(() => {
      entry.running = false;
      setRunning(purpose, null);
      notify();
    });
  notify();
}

/** The job of a view's `purpose`; `onOutcome` gets it finished (done, cancelled with a best plan, or failed). */
export function useJob<T>(purpose: JobPurpose, onOutcome: (outcome: JobOutcome<T>) => void): Job {
  handlers.set(purpose, onOutcome as (outcome: JobOutcome<unknown>) => void);
  const [, setVersion] = useState(0);
  useEffect(() => {
    const listener = () => setVersion((v) => v + 1);
    listeners.add(listener);
    const kept = getState().runningJobs[purpose];
    if (kept && !tracked.get(purpose)?.running) track(purpose, kept);
    return () => void listeners.delete(listener);
  }, [purpose]);
  const entry = tracked.get(purpose);
  return {
    running: entry?.running ?? false,
    progress: entry?.progress ?? null,
    error: entry?.error ?? null,
    async run(kind, input) {
      try {
        const accepted = await postJson<{ id: string }>("/v1/jobs", { kind, input, options: { label: "workbench" } });
        track(purpose, accepted.id);
      } catch (caught) {
        tracked.set(purpose, { running: false, progress: null, error: caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", String((caught as Error).message)), stop: () => undefined });
        notify();
      }
    },
    stop: () => entry?.stop(),
  };
}

/**
 * The bar: elapsed time against the expected time (the search's time limit), never full before the end;
 * for searches the iterations and the search's best lateness score so far. The score is not the plan's weighted
 * tardiness KPI: it counts minutes past each order's due-date buffer and again past its due date (objective.ts).
 */
export function JobProgressBar({ job, expectedMs, t, testId }: { job: Job; expectedMs: number; t: Translate; testId?: string }) {
  const elapsed = job.progress?.elapsedMs ?? 0;
  const share = job.running ? Math.min(elapsed / expectedMs, 0.99) : job.progress ? 1 : 0;
  const report = job.progress?.report;
  return (
    <div class="job-progress" aria-live="polite">
      <progress data-testid={testId} max={100} value={Math.round(share * 100)} aria-label={t("job.progress")} />
      <span class="muted">
        {job.running ? t("job.running", { seconds: (elapsed / 1000).toFixed(1) }) : job.progress ? t("job.finished", { seconds: (elapsed / 1000).toFixed(1) }) : ""}
        {report?.iterations !== undefined && ` · ${t("job.iterations", { count: formatNumber(report.iterations, t.lang) })}`}
        {report?.bestObjective?.[0] !== undefined && ` · ${t("job.best", { value: formatNumber(report.bestObjective[0], t.lang) })}`}
      </span>
      {job.running && (
        <button type="button" data-testid="stop" onClick={() => job.stop()}>
          {t("job.stop")}
        </button>
      )}
      {job.error && <ErrorBox error={job.error} t={t} />}
    </div>
  );
}

export function ErrorBox({ error, t }: { error: ApiError; t: Translate }) {
  return (
    <div class="error" role="alert">
      <b>{t("error.title")}</b> {error.message} <code>{error.code}</code>
      {error.problems.length > 0 && (
        <ul>
          {error.problems.slice(0, 20).map((p) => (
            <li key={p.path + p.message}>
              <code>{p.path}</code> {p.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
