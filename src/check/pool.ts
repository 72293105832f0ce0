/**
 * Worker threads for a campaign (`--workers K`): each worker loads the runbook itself and runs the
 * cases it is handed, reporting one outcome per case. Cases are dealt round-robin by index, so
 * the set of outcomes is the same for any K. Async lives here, around the runs, never inside one.
 */
import { Worker } from 'node:worker_threads';
import type { CheckCase } from './case.js';
import type { CaseOutcome } from './campaign.js';
import type { CampaignPlan } from './plan.js';

export interface WorkerJob {
  readonly file: string;
  readonly invariants: readonly string[];
  readonly cases: readonly (readonly [number, CheckCase])[];
}

export function runInWorkers(plan: CampaignPlan, cases: readonly CheckCase[], workers: number, onOutcome: (o: CaseOutcome) => void): Promise<void> {
  const k = Math.min(workers, cases.length);
  const jobs: WorkerJob[] = Array.from({ length: k }, () => ({ file: plan.file, invariants: plan.invariants.map((i) => i.name), cases: [] }));
  cases.forEach((c, i) => (jobs[i % k]!.cases as [number, CheckCase][]).push([i, c]));
  return Promise.all(jobs.map((job) => runWorker(job, onOutcome))).then(() => undefined);
}

function runWorker(job: WorkerJob, onOutcome: (o: CaseOutcome) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData: job });
    let left = job.cases.length;
    worker.on('message', (m: CaseOutcome | { error: string }) => {
      if ('error' in m) {
        reject(new Error(m.error));
        void worker.terminate();
        return;
      }
      onOutcome(m);
      if (--left === 0) void worker.terminate().then(() => resolve());
    });
    worker.on('error', reject);
    worker.on('exit', (code) => (left > 0 ? reject(new Error(`check worker exited with ${code} before finishing`)) : resolve()));
  });
}
