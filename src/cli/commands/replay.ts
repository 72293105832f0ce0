// `xtwin replay <report.json>`: re-run a recorded run and prove it gives the same trace hash.
import { readFileSync } from 'node:fs';
import { runRunbook } from '../../runbook/run.js';
import { loadRunbook } from '../runbookFiles.js';

export const REPLAY_HELP = `usage: xtwin replay <report.json>
       xtwin replay --runbook FILE --seed N --hash H

Re-runs the runbook a JSON report (from 'xtwin run --json') names, with the recorded seed, and
checks that the trace hash is identical. Exit 0 identical, 1 different, 2 bad input.`;

export function replayCommand(argv: string[]): number {
  if (argv.includes('--help') || argv.length === 0) {
    console.log(REPLAY_HELP);
    return argv.length === 0 ? 2 : 0;
  }
  let file: string | undefined;
  let seed: string | number | undefined;
  let hash: string | undefined;
  const flag = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  if (flag('--runbook')) {
    file = flag('--runbook');
    seed = flag('--seed');
    hash = flag('--hash');
  } else {
    try {
      const report = JSON.parse(readFileSync(argv[0]!, 'utf8')) as { file?: string; seed?: string | number; traceHash?: string };
      ({ file, seed, traceHash: hash } = report);
    } catch (e) {
      console.error(`xtwin replay: cannot read ${argv[0]}: ${(e as Error).message}`);
      return 2;
    }
  }
  if (!file || seed === undefined || !hash) {
    console.error('xtwin replay: the report must name the runbook file, the seed and the trace hash');
    return 2;
  }
  const loaded = loadRunbook(file);
  if (!loaded.ok) {
    console.error(loaded.message);
    return 2;
  }
  const numeric = typeof seed === 'string' && /^-?\d+$/.test(seed) ? Number(seed) : seed;
  const run = runRunbook(loaded.runbook, { seed: numeric });
  console.log(`SEED=${String(numeric)}`);
  if (run.traceHash === hash) {
    console.log(`replayed ${file}: trace ${run.traceHash} identical (${run.events.length} events)`);
    return 0;
  }
  console.log(`replayed ${file}: trace ${run.traceHash} differs from recorded ${hash}`);
  return 1;
}
