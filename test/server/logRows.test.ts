// A lab's log lines kept apart from its checkpoints (issue #15, logRows.ts), with the twin saving
// itself as the server does: each line is written once, as rows of its own, a checkpoint holds
// only where they are, the store keeps only the rows the latest checkpoint needs (and those filed
// since), and a lab restored from its checkpoint and rows is the lab that ran — same state, same
// log lines, same future trace — whether the rows were written with the checkpoint or before it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../src/operator/index.js';
import { loadCatalog } from '../../src/server/catalog.js';
import type { Lab } from '../../src/server/lab.js';
import { LabManager } from '../../src/server/labs.js';
import { CHECKPOINT_EVERY_VIRTUAL_MS, LAB_LOG_LINES_KEPT } from '../../src/server/limits.js';
import { SqliteLabStore } from '../../src/server/sqliteStore.js';
import type { StoredLogLine } from '../../src/server/store.js';
import { TWIN_SAVES_ITSELF } from '../../src/server/twinCheckpoints.js';

const ADD_PEER = loadCatalog().labs.find((c) => c.name === 'add-peer')!;
const HOUR = 3_600_000;

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-logrows-'));
  dirs.push(dir);
  return join(dir, 'labs.db');
}

/** A store that records every log line written to it, by whichever call. */
function recordingStore(file: string) {
  const store = new SqliteLabStore(file);
  const written: StoredLogLine[] = [];
  const putLogLines = store.putLogLines.bind(store);
  const putCheckpoint = store.putCheckpoint.bind(store);
  store.putLogLines = (labId, lines) => (written.push(...lines), putLogLines(labId, lines));
  store.putCheckpoint = (labId, c, lines) => (written.push(...lines), putCheckpoint(labId, c, lines));
  return { store, written };
}

const lab = (labs: LabManager) => labs.list()[0]!.lab;
const logsOf = (l: Lab) => l.twin.peerNames().map((p) => [p, l.twin.logRecords(p)] as const);
const snapshot = (l: Lab) => ({ nowMs: l.twin.nowMs, hash: l.twin.hash(), entries: l.entries, grade: l.grade(), logs: logsOf(l), lines: l.twin.peerNames().map((p) => l.twin.logLines(p)) });

describe('log lines kept apart from checkpoints', () => {
  it('a checkpoint holds where the lines are, each line is written once, and the store keeps only what the latest checkpoint needs', () => {
    const file = dbFile();
    const { store, written } = recordingStore(file);
    const labs = new LabManager(store, () => 0, undefined, undefined, TWIN_SAVES_ITSELF);
    const created = labs.create({ ...ADD_PEER, running: false });
    if (!created.ok) throw new Error(created.message);
    const id = created.view.meta.id;
    const act = (a: Action) => expect(labs.act(id, 'student', a).ok).toBe(true);
    const filed = new Map(lab(labs).twin.peerNames().map((p) => [p, lab(labs).twin.logRecords(p).length]));
    lab(labs).twin.onLogLine((peer) => filed.set(peer, filed.get(peer)! + 1));
    // Four checkpoints, a day in all: the peers file more lines than they keep (the oldest are dropped).
    for (let i = 0; i < 4; i++) {
      act({ kind: 'wait', durationMs: CHECKPOINT_EVERY_VIRTUAL_MS });
      act({ kind: 'tshell', peer: 'expc01', line: 'xStatus Alarm' });
    }
    const checkpoint = store.checkpoint(id)!;
    expect(checkpoint.entryCount).toBe(7);
    expect((JSON.parse(checkpoint.state) as { twin: { logs: unknown[] } }).twin.logs).toEqual([]);
    const twin = lab(labs).twin;
    expect(twin.logRecords('expc01').length).toBeGreaterThanOrEqual(LAB_LOG_LINES_KEPT);
    // each line once: as many written as filed, numbered from 0 without a gap
    for (const peer of twin.peerNames()) {
      const seqs = written.filter((l) => l.peer === peer).map((l) => l.seq);
      expect(seqs).toHaveLength(filed.get(peer)!);
      expect(seqs).toEqual(seqs.map((_, i) => i));
    }
    // the checkpoint's ranges are each peer's kept lines; the store holds those and the ones filed after
    const db = new Database(file, { readonly: true });
    for (const range of checkpoint.logLines!) {
      const rows = db.prepare('SELECT seq, record FROM log_lines WHERE lab_id = ? AND peer = ? ORDER BY seq').all(id, range.peer) as { seq: number; record: string }[];
      expect(rows[0]?.seq ?? range.from).toBe(range.from);
      const records = twin.logRecords(range.peer);
      expect(rows.map((r) => JSON.parse(r.record))).toEqual(records.slice(records.length - rows.length));
    }
    // a removed lab takes its lines with it
    expect(labs.remove(id)).toEqual({ ok: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM log_lines').get()).toEqual({ n: 0 });
    db.close();
    store.close();
  });

  it('property: a lab restored from its checkpoint and its stored lines is the lab that ran: same state, log lines and future', async () => {
    const step = fc.oneof(
      fc.record({ wait: fc.integer({ min: 1, max: 6 * HOUR }) }), // MAX_LAB_WAIT_MS
      fc.record({ tick: fc.integer({ min: 1, max: 4_000 }) }), // wall ms at ×600: up to 40 virtual minutes
      fc.record({ action: fc.constantFrom<Action>({ kind: 'tshell', peer: 'expc01', line: 'xStatus Alarm' }, { kind: 'restart', peer: 'expc02' } as Action) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), fc.array(step, { minLength: 1, maxLength: 3 }), async (past, future) => {
      const store = new SqliteLabStore(':memory:');
      const wall = { now: 0 };
      const ran = new LabManager(store, () => wall.now, undefined, undefined, TWIN_SAVES_ITSELF);
      const created = ran.create({ ...ADD_PEER, speed: 600 });
      if (!created.ok) throw new Error(created.message);
      const id = created.view.meta.id;
      for (const s of past) {
        if ('tick' in s) {
          wall.now += s.tick;
          ran.tick();
        } else ran.act(id, 'student', 'wait' in s ? { kind: 'wait', durationMs: s.wait } : s.action);
      }
      const warnings: string[] = [];
      const restored = new LabManager(store, () => wall.now, undefined, undefined, TWIN_SAVES_ITSELF, (_, w) => warnings.push(w));
      const report = await restored.restore();
      expect(report.failed).toEqual([]);
      expect(warnings).toEqual([]);
      expect(report.fromCheckpoint).toEqual(store.checkpoint(id) ? [id] : []);
      const [a, b] = [lab(ran), lab(restored)];
      expect(snapshot(b)).toEqual(snapshot(a));
      const mark = a.twin.events().at(-1)!.seq;
      for (const s of future) {
        for (const l of [a, b]) {
          if ('action' in s) l.apply(s.action, 'student');
          else l.advanceClock('wait' in s ? s.wait : s.tick * 600);
        }
      }
      const since = (l: Lab) => l.twin.events().filter((e) => e.seq > mark);
      expect(since(b)).toEqual(since(a));
      expect(snapshot(b)).toEqual(snapshot(a));
      store.close();
    }), { numRuns: 6 });
  }, 240_000);

  it('a checkpoint whose lines are gone from the store is not used: the whole log is replayed, and a warning says why', async () => {
    const file = dbFile();
    const store = new SqliteLabStore(file);
    const labs = new LabManager(store, () => 0, undefined, undefined, TWIN_SAVES_ITSELF);
    const created = labs.create({ ...ADD_PEER, running: false });
    if (!created.ok) throw new Error(created.message);
    expect(labs.act(created.view.meta.id, 'student', { kind: 'wait', durationMs: CHECKPOINT_EVERY_VIRTUAL_MS }).ok).toBe(true);
    const before = snapshot(lab(labs));
    store.close();
    const db = new Database(file);
    db.prepare("DELETE FROM log_lines WHERE peer = 'expc02' AND seq = 3").run();
    db.close();
    const warnings: string[] = [];
    const again = new LabManager(new SqliteLabStore(file), () => 0, undefined, undefined, TWIN_SAVES_ITSELF, (_, w) => warnings.push(w));
    const report = await again.restore();
    expect(report.fromCheckpoint).toEqual([]);
    expect(snapshot(lab(again))).toEqual(before);
    expect(warnings).toEqual(['its checkpoint did not load (log line 3 of expc02 is missing from the store): its whole log was replayed instead']);
  });

  it('a checkpoint written with its lines inside (before they were kept apart) still loads', async () => {
    const file = dbFile();
    const store = new SqliteLabStore(file);
    const inside = { ...TWIN_SAVES_ITSELF, logsApart: false, save: (twin: Lab['twin']) => twin.checkpoint() };
    const labs = new LabManager(store, () => 0, undefined, undefined, inside);
    const created = labs.create({ ...ADD_PEER, running: false });
    if (!created.ok) throw new Error(created.message);
    expect(labs.act(created.view.meta.id, 'student', { kind: 'wait', durationMs: CHECKPOINT_EVERY_VIRTUAL_MS }).ok).toBe(true);
    expect(store.checkpoint(created.view.meta.id)!.logLines).toBeNull();
    const before = snapshot(lab(labs));
    store.close();
    const warnings: string[] = [];
    const again = new LabManager(new SqliteLabStore(file), () => 0, undefined, undefined, TWIN_SAVES_ITSELF, (_, w) => warnings.push(w));
    expect((await again.restore()).fromCheckpoint).toEqual([created.view.meta.id]);
    expect(warnings).toEqual([]);
    expect(snapshot(lab(again))).toEqual(before);
  });
});
