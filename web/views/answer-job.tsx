/**
 * A view whose answer is one job on the working plant (MRP, the bottleneck analysis): it runs at the first
 * look unless an answer is kept or its job is already running (perhaps from before a reload), and again on
 * request, with the run button and the job's progress bar in the view's toolbar.
 */
import type { ComponentChildren } from "preact";
import { useEffect } from "preact/hooks";
import type { JobOutcome } from "../api.ts";
import type { MessageKey, Translate } from "../i18n.ts";
import type { JobPurpose } from "../store.ts";
import { getState } from "../store.ts";
import type { Job } from "./job-progress.tsx";
import { JobProgressBar, useJob } from "./job-progress.tsx";

export interface AnswerJob {
  job: Job;
  run(): void;
}

/** Runs `request` as a job of the kind `purpose` names (null: no plant, nothing to run); `keep` stores a finished job's result as the view's answer. */
export function useAnswerJob<T>(purpose: JobPurpose, request: unknown, answer: T | null, keep: (result: T) => void): AnswerJob {
  const job = useJob<T>(purpose, (outcome: JobOutcome<T>) => outcome.result && keep(outcome.result));
  const run = () => void (request !== null && job.run(purpose, request));
  useEffect(() => {
    if (request !== null && !answer && !job.running && !getState().runningJobs[purpose]) run();
  }, [request, answer]);
  return { job, run };
}

/** The toolbar: the run button, the progress bar, and whatever else the view offers (downloads). */
export function RunToolbar({ t, answerJob, label, testId, children }: { t: Translate; answerJob: AnswerJob; label: MessageKey; testId: string; children?: ComponentChildren }) {
  return (
    <div class="toolbar">
      <button type="button" class="primary" data-testid={`${testId}-run`} disabled={answerJob.job.running} onClick={answerJob.run}>
        {t(label)}
      </button>
      <JobProgressBar job={answerJob.job} expectedMs={3000} t={t} testId={`${testId}-progress`} />
      {children}
    </div>
  );
}
