// npm run test:long — the long property campaigns: a fresh seed each time (printed first, so a
// failure replays with XTW_FC_SEED=<seed> npm run test:long) and 2,000 cases per property. CI keeps
// the fixed seed and small count of test/setup.ts.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const seed = process.env.XTW_FC_SEED ?? String(randomInt(1, 2 ** 31 - 1));
const numRuns = process.env.XTW_NUM_RUNS ?? '2000';
console.log(`SEED=${seed} XTW_NUM_RUNS=${numRuns}  (replay: XTW_FC_SEED=${seed} npm run test:long)`);
const run = spawnSync('npx', ['vitest', 'run', '--config', 'test/vitest.config.ts', ...process.argv.slice(2)], {
  stdio: 'inherit', env: { ...process.env, XTW_FC_SEED: seed, XTW_NUM_RUNS: numRuns },
});
console.log(`SEED=${seed}`);
process.exit(run.status ?? 1);
