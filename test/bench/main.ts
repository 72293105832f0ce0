// `npm run bench`: measures and prints figures (never asserted by tests). `-- --json` prints one
// JSON array of { name, value, unit } so figures can be tracked over time; `--only=a,b` selects.
import type { Figure } from './figure.js';

// Each bench's modules load only when it runs, so a figure taken with `--only` comes from a process
// that holds nothing else: with other benches' module graphs loaded (fast-check, the worker pool,
// fastify), V8 more often starts pretenuring xstate's per-transition objects, which costs the peer
// figures 10-15% at random.
const BENCHES: [string, () => Promise<Figure[]>][] = [
  ['kernel', async () => (await import('./kernel.bench.js')).benchKernel()],
  ['network', async () => (await import('./net.bench.js')).benchNetwork()],
  ['peer', async () => (await import('./peer.bench.js')).benchPeer()],
  ['twin', async () => (await import('./twin.bench.js')).benchTwin()],
  ['runbook', async () => (await import('./runbook.bench.js')).benchRunbook()],
  ['check', async () => (await import('./check.bench.js')).benchCheck()],
  ['server', async () => (await import('./server.bench.js')).benchServer()],
  ['server-memory', async () => (await import('./server.bench.js')).benchServerMemory()],
  ['interfaces', async () => (await import('./interfaces.bench.js')).benchInterfaces()],
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
