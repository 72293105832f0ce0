// A store that fails never lies and never kills the server (issue #15), on real SQLite files: a
// write failure while clocks run (disk full, read-only) refuses changes with a clear message,
// keeps serving reads, undoes what it could not keep, and recovers when the store takes writes
// again; malformed rows skip one lab each; a dropped entries table is said; a file that cannot be
// a lab database is refused before it is touched.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/app.js';
import { STORE_RETRY_MS } from '../../src/server/limits.js';
import { SqliteLabStore, StoreOpenError } from '../../src/server/sqliteStore.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-store-'));
  dirs.push(dir);
  return dir;
}

/** The server's own connection: a pragma on it makes SQLite itself refuse writes, as a full or read-only disk does. */
function connection(store: SqliteLabStore): Database.Database {
  return Reflect.get(store, 'db') as Database.Database;
}

// A full disk is a real process's business (test/cli/serveStore.test.ts, with a file size limit).
const FAILURES = {
  'read-only': { fail: 'query_only = 1', mend: 'query_only = 0', says: 'readonly' },
} as const;

describe('a store that stops taking writes', () => {
  for (const [name, { fail, mend, says }] of Object.entries(FAILURES)) {
    it(`${name}: clocks keep the process up, changes are refused and undone, reads go on, and it recovers`, async () => {
      const file = join(scratch(), 'labs.db');
      let wall = 0;
      const store = new SqliteLabStore(file);
      const server = await startServer({ dbFile: file, store, httpPort: 0, tick: false, wallNow: () => wall });
      const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'add-peer')!, speed: 60 });
      if (!created.ok) throw new Error(created.message);
      const { id, studentToken, trainerToken } = created.view.meta;
      const act = (line: string) => server.app.inject({ method: 'POST', url: `/api/labs/${id}/actions`, headers: { authorization: `Bearer ${studentToken}` }, payload: { kind: 'tshell', peer: 'expc02', line } });
      expect((await act('xConfiguration Alternates Peer 3 Address: "10.0.0.13"')).statusCode).toBe(200);
      wall += 1_000;
      server.labs.tick();

      connection(store).pragma(fail);
      const nowBefore = server.labs.get(id)!.lab.twin.nowMs;
      const entriesBefore = server.labs.get(id)!.lab.entries.length;
      // The clock runs into the failing store: no throw, the advance is undone, time stands still.
      for (let i = 0; i < 4; i++) {
        wall += 1_000;
        expect(() => server.labs.tick()).not.toThrow();
      }
      expect(server.labs.storeProblem).toMatch(new RegExp(says, 'i'));
      expect(server.labs.get(id)!.lab.twin.nowMs).toBe(nowBefore);
      const refused = await act('xConfiguration Alternates Peer 4 Address: "10.0.0.14"');
      expect(refused.statusCode).toBe(503);
      expect(refused.json().error).toMatchObject({ code: 'XTW_ERR_SERVER_STORE_UNWRITABLE' });
      expect(refused.json().error.message).toContain('changes are refused until it can');
      const clock = await server.app.inject({ method: 'POST', url: `/api/labs/${id}/clock`, headers: { authorization: `Bearer ${trainerToken}` }, payload: { running: false } });
      expect(clock.statusCode).toBe(503);
      // Reads go on, and say what is wrong.
      const summary = await server.app.inject({ method: 'GET', url: `/api/labs/${id}`, headers: { authorization: `Bearer ${studentToken}` } });
      expect(summary.statusCode).toBe(200);
      expect(summary.json().storeProblem).toMatch(new RegExp(says, 'i'));
      expect((await server.app.inject({ method: 'GET', url: '/api/health' })).json().storeProblem).toMatch(new RegExp(says, 'i'));
      expect(server.labs.get(id)!.lab.entries.length).toBe(entriesBefore);

      connection(store).pragma(mend);
      wall += STORE_RETRY_MS;
      server.labs.tick();
      expect(server.labs.storeProblem).toBeUndefined();
      expect((await act('xConfiguration Alternates Peer 4 Address: "10.0.0.14"')).statusCode).toBe(200);
      wall += 1_000;
      server.labs.tick();
      const kept = { nowMs: server.labs.get(id)!.lab.twin.nowMs, hash: server.labs.get(id)!.lab.twin.hash(), entries: server.labs.get(id)!.lab.entries.length };
      await server.close();

      // What was acknowledged is exactly what survives.
      const again = await startServer({ dbFile: file, httpPort: 0, tick: false, wallNow: () => wall });
      await again.restored;
      try {
        const lab = again.labs.get(id)!.lab;
        expect({ nowMs: lab.twin.nowMs, hash: lab.twin.hash(), entries: lab.entries.length }).toEqual(kept);
      } finally {
        await again.close();
      }
    });
  }

  it('an action whose write fails is undone: the lab in memory is what the store holds', async () => {
    const file = join(scratch(), 'labs.db');
    const store = new SqliteLabStore(file);
    const server = await startServer({ dbFile: file, store, httpPort: 0, tick: false });
    try {
      const created = server.labs.create({ ...server.catalog.find((c) => c.name === 'add-peer')!, running: false });
      if (!created.ok) throw new Error(created.message);
      const { id } = created.view.meta;
      const before = server.labs.get(id)!.lab.twin.observe('expc02').active['Alternates Peer 3 Address'];
      connection(store).pragma('query_only = 1');
      const done = server.labs.act(id, 'student', { kind: 'tshell', peer: 'expc02', line: 'xConfiguration Alternates Peer 3 Address: "10.0.0.13"' });
      expect(done.ok).toBe(false);
      expect(server.labs.get(id)!.lab.twin.observe('expc02').active['Alternates Peer 3 Address']).toBe(before);
      expect(server.labs.get(id)!.lab.entries).toHaveLength(0);
      connection(store).pragma('query_only = 0');
    } finally {
      await server.close();
    }
  });
});

describe('a store with damage', () => {
  async function twoLabs(file: string): Promise<{ good: string; bad: string }> {
    const first = await startServer({ dbFile: file, httpPort: 0, tick: false });
    const a = first.labs.create({ ...first.catalog[0]!, running: false });
    const b = first.labs.create({ ...first.catalog[0]!, running: false });
    if (!a.ok || !b.ok) throw new Error('labs not created');
    first.labs.act(a.view.meta.id, 'student', { kind: 'wait', durationMs: 60_000 });
    first.labs.act(b.view.meta.id, 'student', { kind: 'wait', durationMs: 60_000 });
    await first.close();
    return { good: a.view.meta.id, bad: b.view.meta.id };
  }

  const DAMAGE: Record<string, { sql: string; says: string }> = {
    'a seed that is not JSON': { sql: "UPDATE labs SET seed = 'not json' WHERE id = ?", says: 'seed' },
    'a stored clock wait of 1e15 ms': { sql: `INSERT INTO entries (lab_id, seq, actor, action) VALUES (?, 1, 'clock', '{"kind":"wait","durationMs":1e15}')`, says: 'clock advance of 1000000000000000 ms' },
    'an entry that is not JSON': { sql: "UPDATE entries SET action = '{oops' WHERE lab_id = ?", says: 'not JSON' },
    'a student wait beyond any bound': { sql: "UPDATE entries SET action = '{\"kind\":\"wait\",\"durationMs\":1e15}' WHERE lab_id = ?", says: 'refused on replay' },
  };
  for (const [name, { sql, says }] of Object.entries(DAMAGE)) {
    it(`${name}: that lab is skipped with a warning, the others come back`, async () => {
      const file = join(scratch(), 'labs.db');
      const { good, bad } = await twoLabs(file);
      const db = new Database(file);
      db.prepare(sql).run(bad);
      db.close();
      const second = await startServer({ dbFile: file, httpPort: 0, tick: false });
    await second.restored;
      try {
        expect(second.problems).toHaveLength(1);
        expect(second.problems[0]).toContain(`lab ${bad} not restored`);
        expect(second.problems[0]).toContain(says);
        expect(second.labs.list().map((l) => l.meta.id)).toEqual([good]);
      } finally {
        await second.close();
      }
    });
  }

  it('a dropped entries table is said, no lab is restored reset, and nothing is written', async () => {
    const file = join(scratch(), 'labs.db');
    await twoLabs(file);
    const db = new Database(file);
    db.exec('DROP TABLE entries');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    const second = await startServer({ dbFile: file, httpPort: 0, tick: false });
    await second.restored;
    try {
      expect(second.problems.join('\n')).toContain('the entries table');
      expect(second.labs.list()).toEqual([]);
      expect(second.labs.storeProblem).toContain('entries table');
      const created = second.labs.create(second.catalog[0]!);
      expect(created.ok).toBe(false);
    } finally {
      await second.close();
    }
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a directory or a file that is not a database is refused with one sentence, untouched', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'adir'));
    expect(() => new SqliteLabStore(join(dir, 'adir'))).toThrow(StoreOpenError);
    expect(() => new SqliteLabStore(join(dir, 'adir'))).toThrow(/is a directory/);
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'my notes, not a database\n'.repeat(50));
    expect(() => new SqliteLabStore(text)).toThrow(/not a lab database/);
    expect(readFileSync(text, 'utf8')).toBe('my notes, not a database\n'.repeat(50));
  });

  it.runIf(process.getuid?.() !== 0)('a file this user may not write is refused (root may write anything, so not as root)', async () => {
    const { chmodSync } = await import('node:fs');
    const file = join(scratch(), 'labs.db');
    new SqliteLabStore(file).close();
    chmodSync(file, 0o444);
    expect(() => new SqliteLabStore(file)).toThrow(/not readable and writable/);
  });
});
