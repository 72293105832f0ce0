// SQLite's WAL checkpoints in a worker thread (walCheckpoints.ts), on real files: while it runs the
// server's connection checkpoints only past WAL_BOUND_PAGES, yet the WAL file stops growing well
// before (the worker's checkpoints let SQLite start it again from the top); a worker that cannot
// open the file leaves the connection checkpointing as by default, and so does a stopped one.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { WAL_BOUND_PAGES, WAL_CHECKPOINT_EVERY_MS } from '../../src/server/limits.js';
import { WalCheckpointer } from '../../src/server/walCheckpoints.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function walDb() {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-wal-'));
  dirs.push(dir);
  const file = join(dir, 'labs.db');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k INTEGER PRIMARY KEY, v BLOB)');
  return { file, db };
}

const autocheckpoint = (db: Database.Database) => db.pragma('wal_autocheckpoint', { simple: true });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(f: () => boolean, ms = 10_000): Promise<void> {
  for (const end = performance.now() + ms; !f(); await sleep(20)) if (performance.now() > end) throw new Error('timed out');
}

/** `pages` commits of about one page each. */
function write(db: Database.Database, pages: number, from: number): void {
  const put = db.prepare('INSERT INTO t (k, v) VALUES (?, ?)');
  for (let i = 0; i < pages; i++) put.run(from + i, Buffer.alloc(3_000, i));
}

describe('WAL checkpoints in a worker', () => {
  it('the server\'s connection checkpoints only past its bound while the worker runs, and the WAL file stops growing', async () => {
    // Without checkpoints, the WAL file of these writes is this long:
    const plain = walDb();
    plain.db.pragma('wal_autocheckpoint = 0');
    write(plain.db, 1_200, 0);
    const unchecked = statSync(`${plain.file}-wal`).size;
    plain.db.close();

    const { file, db } = walDb();
    const wal = new WalCheckpointer(file, db);
    await until(() => autocheckpoint(db) === WAL_BOUND_PAGES);
    // (fewer pages than the bound: the server's connection checkpoints none of them itself)
    expect(unchecked / 4096).toBeLessThan(WAL_BOUND_PAGES);
    write(db, 600, 0);
    // The worker checkpoints what is committed; the next writes then start the WAL again from its top.
    await sleep(2 * WAL_CHECKPOINT_EVERY_MS);
    write(db, 600, 600);
    expect(statSync(`${file}-wal`).size).toBeLessThan(unchecked * 0.6);
    await wal.stop();
    expect(autocheckpoint(db)).toBe(1_000);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1_200 });
    db.close();
  });

  it('a worker that cannot open the file leaves the connection checkpointing for itself', async () => {
    const { file, db } = walDb();
    const wal = new WalCheckpointer(`${file}.absent`, db);
    await wal.stop();
    expect(autocheckpoint(db)).toBe(1_000);
    db.close();
  });
});
