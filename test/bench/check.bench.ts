// check.runs_per_min: full property-check executions per wall minute of the add-peer runbook under
// random fault schedules on 2 worker threads — planCampaign + runCampaign exactly as `xtwin check
// --workers 2` runs them, including worker start-up, the same-trace re-run and (if any) shrinking.
// Target: ≥ 5,000 runs/min. Benches read the wall clock by design; the model under test never does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCampaign } from '../../src/check/campaign.js';
import { planCampaign } from '../../src/check/plan.js';
import { parseRunbook } from '../../src/runbook/load.js';
import { ROOT } from '../arch/sources.js';
import type { Figure } from './figure.js';

const FILE = 'scenarios/procedures/add-peer.yaml';
const RUNS = 1_000;
const WORKERS = 2;

export async function benchCheck(): Promise<Figure[]> {
  const path = join(ROOT, FILE);
  const loaded = parseRunbook(readFileSync(path, 'utf8'), path);
  if (!loaded.ok) throw new Error(`${FILE} does not load`);
  // Planning (one baseline run) is part of what `xtwin check` does before its runs, but not a run.
  const plan = planCampaign(loaded.runbook, path, {});
  const start = performance.now();
  const result = await runCampaign(plan, { runs: RUNS, seed: 1, workers: WORKERS });
  const wallMs = performance.now() - start;
  // A bench that counted failing (possibly crashing early) runs would flatter the figure.
  if (result.runs !== RUNS || result.failed !== 0) throw new Error(`bench campaign not clean: ${result.failed} of ${result.runs} runs failed`);
  return [{ name: 'check.runs_per_min', value: Math.round((RUNS * 60_000) / wallMs), unit: 'runs/min' }];
}
