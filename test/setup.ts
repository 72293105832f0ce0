// Global fast-check settings (STYLE R4): a fixed seed and a small run count in CI; a long campaign
// with XTW_NUM_RUNS=2000 (npm run test:long). The seed is printed so any failure can be replayed.
import fc from 'fast-check';

const seed = Number(process.env.XTW_FC_SEED ?? 20261124);
const numRuns = Number(process.env.XTW_NUM_RUNS ?? 60);
fc.configureGlobal({ seed, numRuns });

export const FC_SEED = seed;
export const FC_NUM_RUNS = numRuns;
