// runbook.add_peer_ms: wall milliseconds to execute the add-peer runbook end to end (parse to report).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRunbook } from '../../src/runbook/load.js';
import { runRunbook } from '../../src/runbook/run.js';
import { textReport } from '../../src/runbook/report/text.js';
import { ROOT } from '../arch/sources.js';
import type { Figure } from './figure.js';

export function benchRunbook(): Figure[] {
  const file = 'scenarios/procedures/add-peer.yaml';
  const text = readFileSync(join(ROOT, file), 'utf8');
  const once = () => {
    const r = parseRunbook(text, file);
    if (!r.ok) throw new Error('add-peer.yaml does not load');
    return textReport(runRunbook(r.runbook));
  };
  for (let i = 0; i < 5; i++) once(); // warm-up
  const n = 30;
  const start = performance.now();
  for (let i = 0; i < n; i++) once();
  return [{ name: 'runbook.add_peer_ms', value: Number(((performance.now() - start) / n).toFixed(2)), unit: 'ms' }];
}
