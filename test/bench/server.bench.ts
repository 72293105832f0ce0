// The lab server's figures:
//   server.actions_per_s   REST actions answered per second (fastify inject, a tshell read and a page save in turn)
//   server.restore_ms      wall ms to rebuild a lab from its log at start-up: a virtual day of clock and 200 actions
//   server.lab_bytes       heap per open lab (the add-peer lab: three peers and their cluster)
//   server.lab_bytes_aged   heap per lab once its kept history (trace, event log) has filled: 48 virtual hours in
//   server.rss_growth_mb_per_min   the server's RSS growth, in its own process, with 100 such labs running at ×600
//                                  (default window 60 s; --server-full: 5 min as issue #15 asks)
//   server.heap_growth_mb_per_min  the same, live heap after a full GC (RSS also counts what V8 keeps reserved)
//   server.labs_100_p99_ms         p99 wall ms of GET /api/labs/:id over loopback HTTP while those 100 labs run
//   server.rehearsal_p99_ms        p99 wall ms of GET /api/health while a rehearsal at the upload limits runs
//   server.listen_ms_250d          wall ms from start to listening, with a lab of 250 virtual days and 1,000 actions stored
//   server.restore_ms_250d         wall ms from listening until that lab is back (background restore: from its latest
//                                  checkpoint when the build checkpoints twins, else a full replay; the unit says which)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/app.js';
import { LAB_TWIN_CHECKPOINTS } from '../../src/server/twinCheckpoints.js';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figure.js';

export async function benchServer(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-bench-'));
  try {
    return [await actionsPerSecond(), await restoreMs(join(dir, 'labs.db')), await labBytes(), await rehearsalP99(), ...(await restore250Days(join(dir, 'old.db')))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The memory figures on their own (`--only=server-memory`): they need a quiet machine and minutes. */
export async function benchServerMemory(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-bench-'));
  try {
    return [await agedLabBytes(), ...(await hundredLabs(join(dir, 'hundred.db')))];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function actionsPerSecond(): Promise<Figure> {
  const server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false });
  const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'add-peer')!, running: false });
  if (!created.ok) throw new Error(created.message);
  const { id, studentToken } = created.view.meta;
  const bodies = [
    { kind: 'tshell', peer: 'expc01', line: 'xStatus Cluster' },
    { kind: 'page', peer: 'expc02', page: 'clustering', set: { 'Alternates Peer 3 Address': '10.0.0.13' } },
    { kind: 'page', peer: 'expc02', page: 'clustering', set: { 'Alternates Peer 3 Address': '' } },
  ];
  const send = (i: number) => server.app.inject({ method: 'POST', url: `/api/labs/${id}/actions`, headers: { authorization: `Bearer ${studentToken}` }, payload: bodies[i % bodies.length]! });
  for (let i = 0; i < 100; i++) await send(i);
  const n = 1_500;
  const start = performance.now();
  for (let i = 0; i < n; i++) await send(i);
  const perSecond = n / ((performance.now() - start) / 1000);
  await server.close();
  return { name: 'server.actions_per_s', value: Math.round(perSecond), unit: 'actions/s' };
}

async function restoreMs(file: string): Promise<Figure> {
  let wall = 0;
  const first = await startServer({ dbFile: file, httpPort: 0, tick: false, wallNow: () => wall });
  const created = first.labs.create({ ...first.catalog.find((c) => c.name === 'add-peer')!, speed: 60 });
  if (!created.ok) throw new Error(created.message);
  // 200 actions spread over a virtual day: 24 h / 200 = 7.2 min between them, ticked at ×60.
  for (let i = 0; i < 200; i++) {
    wall += 7_200;
    first.labs.tick();
    first.labs.act(created.view.meta.id, 'student', { kind: 'tshell', peer: `expc0${(i % 3) + 1}`, line: i % 2 ? 'xStatus Alarm' : 'xConfiguration Alternates Peer 3 Address: "10.0.0.13"' });
  }
  await first.close();
  const start = performance.now();
  const second = await startServer({ dbFile: file, httpPort: 0, tick: false });
  await second.restored;
  const ms = performance.now() - start;
  await second.close();
  return { name: 'server.restore_ms', value: Number(ms.toFixed(1)), unit: 'ms (1 lab, 1 virtual day, 200 actions)' };
}

async function labBytes(): Promise<Figure> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false });
  const entry = server.catalog.find((c) => c.name === 'add-peer')!;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const n = 20;
  for (let i = 0; i < n; i++) server.labs.create({ ...entry, running: false });
  gc?.();
  const bytes = (process.memoryUsage().heapUsed - before) / n;
  await server.close();
  return { name: 'server.lab_bytes', value: Math.round(bytes), unit: 'bytes/lab' };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!.toFixed(1));
}

function heapUsed(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

interface ServerChild {
  ask<T>(kind: string): Promise<T>;
  close(): Promise<void>;
}

/** serverProcess.ts in a child process (see there why), once its labs are created and aged. */
async function serverChild(dbFile: string): Promise<ServerChild> {
  const child = fork(fileURLToPath(new URL('./serverProcess.ts', import.meta.url)), [], {
    execArgv: ['--expose-gc', '--import', 'tsx'], env: { ...process.env, XTW_BENCH_DB: dbFile }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(): Promise<T> => new Promise((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`bench server process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m) => { child.off('exit', onExit); resolve(m as T); });
  });
  await next();
  return {
    ask: <T>(kind: string) => { const answer = next<T>(); child.send({ kind }); return answer; },
    close: async () => { const gone = new Promise((r) => child.once('exit', r)); child.send({ kind: 'close' }); await gone; },
  };
}

/**
 * 100 labs at ×600 on the real wall clock, the server in its own process: its RSS and live heap growth
 * per minute, and request latency meanwhile.
 */
async function hundredLabs(file: string): Promise<Figure[]> {
  const windowMs = process.argv.includes('--server-full') ? 300_000 : 60_000;
  const server = await serverChild(file);
  const { url, labs } = await server.ask<{ url: string; labs: { id: string; studentToken: string }[] }>('labs');
  const memory = () => server.ask<{ rssMb: number; heapMb: number }>('memory');
  const start = await memory();
  const began = performance.now();
  const latencies: number[] = [];
  for (let i = 0; performance.now() - began < windowMs && i < 1_000_000; i++) {
    const meta = labs[i % labs.length]!;
    const t = performance.now();
    const r = await fetch(`${url}/api/labs/${meta.id}`, { headers: { authorization: `Bearer ${meta.studentToken}` } });
    await r.arrayBuffer();
    latencies.push(performance.now() - t);
    await sleep(20);
  }
  const end = await memory();
  await server.close();
  const perMin = (a: number, b: number) => Number(((b - a) / (windowMs / 60_000)).toFixed(1));
  const window = `100 labs aged 48 h, running ×600, ${windowMs / 1000} s window, server in its own process`;
  return [
    { name: 'server.rss_growth_mb_per_min', value: perMin(start.rssMb, end.rssMb), unit: `MB/min (${window}: ${start.rssMb.toFixed(0)} → ${end.rssMb.toFixed(0)} MB)` },
    { name: 'server.heap_growth_mb_per_min', value: perMin(start.heapMb, end.heapMb), unit: `MB/min of live heap (same: ${start.heapMb.toFixed(0)} → ${end.heapMb.toFixed(0)} MB)` },
    { name: 'server.labs_100_p99_ms', value: p99(latencies), unit: `ms p99 (GET /api/labs/:id, ${latencies.length} requests, 100 labs ×600)` },
  ];
}

/** Heap per lab once its kept history (trace, event log) has filled: 48 virtual hours in. */
async function agedLabBytes(): Promise<Figure> {
  const server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false });
  const entry = server.catalog.find((c) => c.name === 'add-peer')!;
  const before = heapUsed();
  const n = 10;
  for (let i = 0; i < n; i++) {
    const created = server.labs.create({ ...entry, running: false });
    if (!created.ok) throw new Error(created.message);
    for (let h = 0; h < 48; h += 6) server.labs.act(created.view.meta.id, 'trainer', { kind: 'wait', durationMs: 6 * 3_600_000 });
  }
  const bytes = (heapUsed() - before) / n;
  await server.close();
  return { name: 'server.lab_bytes_aged', value: Math.round(bytes), unit: 'bytes/lab (add-peer lab, 48 virtual hours old: its kept history full)' };
}

/** Other requests while one rehearsal at the server's upload limits runs (in the rehearsal worker). */
async function rehearsalP99(): Promise<Figure> {
  const server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false });
  const { limitsRunbook } = await import('../server/helpers.js');
  let done = false;
  const rehearsal = fetch(`${server.url}/api/rehearse?format=json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ runbook: limitsRunbook() }) })
    .then((r) => r.arrayBuffer()).finally(() => (done = true));
  const latencies: number[] = [];
  for (let i = 0; !done && i < 100_000; i++) {
    const t = performance.now();
    await (await fetch(`${server.url}/api/health`)).arrayBuffer();
    latencies.push(performance.now() - t);
    await sleep(5);
  }
  await rehearsal;
  await server.close();
  return { name: 'server.rehearsal_p99_ms', value: p99(latencies), unit: `ms p99 (GET /api/health, ${latencies.length} requests during one rehearsal at the limits)` };
}

/** A student's 1,000 × `wait 6h` (250 virtual days): how soon a restarted server listens, and when that lab is back. */
async function restore250Days(file: string): Promise<Figure[]> {
  const first = await startServer({ dbFile: file, httpPort: 0, tick: false });
  const created = first.labs.create({ ...first.catalog.find((c) => c.name === 'add-peer')!, running: false });
  if (!created.ok) throw new Error(created.message);
  for (let i = 0; i < 1_000; i++) first.labs.act(created.view.meta.id, 'student', { kind: 'wait', durationMs: 6 * 3_600_000 });
  await first.close();
  const t = performance.now();
  const second = await startServer({ dbFile: file, httpPort: 0, tick: false });
  const listening = performance.now() - t;
  await second.restored;
  const restored = performance.now() - t;
  await second.close();
  return [
    { name: 'server.listen_ms_250d', value: Number(listening.toFixed(1)), unit: 'ms to listening (a 250-virtual-day lab stored)' },
    // Issue #15 asks ≤ 1 s to listening and ≤ 300 ms for that lab: the lab's own figure starts when the
    // server listens (it is restored in the background after that); start to lab back is the sum.
    { name: 'server.restore_ms_250d', value: Math.round(restored - listening), unit: `ms from listening until that lab is back (${LAB_TWIN_CHECKPOINTS.format > 0 ? 'from its checkpoint' : 'full replay'}, in the background; ${Math.round(restored)} ms from start)` },
  ];
}
