// `npm run bench`: measures and prints figures (never asserted by tests). `-- --json` prints one
// JSON array of { name, value, unit } so figures can be tracked over time; `--only=a,b` selects.
import type { Figure } from './figure.js';
import { benchKernel } from './kernel.bench.js';
import { benchNetwork } from './net.bench.js';
import { benchPeer } from './peer.bench.js';
import { benchTwin } from './twin.bench.js';
import { benchRunbook } from './runbook.bench.js';
import { benchCheck } from './check.bench.js';
import { benchServer } from './server.bench.js';

const BENCHES: [string, () => Figure[] | Promise<Figure[]>][] = [
  ['kernel', benchKernel],
  ['network', benchNetwork],
  ['peer', benchPeer],
  ['twin', benchTwin],
  ['runbook', benchRunbook],
  ['check', benchCheck],
  ['server', benchServer],
];

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const figures: Figure[] = [];
  for (const [name, run] of BENCHES) {
    if (only && !only.includes(name)) continue;
    const got = await run();
    figures.push(...got);
    if (!json) for (const f of got) console.log(`${f.name.padEnd(34)} ${formatValue(f.value).padStart(14)} ${f.unit}`);
  }
  if (json) console.log(JSON.stringify(figures));
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2);
}

void main();
