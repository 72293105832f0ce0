// `npm run bench`: measures and prints figures (never asserted by tests). `-- --json` prints one
// JSON array of { name, value, unit } so figures can be tracked over time.
import type { Figure } from './figure.js';
import { benchKernel } from './kernel.bench.js';

type Bench = { name: string; run: () => Figure[] | Promise<Figure[]> };

async function loadBenches(): Promise<Bench[]> {
  const benches: Bench[] = [{ name: 'kernel', run: benchKernel }];
  // Benches added by later layers register here; a missing module is skipped, not fatal.
  const optional: [string, string, string][] = [
    ['network', './net.bench.js', 'benchNetwork'],
    ['peer', './peer.bench.js', 'benchPeer'],
    ['twin', './twin.bench.js', 'benchTwin'],
    ['runbook', './runbook.bench.js', 'benchRunbook'],
    ['check', './check.bench.js', 'benchCheck'],
  ];
  for (const [name, path, fn] of optional) {
    try {
      const mod = (await import(path)) as Record<string, () => Figure[]>;
      if (typeof mod[fn] === 'function') benches.push({ name, run: mod[fn]! });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw e;
    }
  }
  return benches;
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  const figures: Figure[] = [];
  for (const bench of await loadBenches()) {
    if (only && !only.split(',').includes(bench.name)) continue;
    const got = await bench.run();
    figures.push(...got);
    if (!json) for (const f of got) console.log(`${f.name.padEnd(34)} ${formatValue(f.value).padStart(14)} ${f.unit}`);
  }
  if (json) console.log(JSON.stringify(figures));
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2);
}

void main();
