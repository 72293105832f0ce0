// A lab as a trainer runs a class: faults are the trainer's secret unless the trainer shows them
// (the server never sends hidden ones: summary, recent events, event stream), objectives show a
// student what to achieve but not the expected values, completing a lab is recorded with its
// time (kept across a restart), and the Restart page's advice follows the lab.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLUSTER_RESTART_ADVICE } from '../../src/operator/index.js';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { SqliteLabStore } from '../../src/server/sqliteStore.js';
import { procedureActions } from './helpers.js';

let server: RunningServer;
let wall = 5_000_000;
const dir = mkdtempSync(join(tmpdir(), 'xtwin-class-'));

beforeAll(async () => {
  server = await startServer({ dbFile: join(dir, 'labs.db'), httpPort: 0, tick: false, wallNow: () => wall });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: 'GET' | 'POST', url: string, token: string, body?: object) {
  const res = await server.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body } : {}) });
  return { status: res.statusCode, json: JSON.parse(res.body) as Record<string, any> };
}

function newLab(name = 'add-peer') {
  const created = server.labs.create({ ...server.catalog.find((c) => c.name === name)!, running: false });
  if (!created.ok) throw new Error(created.message);
  const { id, studentToken, trainerToken } = created.view.meta;
  return { id, student: studentToken, trainer: trainerToken };
}

describe('faults are the trainer\'s to show', () => {
  it('a student is sent no faults, no fault events and no set-up until the trainer shows them; then both see the same', async () => {
    const lab = newLab();
    expect(server.labs.act(lab.id, 'trainer', { kind: 'fault', fault: { kind: 'partition', groups: [['expc01'], ['expc02', 'expc03']] } }).ok).toBe(true);
    server.labs.act(lab.id, 'trainer', { kind: 'wait', durationMs: 30_000 });

    const trainer = await call('GET', `/api/labs/${lab.id}`, lab.trainer);
    expect(trainer.json.faults).toHaveLength(1);
    const student = await call('GET', `/api/labs/${lab.id}`, lab.student);
    expect(student.json.faultsVisible).toBe(false);
    expect(student.json).not.toHaveProperty('faults');
    expect(JSON.stringify(student.json)).not.toContain('partition');

    const kinds = async (token: string) => ((await call('GET', `/api/labs/${lab.id}/events?tail=2000`, token)).json.events as { kind: string; source: string }[]);
    const trainerEvents = await kinds(lab.trainer);
    expect(trainerEvents.some((e) => e.kind === 'fault.inject')).toBe(true);
    expect(trainerEvents.some((e) => e.kind === 'net.rule.add')).toBe(true);
    const studentEvents = await kinds(lab.student);
    expect(studentEvents.filter((e) => e.kind.startsWith('fault.') || e.kind.startsWith('net.rule.') || e.source === 'runbook')).toEqual([]);
    // The symptoms are not secret: the partition's effects on the peers reach the student.
    expect(studentEvents.some((e) => e.source.startsWith('expc'))).toBe(true);

    expect((await call('POST', `/api/labs/${lab.id}/settings`, lab.student, { faultsVisible: true })).status).toBe(403);
    const shown = await call('POST', `/api/labs/${lab.id}/settings`, lab.trainer, { faultsVisible: true });
    expect(shown.json).toEqual({ faultsVisible: true });
    const after = await call('GET', `/api/labs/${lab.id}`, lab.student);
    expect(after.json.faults).toEqual(trainer.json.faults);
    expect((await kinds(lab.student)).some((e) => e.kind === 'fault.inject')).toBe(true);
  });

  it('the event stream leaves a hidden fault out of a student\'s batches, and carries it once the trainer shows faults', async () => {
    const lab = newLab();
    const url = `${server.url.replace('http', 'ws')}/api/labs/${lab.id}/stream?token=${lab.student}`;
    const batches: { events: { kind: string; source: string }[] }[] = [];
    const socket = new WebSocket(url);
    await new Promise((r) => socket.once('message', r));
    socket.on('message', (m) => batches.push(JSON.parse(m.toString())));
    const waitFor = async (test: () => boolean) => {
      for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setImmediate(r));
      expect(test()).toBe(true);
    };
    server.labs.act(lab.id, 'trainer', { kind: 'fault', fault: { kind: 'power-loss', peer: 'expc02' } });
    await waitFor(() => batches.some((b) => b.events.some((e) => e.source === 'expc02')));
    expect(batches.flatMap((b) => b.events).filter((e) => e.kind.startsWith('fault.'))).toEqual([]);
    server.labs.setFaultsVisible(lab.id, true);
    // Watchers hear at once that the lab's settings changed, so an open page reads the faults now.
    await waitFor(() => batches.some((b) => (b as { settingsChanged?: boolean }).settingsChanged === true));
    server.labs.act(lab.id, 'trainer', { kind: 'heal' });
    await waitFor(() => batches.some((b) => b.events.some((e) => e.kind === 'fault.heal')));
    socket.close();
  });
});

describe('objectives, completion and hints', () => {
  it('a student sees each objective\'s title and mark; the trainer also sees the expected values and what the twin shows', async () => {
    const lab = newLab();
    const student = (await call('GET', `/api/labs/${lab.id}`, lab.student)).json.objectives as object[];
    const trainer = (await call('GET', `/api/labs/${lab.id}`, lab.trainer)).json.objectives as { title: string; met: boolean; verdicts: { claim: string }[] }[];
    expect(student).toEqual(trainer.map(({ title, met }) => ({ title, met })));
    expect(JSON.stringify(student)).not.toContain('10.0.0.13');
    expect(trainer[0]!.verdicts.map((v) => v.claim).join('\n')).toContain('10.0.0.13');
  });

  it('completing the lab is recorded once, with the wall time it took, in the summary and the class list, and survives a restart', async () => {
    const lab = newLab();
    const startedWall = wall;
    expect((await call('GET', `/api/labs/${lab.id}`, lab.student)).json.completed).toBeNull();
    for (const action of procedureActions('procedures/add-peer.yaml')) {
      wall += 10_000;
      const done = server.labs.act(lab.id, 'student', action);
      expect(done.ok && done.result.ok, JSON.stringify(action)).toBe(true);
    }
    const summary = (await call('GET', `/api/labs/${lab.id}`, lab.student)).json;
    expect(summary.grade.met).toBe(summary.grade.total);
    const completed = summary.completed as { at: string; afterMs: number; virtualMs: number; virtual: string };
    expect(completed.afterMs).toBeGreaterThan(0);
    expect(completed.afterMs).toBeLessThanOrEqual(wall - startedWall);
    expect(completed.afterMs % 10_000).toBe(0);
    // Later actions do not move it.
    wall += 60_000;
    server.labs.act(lab.id, 'student', { kind: 'wait', durationMs: 1_000 });
    const row = ((await call('GET', '/api/labs', server.labs.classKey)).json as unknown as { id: string; completed: unknown }[]).find((r) => r.id === lab.id)!;
    expect(row.completed).toEqual(completed);

    const again = await startServer({ dbFile: join(dir, 'labs.db'), httpPort: 0, tick: false, wallNow: () => wall });
    await again.restored;
    try {
      expect(again.labs.get(lab.id)!.meta.completed).toEqual({ at: completed.at, virtualMs: completed.virtualMs });
    } finally {
      await again.close();
    }
  });

  it('Maintenance > Restart options gives the lab\'s own restart hint, where a lab without one keeps the general advice', async () => {
    const addPeer = newLab('add-peer');
    const hinted = (await call('GET', `/api/labs/${addPeer.id}/peers/expc01`, addPeer.student)).json.pages.restart.warnings as string[];
    expect(hinted).not.toContain(CLUSTER_RESTART_ADVICE);
    expect(hinted.join(' ')).toMatch(/restart: the new peer \(expc03\)/);
    // The new peer is not clustered yet, and the hint is for it above all.
    const onNewPeer = (await call('GET', `/api/labs/${addPeer.id}/peers/expc03`, addPeer.student)).json.pages.restart.warnings as string[];
    expect(onNewPeer.join(' ')).toMatch(/restart: the new peer \(expc03\)/);
    const other = newLab('replication-conflict');
    const general = (await call('GET', `/api/labs/${other.id}/peers/expc01`, other.student)).json.pages.restart.warnings as string[];
    expect(general).toContain(CLUSTER_RESTART_ADVICE);
  });

  it('a labs.db made before these columns opens with faults hidden and nothing completed', () => {
    const file = join(dir, 'old.db');
    const old = new Database(file);
    old.exec(`CREATE TABLE labs (id TEXT PRIMARY KEY, source TEXT NOT NULL, source_name TEXT NOT NULL, seed TEXT NOT NULL, student_token TEXT NOT NULL,
      trainer_token TEXT NOT NULL, running INTEGER NOT NULL, speed REAL NOT NULL, label TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE entries (lab_id TEXT NOT NULL REFERENCES labs(id) ON DELETE CASCADE, seq INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, PRIMARY KEY (lab_id, seq));
      INSERT INTO labs VALUES ('ab12c', 'name: x', 'x.yaml', '1', 's', 't', 0, 1, '', '2026-01-01T00:00:00.000Z');`);
    old.close();
    const store = new SqliteLabStore(file);
    try {
      const [lab] = store.all().labs;
      expect(lab!.faultsVisible).toBe(false);
      expect(lab!.completed).toBeUndefined();
    } finally {
      store.close();
    }
  });
});
