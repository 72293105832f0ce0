// Lab checkpoints in the store (issue #15), on real SQLite files: written after CHECKPOINT_EVERY_*
// of a lab's life, a restore starts from the latest one and replays only the entries after it —
// same virtual time, trace hash, grade and log as a full replay — and a checkpoint that is missing,
// of another format or broken is not used: the whole log is replayed, with a warning.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/server/catalog.js';
import { LabManager } from '../../src/server/labs.js';
import { CHECKPOINT_EVERY_VIRTUAL_MS } from '../../src/server/limits.js';
import { SqliteLabStore } from '../../src/server/sqliteStore.js';
import { LAB_TWIN_CHECKPOINTS, type TwinCheckpoints } from '../../src/server/twinCheckpoints.js';
import { replayBaseCheckpoints } from './replayBaseCheckpoints.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-ckpt-'));
  dirs.push(dir);
  return join(dir, 'labs.db');
}

const ADD_PEER = loadCatalog().labs.find((c) => c.name === 'add-peer')!;

function manager(file: string, twins: TwinCheckpoints, wall: { now: number }, warnings: string[] = []) {
  const store = new SqliteLabStore(file);
  return { store, labs: new LabManager(store, () => wall.now, undefined, undefined, twins, (id, w) => warnings.push(`${id}: ${w}`)) };
}

const snapshot = (labs: LabManager) => labs.list().map(({ meta, lab }) => ({
  id: meta.id, nowMs: lab.twin.nowMs, hash: lab.twin.hash(), grade: lab.grade(), entries: lab.entries, faults: lab.twin.activeFaults(),
  logs: lab.twin.peerNames().map((p) => lab.twin.logLines(p)),
}));

/** A lab with a checkpoint behind it and life after it: actions, a long wait, then a running clock whose entry folds. */
function liveOneLab(file: string, twins: TwinCheckpoints) {
  const wall = { now: 0 };
  const { store, labs } = manager(file, twins, wall);
  const created = labs.create({ ...ADD_PEER, speed: 600 });
  if (!created.ok) throw new Error(created.message);
  const id = created.view.meta.id;
  const act = (action: Parameters<LabManager['act']>[2], by: 'student' | 'trainer' = 'student') => {
    const r = labs.act(id, by, action);
    if (!r.ok) throw new Error(r.message);
  };
  act({ kind: 'tshell', peer: 'expc01', line: 'xStatus Alarm' });
  act({ kind: 'wait', durationMs: CHECKPOINT_EVERY_VIRTUAL_MS });
  const checkpointed = store.checkpoint(id);
  // after the checkpoint: more actions, a fault, and a clock that runs (its entries fold)
  act({ kind: 'fault', fault: { kind: 'power-loss', peer: 'expc02' } } as never, 'trainer');
  act({ kind: 'tshell', peer: 'expc01', line: 'xStatus Cluster' });
  for (let i = 0; i < 5; i++) {
    wall.now += 250;
    labs.tick();
  }
  return { wall, store, labs, id, checkpointed };
}

describe('lab checkpoints in SQLite', () => {
  it('are written once a lab has lived CHECKPOINT_EVERY_VIRTUAL_MS, and a restore starts from one: same lab as a full replay', async () => {
    const file = dbFile();
    const twins = replayBaseCheckpoints();
    const { store, labs, id, checkpointed, wall } = liveOneLab(file, twins);
    expect(checkpointed?.entryCount).toBe(2);
    expect(checkpointed?.virtualMs).toBeGreaterThanOrEqual(CHECKPOINT_EVERY_VIRTUAL_MS);
    // a clock tick after the checkpoint folded into one entry the checkpoint did not see all of
    expect(labs.get(id)!.lab.entries.at(-1)!.by).toBe('clock');
    const before = snapshot(labs);
    store.close();

    const again = manager(file, twins, wall);
    const report = await again.labs.restore();
    expect(report.failed).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.fromCheckpoint).toEqual([id]);
    expect(twins.loads).toBe(1);
    expect(snapshot(again.labs)).toEqual(before);
    again.store.close();

    // the same store restored by full replay (no checkpoints in this build) gives the same lab too
    const plain = manager(file, { ...twins, format: 0 }, wall, []);
    expect(snapshot(plain.labs).length).toBe(0);
    const full = await plain.labs.restore();
    expect(full.fromCheckpoint).toEqual([]);
    expect(snapshot(plain.labs)).toEqual(before);
    plain.store.close();
  });

  it('a checkpoint taken inside a running clock entry that later folds longer: the restore advances the rest', async () => {
    const file = dbFile();
    const twins = replayBaseCheckpoints();
    const wall = { now: 0 };
    const { store, labs } = manager(file, twins, wall);
    const created = labs.create({ ...ADD_PEER, speed: 600 });
    if (!created.ok) throw new Error(created.message);
    const id = created.view.meta.id;
    const tick = () => {
      wall.now += 500; // ×600: five virtual minutes a tick
      labs.tick();
    };
    while (store.checkpoint(id) === undefined) tick();
    const checkpointed = store.checkpoint(id)!;
    tick();
    tick();
    const lab = labs.get(id)!.lab;
    expect(lab.entries).toHaveLength(checkpointed.entryCount);
    const folded = lab.entries.at(-1)!.action as { durationMs: number };
    expect(checkpointed.clockCoveredMs).toBe(folded.durationMs - 2 * 300_000);
    const before = snapshot(labs);
    store.close();
    const again = manager(file, twins, wall);
    expect((await again.labs.restore()).fromCheckpoint).toEqual([id]);
    expect(snapshot(again.labs)).toEqual(before);
    again.store.close();
  });

  it('a checkpoint of another format, or one that does not load, is not used: full replay, and a warning says why', async () => {
    const file = dbFile();
    const { store, labs, id } = liveOneLab(file, replayBaseCheckpoints(1));
    const before = snapshot(labs);
    store.close();

    const warnings: string[] = [];
    const other = manager(file, replayBaseCheckpoints(2), { now: 0 }, warnings);
    const report = await other.labs.restore();
    expect(report.fromCheckpoint).toEqual([]);
    expect(snapshot(other.labs)).toEqual(before);
    expect(warnings).toEqual([`${id}: its checkpoint is of format 1 and this server reads format 2: its whole log was replayed instead`]);
    other.store.close();

    const db = new Database(file);
    db.prepare('UPDATE checkpoints SET state = ?').run(JSON.stringify({ twin: { log: 'damaged' }, lastOutput: [] }));
    db.close();
    const broken = manager(file, replayBaseCheckpoints(1), { now: 0 }, warnings);
    const again = await broken.labs.restore();
    expect(again.fromCheckpoint).toEqual([]);
    expect(snapshot(broken.labs)).toEqual(before);
    expect(warnings.at(-1)).toBe(`${id}: its checkpoint did not load (not a replay base): its whole log was replayed instead`);
    broken.store.close();
  });

  it('a checkpoint that claims more entries than the log holds is refused the same way', async () => {
    const file = dbFile();
    const { store, labs, id } = liveOneLab(file, replayBaseCheckpoints());
    const before = snapshot(labs);
    store.close();
    const db = new Database(file);
    db.prepare('UPDATE checkpoints SET entry_count = 999').run();
    db.close();
    const warnings: string[] = [];
    const m = manager(file, replayBaseCheckpoints(), { now: 0 }, warnings);
    await m.labs.restore();
    expect(snapshot(m.labs)).toEqual(before);
    expect(warnings[0]).toMatch(new RegExp(`^${id}: its checkpoint did not load \\(its checkpoint is after entry 999, but its log has \\d+\\)`));
    m.store.close();
  });

  it('a twin that cannot be saved writes no checkpoint and says so; the lab and its log are unharmed', () => {
    const file = dbFile();
    const warnings: string[] = [];
    const refusing: TwinCheckpoints = { format: 1, logsApart: false, save: () => { throw new Error('a pending closure'); }, load: () => { throw new Error('unused'); } };
    const { store, labs } = manager(file, refusing, { now: 0 }, warnings);
    const created = labs.create({ ...ADD_PEER, running: false });
    if (!created.ok) throw new Error(created.message);
    expect(labs.act(created.view.meta.id, 'student', { kind: 'wait', durationMs: CHECKPOINT_EVERY_VIRTUAL_MS }).ok).toBe(true);
    expect(store.checkpoint(created.view.meta.id)).toBeUndefined();
    expect(store.entries(created.view.meta.id)).toHaveLength(1);
    expect(warnings).toEqual([`${created.view.meta.id}: checkpoint skipped: its world could not be saved: a pending closure`]);
    store.close();
  });

  it('a removed lab takes its checkpoint with it', () => {
    const file = dbFile();
    const { store, labs, id } = liveOneLab(file, replayBaseCheckpoints());
    expect(store.checkpoint(id)).toBeDefined();
    expect(labs.remove(id)).toEqual({ ok: true });
    expect(store.checkpoint(id)).toBeUndefined();
    store.close();
  });
});

describe('kill -9 between a checkpoint and later actions', () => {
  it('loses nothing acknowledged: every acked entry is stored, and the restore from the checkpoint (and the log lines stored apart) equals a full replay', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const child = fileURLToPath(new URL('./fixtures/checkpointChild.ts', import.meta.url));
    const file = dbFile();
    let acked = 0;
    for (let round = 0; round < 3; round++) {
      // Kill after a different number of further acks each round, so the kill lands at various points.
      const killAfter = acked + 10 + round * 5;
      await new Promise<void>((resolve, reject) => {
        const p = spawn(process.execPath, ['--import', 'tsx', child, file], { stdio: ['ignore', 'pipe', 'pipe'] });
        let err = '';
        let out = '';
        p.stderr.on('data', (d) => (err += String(d)));
        p.stdout.on('data', (d) => {
          out += String(d);
          const lines = out.split('\n');
          out = lines.pop()!;
          for (const line of lines) acked = Math.max(acked, Number(line.slice(4)));
          if (acked >= killAfter) p.kill('SIGKILL');
        });
        p.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`child ended without being killed: ${err}`))));
      });
      const warnings: string[] = [];
      // the server's own checkpoints: the twin saves itself, its log lines stored apart as they are filed
      const fromCheckpoint = manager(file, LAB_TWIN_CHECKPOINTS, { now: 0 }, warnings);
      const report = await fromCheckpoint.labs.restore();
      expect(report.failed).toEqual([]);
      expect(warnings).toEqual([]);
      expect(report.fromCheckpoint).toHaveLength(1);
      const restored = snapshot(fromCheckpoint.labs);
      expect(restored[0]!.entries.length).toBeGreaterThanOrEqual(acked);
      fromCheckpoint.store.close();
      const full = manager(file, replayBaseCheckpoints(0), { now: 0 });
      await full.labs.restore();
      expect(snapshot(full.labs)).toEqual(restored);
      full.store.close();
    }
  });
});

describe('a lab with a timeline fault still to come', () => {
  it('is checkpointed (the pending fault is data), and the lab restored from it injects and heals the fault as the one that ran on', async () => {
    const file = dbFile();
    const warnings: string[] = [];
    const source = ADD_PEER.source.replace('\nsteps:\n', '\nfaults:\n  - { at: 8h, fault: { kind: power-loss, peer: expc02 }, heal: 9h }\nsteps:\n');
    const first = manager(file, LAB_TWIN_CHECKPOINTS, { now: 0 }, warnings);
    const created = first.labs.create({ source, sourceName: 'timeline.yaml', running: false });
    if (!created.ok) throw new Error(created.message);
    const id = created.view.meta.id;
    expect(first.labs.act(id, 'student', { kind: 'wait', durationMs: CHECKPOINT_EVERY_VIRTUAL_MS }).ok).toBe(true);
    expect(warnings).toEqual([]);
    expect(first.store.checkpoint(id)?.entryCount).toBe(1);
    const ran = first.labs.get(id)!.lab;
    expect(ran.twin.activeFaults()).toEqual([]);
    const before = snapshot(first.labs);
    first.store.close();

    const again = manager(file, LAB_TWIN_CHECKPOINTS, { now: 0 }, warnings);
    expect((await again.labs.restore()).fromCheckpoint).toEqual([id]);
    expect(warnings).toEqual([]);
    expect(snapshot(again.labs)).toEqual(before);
    const restored = again.labs.get(id)!.lab;
    const mark = ran.twin.events().at(-1)!.seq;
    for (const lab of [ran, restored]) lab.advanceClock(4 * 3_600_000);
    const since = (lab: typeof ran) => lab.twin.events().filter((e) => e.seq > mark);
    const faults = since(restored).filter((e) => e.kind.startsWith('fault.')).map((e) => [e.kind, e.atMs]);
    expect(faults).toEqual([['fault.inject', 8 * 3_600_000], ['fault.heal', 9 * 3_600_000]]);
    expect(since(restored)).toEqual(since(ran));
    expect(restored.twin.hash()).toBe(ran.twin.hash());
    again.store.close();
  });
});

describe('a lab\'s model fault is kept in the store', () => {
  it('the trainer still sees the last fault inside the model after a restart', async () => {
    const { FORCED, RESTART_YAML, withLifecycleCrash } = await import('../helpers/modelFault.js');
    const file = dbFile();
    const { store, labs } = manager(file, replayBaseCheckpoints(), { now: 0 });
    // the restart runbook's cluster, with its set-up cut before the restart: the student restarts
    const source = RESTART_YAML.slice(0, RESTART_YAML.indexOf('  - peer: expc02'));
    const created = labs.create({ source, sourceName: 'restart.yaml', running: false });
    if (!created.ok) throw new Error(created.message);
    const id = created.view.meta.id;
    const r = withLifecycleCrash(FORCED, () => labs.act(id, 'student', { kind: 'restart', peer: 'expc02' } as never));
    expect(r.ok).toBe(false);
    const fault = labs.get(id)!.modelFault;
    expect(fault).toMatchObject({ peer: 'expc02', message: 'forced by the test seam', by: 'student' });
    store.close();
    const again = manager(file, replayBaseCheckpoints(), { now: 0 });
    await again.labs.restore();
    expect(again.labs.get(id)!.modelFault).toEqual(fault);
    again.store.close();
  });
});
