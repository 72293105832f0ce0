// The lab server's figures:
//   server.actions_per_s   REST actions answered per second (fastify inject, a tshell read and a page save in turn)
//   server.restore_ms      wall ms to rebuild a lab from its log at start-up: a virtual day of clock and 200 actions
//   server.lab_bytes       heap per open lab (the add-peer lab: three peers and their cluster)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../src/server/app.js';
import type { Figure } from './figure.js';

export async function benchServer(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-bench-'));
  try {
    return [await actionsPerSecond(), await restoreMs(join(dir, 'labs.db')), await labBytes()];
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
