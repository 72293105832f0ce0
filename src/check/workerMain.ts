// One check worker: load the runbook, run each case it was given, post one outcome per case.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseRunbook } from '../runbook/load.js';
import { runOne } from './campaign.js';
import { INVARIANTS } from './invariants/catalog.js';
import type { WorkerJob } from './pool.js';

const job = workerData as WorkerJob;
try {
  const loaded = parseRunbook(readFileSync(job.file, 'utf8'), job.file);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const invariants = INVARIANTS.filter((i) => job.invariants.includes(i.name));
  for (const [index, c] of job.cases) parentPort!.postMessage(runOne(loaded.runbook, invariants, c, index));
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).stack ?? String(e) });
}
