/**
 * The default JobBackend: jobs in the embedded SQLite store (job-store.ts), run on this process's pool by
 * the JobRunner (job-runner.ts). Nothing to install or configure: `npm start` uses it.
 */
import type { JobBackend, JobEvent, JobFilter, JobResult, NewBatch } from "./job-backend.ts";
import type { JobRunner } from "./job-runner.ts";
import type { BatchRecord, JobStore, JobSummary, NewJob } from "./job-store.ts";
import type { KpiValue } from "./kpis.ts";

export class SqliteJobs implements JobBackend {
  constructor(
    private readonly store: JobStore,
    private readonly runner: JobRunner,
  ) {}

  now(): number {
    return this.runner.now();
  }

  async submit(jobs: ReadonlyArray<NewJob>, batch?: NewBatch): Promise<void> {
    this.runner.expireOld();
    this.runner.submit(jobs, batch);
  }

  async get(id: string): Promise<JobSummary | undefined> {
    this.runner.expireOld();
    return this.runner.get(id);
  }

  async list(filter: JobFilter): Promise<JobSummary[]> {
    this.runner.expireOld();
    return this.store.list(filter).map((job) => this.runner.withLiveProgress(job));
  }

  async batch(id: string): Promise<BatchRecord | undefined> {
    this.runner.expireOld();
    const batch = this.store.batch(id);
    return batch && { ...batch, jobs: batch.jobs.map((job) => this.runner.withLiveProgress(job)) };
  }

  async result(id: string): Promise<JobResult | undefined> {
    return this.store.result(id);
  }

  async inputJson(id: string): Promise<string | undefined> {
    return this.store.inputJson(id);
  }

  async saveKpis(id: string, kpis: Record<string, KpiValue>): Promise<void> {
    this.store.saveKpis(id, kpis);
  }

  async cancel(id: string): Promise<JobSummary | undefined> {
    return this.runner.cancel(id);
  }

  subscribe(job: Pick<JobSummary, "id" | "status">, listener: (event: JobEvent) => void): () => void {
    return this.runner.subscribe(job.id, listener);
  }

  async start(): Promise<void> {
    this.runner.recover();
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}
