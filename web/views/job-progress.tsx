/**
 * Long work as a job: submit, follow its event stream into a progress bar, stop it (a search then answers
 * with its best plan so far). One hook and one bar for every view that runs a capability.
 */
import { useRef, useState } from "preact/hooks";
import type { JobOutcome, JobProgress, RunningJob } from "../api.ts";
import { ApiError, startJob } from "../api.ts";
import { formatNumber } from "../format.ts";
import type { Translate } from "../i18n.ts";

export interface Job<T> {
  running: boolean;
  progress: JobProgress | null;
  error: ApiError | null;
  /** Runs `kind` on `input`; `onOutcome` gets the finished job (done, cancelled with a best plan, or failed). */
  run(kind: string, input: unknown, onOutcome: (outcome: JobOutcome<T>) => void): Promise<void>;
  stop(): void;
}

export function useJob<T>(): Job<T> {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<JobProgress | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const current = useRef<RunningJob<T> | null>(null);
  return {
    running,
    progress,
    error,
    async run(kind, input, onOutcome) {
      setRunning(true);
      setError(null);
      setProgress({ elapsedMs: 0 });
      try {
        const job = await startJob<T>(kind, input, setProgress);
        current.current = job;
        const outcome = await job.outcome;
        if (outcome.status === "failed" || outcome.result === undefined) {
          const e = outcome.error;
          setError(new ApiError(0, e?.code ?? outcome.status, e?.message ?? outcome.status, e?.problems ?? []));
        }
        onOutcome(outcome);
      } catch (caught) {
        setError(caught instanceof ApiError ? caught : new ApiError(0, "NETWORK", String((caught as Error).message)));
      } finally {
        current.current = null;
        setRunning(false);
      }
    },
    stop() {
      void current.current?.stop();
    },
  };
}

/**
 * The bar: elapsed time against the expected time (the search's time limit), never full before the end;
 * for searches the iterations and the best weighted tardiness so far.
 */
export function JobProgressBar<T>({ job, expectedMs, t, testId }: { job: Job<T>; expectedMs: number; t: Translate; testId?: string }) {
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
