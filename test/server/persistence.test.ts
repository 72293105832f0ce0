// Labs live in a real SQLite file: a server stopped and started again on the same file rebuilds
// every lab by replay — same virtual time, same trace hash, same grade, same tokens — and a lab
// whose stored runbook no longer loads is reported without taking the others down.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/app.js';
import { procedureActions } from './helpers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-labs-'));
  dirs.push(dir);
  return join(dir, 'labs.db');
}

describe('labs in SQLite', () => {
  it('rebuilds every lab after a restart: clock, trace hash, grade and tokens', async () => {
    const file = dbFile();
    let wall = 0;
    const first = await startServer({ dbFile: file, httpPort: 0, tick: false, wallNow: () => wall });
    const a = first.labs.create({ ...first.catalog.find((c) => c.name === 'add-peer')!, speed: 60, label: 'Bob' });
    const b = first.labs.create({ ...first.catalog.find((c) => c.name === 'replication-conflict')!, running: false });
    if (!a.ok || !b.ok) throw new Error('labs not created');
    // Half the add-peer procedure, with the clock running between actions (folded clock entries).
    for (const action of procedureActions('procedures/add-peer.yaml').slice(0, 8)) {
      wall += 1_500;
      first.labs.tick();
      expect(first.labs.act(a.view.meta.id, 'student', action).ok).toBe(true);
    }
    first.labs.act(b.view.meta.id, 'student', { kind: 'tshell', peer: 'expc02', line: 'xcommand ForceConfigUpdate' });
    first.labs.act(b.view.meta.id, 'trainer', { kind: 'fault', fault: { kind: 'latency', between: ['expc01', 'expc02'], latencyMsMean: 120 } });
    const before = first.labs.list().map(({ meta, lab }) => ({ id: meta.id, token: meta.studentToken, nowMs: lab.twin.nowMs, hash: lab.twin.hash(), grade: lab.grade(), faults: lab.twin.activeFaults() }));
    await first.close();

    const second = await startServer({ dbFile: file, httpPort: 0, tick: false, wallNow: () => wall });
    await second.restored;
    try {
      expect(second.problems).toEqual([]);
      const after = second.labs.list().map(({ meta, lab }) => ({ id: meta.id, token: meta.studentToken, nowMs: lab.twin.nowMs, hash: lab.twin.hash(), grade: lab.grade(), faults: lab.twin.activeFaults() }));
      expect(after).toEqual(before);
      expect(second.labs.get(a.view.meta.id)!.meta).toEqual(a.view.meta);
      expect(second.labs.classKey).toBe(first.labs.classKey);
      // eight ticks of 1.5 wall seconds at ×60, on top of the set-up minute and the procedure's waits
      expect(before[0]!.nowMs).toBeGreaterThan(60_000 + 8 * 90_000);
    } finally {
      await second.close();
    }
  });

  it('reports a lab whose stored runbook no longer loads, and still serves the others', async () => {
    const file = dbFile();
    const first = await startServer({ dbFile: file, httpPort: 0, tick: false });
    const good = first.labs.create(first.catalog[0]!);
    const broken = first.labs.create(first.catalog[1]!);
    if (!good.ok || !broken.ok) throw new Error('labs not created');
    await first.close();
    const db = new Database(file);
    db.prepare('UPDATE labs SET source = ? WHERE id = ?').run('name: [unclosed', broken.view.meta.id);
    db.close();

    const second = await startServer({ dbFile: file, httpPort: 0, tick: false });
    await second.restored;
    try {
      expect(second.problems).toHaveLength(1);
      expect(second.problems[0]).toContain(`lab ${broken.view.meta.id} not restored`);
      expect(second.labs.list().map((l) => l.meta.id)).toEqual([good.view.meta.id]);
    } finally {
      await second.close();
    }
    // Nothing was deleted: the broken lab's rows are still there for a person to mend.
    const check = new Database(file, { readonly: true });
    expect((check.prepare('SELECT COUNT(*) AS n FROM labs').get() as { n: number }).n).toBe(2);
    check.close();
  });
});
