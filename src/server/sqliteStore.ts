/**
 * Labs on disk: one SQLite file (better-sqlite3: synchronous, so a lab's log row is written before
 * the request that changed the lab is answered). A lab is stored as what rebuilds it — its runbook
 * text, seed, tokens and clock — and its log of accepted actions, one row each (DESIGN "Server
 * and web"). WAL mode keeps a crash from corrupting the file; its checkpoints run in a worker thread.
 */
import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { LabEntry, LabModelFault } from './lab.js';
import type { ServerErrorCode } from './errors.js';
import { WalCheckpointer } from './walCheckpoints.js';
import type { LabCompletion, LabStore, LogLineRange, StoredCheckpoint, StoredLab, StoredLogLine } from './store.js';

interface LabRow {
  id: string;
  source: string;
  source_name: string;
  seed: string;
  student_token: string;
  trainer_token: string;
  running: number;
  speed: number;
  label: string;
  created_at: string;
  faults_visible: number;
  completed_at: string | null;
  completed_virtual_ms: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS labs (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  source_name TEXT NOT NULL,
  seed TEXT NOT NULL,
  student_token TEXT NOT NULL,
  trainer_token TEXT NOT NULL,
  running INTEGER NOT NULL,
  speed REAL NOT NULL,
  label TEXT NOT NULL,
  created_at TEXT NOT NULL,
  faults_visible INTEGER NOT NULL DEFAULT 0,
  completed_at TEXT,
  completed_virtual_ms INTEGER,
  model_fault TEXT
);
CREATE TABLE IF NOT EXISTS settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entries (
  lab_id TEXT NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  PRIMARY KEY (lab_id, seq)
);
CREATE TABLE IF NOT EXISTS checkpoints (
  lab_id TEXT PRIMARY KEY REFERENCES labs(id) ON DELETE CASCADE,
  format INTEGER NOT NULL,
  entry_count INTEGER NOT NULL,
  clock_covered_ms REAL,
  virtual_ms REAL NOT NULL,
  state TEXT NOT NULL,
  log_lines TEXT
);
CREATE TABLE IF NOT EXISTS log_lines (
  lab_id TEXT NOT NULL REFERENCES labs(id) ON DELETE CASCADE,
  peer TEXT NOT NULL,
  seq INTEGER NOT NULL,
  record TEXT NOT NULL,
  PRIMARY KEY (lab_id, peer, seq)
) WITHOUT ROWID;`;

/** Columns added since the first release: a file made before them gets them (with their defaults) on open. */
const ADDED_COLUMNS: readonly (readonly [table: string, column: string, type: string])[] = [
  ['labs', 'faults_visible', 'INTEGER NOT NULL DEFAULT 0'],
  ['labs', 'completed_at', 'TEXT'],
  ['labs', 'completed_virtual_ms', 'INTEGER'],
  ['labs', 'model_fault', 'TEXT'],
  // checkpoints written before it keep their log lines inside their state (NULL here)
  ['checkpoints', 'log_lines', 'TEXT'],
];

export class SqliteLabStore implements LabStore {
  private readonly db: Database.Database;
  private readonly statements;
  private probes = 0;
  private wal: WalCheckpointer | undefined;
  private readonly putLines: (labId: string, lines: readonly StoredLogLine[]) => void;
  private readonly putCheckpointWithLines: (labId: string, c: StoredCheckpoint, lines: readonly StoredLogLine[]) => void;

  /** What is wrong with the file as found (a table missing), or undefined; a damaged store writes nothing. */
  readonly damage: string | undefined;

  /**
   * Opens (or creates) the database file; ':memory:' for a throwaway store. A file that cannot be
   * a lab database (a directory, not SQLite, no permission) is refused with a StoreOpenError before
   * anything is written to it.
   */
  constructor(file: string) {
    if (file !== ':memory:') checkOpenable(file);
    let db: Database.Database | undefined;
    try {
      db = new Database(file);
      this.db = db;
      const tables = new Set((this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name));
      this.damage = tables.has('labs') && !tables.has('entries')
        ? 'the entries table (every lab\'s action log) is missing from the database, so no lab can be rebuilt; restore the file from a backup'
        : undefined;
      if (!this.damage) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('foreign_keys = ON');
        this.db.exec(SCHEMA);
        for (const [table, name, type] of ADDED_COLUMNS) {
          const have = (this.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === name);
          if (!have) this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${name} ${type}`);
        }
        // A commit never waits for SQLite's checkpoint of the WAL file on the event loop (walCheckpoints.ts).
        if (file !== ':memory:') this.wal = new WalCheckpointer(file, this.db);
      }
    } catch (e) {
      db?.close();
      throw new StoreOpenError(`${file} cannot be opened as a lab database: ${(e as Error).message}`);
    }
    const prepare = (sql: string) => (this.damage ? damaged(this.damage) : this.db.prepare(sql));
    this.statements = {
      insertLab: prepare(`INSERT INTO labs (id, source, source_name, seed, student_token, trainer_token, running, speed, label, created_at, faults_visible)
        VALUES (@id, @source, @source_name, @seed, @student_token, @trainer_token, @running, @speed, @label, @created_at, @faults_visible)`),
      getSetting: this.db.prepare('SELECT value FROM settings WHERE name = ?'),
      putSetting: prepare('INSERT INTO settings (name, value) VALUES (?, ?)'),
      probe: prepare("INSERT OR REPLACE INTO settings (name, value) VALUES ('probe', ?)"),
      labs: this.db.prepare('SELECT * FROM labs ORDER BY rowid'),
      entries: prepare('SELECT seq, actor, action FROM entries WHERE lab_id = ? ORDER BY seq'),
      append: prepare('INSERT INTO entries (lab_id, seq, actor, action) VALUES (?, ?, ?, ?)'),
      replaceLast: prepare('UPDATE entries SET actor = ?, action = ? WHERE lab_id = ? AND seq = ?'),
      clock: prepare('UPDATE labs SET running = ?, speed = ? WHERE id = ?'),
      remove: prepare('DELETE FROM labs WHERE id = ?'),
      faultsVisible: prepare('UPDATE labs SET faults_visible = ? WHERE id = ?'),
      completed: prepare('UPDATE labs SET completed_at = ?, completed_virtual_ms = ? WHERE id = ?'),
      modelFault: prepare('SELECT model_fault FROM labs WHERE id = ?'),
      setModelFault: prepare('UPDATE labs SET model_fault = ? WHERE id = ?'),
      checkpoint: prepare('SELECT format, entry_count, clock_covered_ms, virtual_ms, state, log_lines FROM checkpoints WHERE lab_id = ?'),
      putCheckpoint: prepare(`INSERT OR REPLACE INTO checkpoints (lab_id, format, entry_count, clock_covered_ms, virtual_ms, state, log_lines)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      putLogLine: prepare('INSERT OR REPLACE INTO log_lines (lab_id, peer, seq, record) VALUES (?, ?, ?, ?)'),
      logLines: prepare('SELECT seq, record FROM log_lines WHERE lab_id = ? AND peer = ? AND seq >= ? AND seq < ? ORDER BY seq'),
      dropLogLines: prepare('DELETE FROM log_lines WHERE lab_id = ? AND peer = ? AND seq < ?'),
    };
    this.putLines = this.damage ? () => damaged(this.damage!).run() : this.db.transaction((labId: string, lines: readonly StoredLogLine[]) => {
      for (const l of lines) this.statements.putLogLine.run(labId, l.peer, l.seq, l.record);
    });
    this.putCheckpointWithLines = this.damage ? () => damaged(this.damage!).run() : this.db.transaction((labId: string, c: StoredCheckpoint, lines: readonly StoredLogLine[]) => {
      for (const l of lines) this.statements.putLogLine.run(labId, l.peer, l.seq, l.record);
      this.statements.putCheckpoint.run(labId, c.format, c.entryCount, c.clockCoveredMs, c.virtualMs, c.state, c.logLines && JSON.stringify(c.logLines));
      for (const r of c.logLines ?? []) this.statements.dropLogLines.run(labId, r.peer, r.from);
    });
  }

  insert(lab: StoredLab): void {
    this.statements.insertLab.run({
      id: lab.id, source: lab.source, source_name: lab.sourceName, seed: JSON.stringify(lab.seed),
      student_token: lab.studentToken, trainer_token: lab.trainerToken, running: lab.running ? 1 : 0, speed: lab.speed, label: lab.label, created_at: lab.createdAt,
      faults_visible: lab.faultsVisible ? 1 : 0,
    });
  }

  all(): { labs: StoredLab[]; bad: { id: string; reason: string }[] } {
    const labs: StoredLab[] = [];
    const bad: { id: string; reason: string }[] = [];
    for (const r of this.statements.labs.all() as LabRow[]) {
      let seed: unknown;
      try {
        seed = JSON.parse(r.seed);
      } catch {
        seed = undefined;
      }
      if (typeof seed !== 'string' && typeof seed !== 'number') {
        bad.push({ id: r.id, reason: `its stored seed ${JSON.stringify(String(r.seed).slice(0, 40))} is not a JSON string or number` });
        continue;
      }
      labs.push({
        id: r.id, source: r.source, sourceName: r.source_name, seed,
        studentToken: r.student_token, trainerToken: r.trainer_token, running: r.running === 1, speed: r.speed, label: r.label, createdAt: r.created_at,
        faultsVisible: r.faults_visible === 1,
        ...(r.completed_at !== null ? { completed: { at: r.completed_at, virtualMs: r.completed_virtual_ms ?? 0 } } : {}),
      });
    }
    return { labs, bad };
  }

  entries(labId: string): LabEntry[] {
    return (this.statements.entries.all(labId) as { seq: number; actor: LabEntry['by']; action: string }[]).map((r, i) => {
      if (r.seq !== i) throw new Error(`its log has no entry ${i} (the next stored one is ${r.seq})`);
      try {
        return { by: r.actor, action: JSON.parse(r.action) as LabEntry['action'] };
      } catch {
        throw new Error(`entry ${i} of its log is not JSON`);
      }
    });
  }

  probe(): void {
    this.statements.probe.run(String(this.probes++));
  }

  /** Writes entry number `seq` (0-based) of a lab's log; `replace` overwrites it (a folded clock advance). */
  write(labId: string, seq: number, entry: LabEntry, replace: boolean): void {
    const action = JSON.stringify(entry.action);
    if (replace) this.statements.replaceLast.run(entry.by, action, labId, seq);
    else this.statements.append.run(labId, seq, entry.by, action);
  }

  /** A server-wide setting, made by `make` and kept the first time it is asked for. */
  setting(name: string, make: () => string): string {
    const row = this.statements.getSetting.get(name) as { value: string } | undefined;
    if (row) return row.value;
    const value = make();
    this.statements.putSetting.run(name, value);
    return value;
  }

  setClock(labId: string, running: boolean, speed: number): void {
    this.statements.clock.run(running ? 1 : 0, speed, labId);
  }

  modelFault(labId: string): LabModelFault | undefined {
    const text = (this.statements.modelFault.get(labId) as { model_fault: string | null } | undefined)?.model_fault;
    if (text === null || text === undefined) return undefined;
    try {
      return JSON.parse(text) as LabModelFault;
    } catch {
      return undefined; // a damaged note: the lab itself is fine, only its trainer's note is gone
    }
  }

  setModelFault(labId: string, fault: LabModelFault): void {
    this.statements.setModelFault.run(JSON.stringify(fault), labId);
  }

  /** The lab's latest checkpoint; throws when its log line ranges are damaged. */
  checkpoint(labId: string): StoredCheckpoint | undefined {
    const r = this.statements.checkpoint.get(labId) as {
      format: number; entry_count: number; clock_covered_ms: number | null; virtual_ms: number; state: string; log_lines: string | null;
    } | undefined;
    return r && { format: r.format, entryCount: r.entry_count, clockCoveredMs: r.clock_covered_ms, virtualMs: r.virtual_ms, state: r.state, logLines: r.log_lines === null ? null : logLineRanges(r.log_lines) };
  }

  putCheckpoint(labId: string, c: StoredCheckpoint, lines: readonly StoredLogLine[]): void {
    this.putCheckpointWithLines(labId, c, lines);
  }

  putLogLines(labId: string, lines: readonly StoredLogLine[]): void {
    if (lines.length > 0) this.putLines(labId, lines);
  }

  logLines(labId: string, range: LogLineRange): string[] {
    const rows = this.statements.logLines.all(labId, range.peer, range.from, range.to) as { seq: number; record: string }[];
    rows.forEach((r, i) => {
      if (r.seq !== range.from + i) throw new Error(`log line ${range.from + i} of ${range.peer} is missing from the store`);
    });
    if (rows.length !== range.to - range.from) throw new Error(`log line ${range.from + rows.length} of ${range.peer} is missing from the store`);
    return rows.map((r) => r.record);
  }

  setFaultsVisible(labId: string, visible: boolean): void {
    this.statements.faultsVisible.run(visible ? 1 : 0, labId);
  }

  setCompleted(labId: string, completion: LabCompletion): void {
    this.statements.completed.run(completion.at, completion.virtualMs, labId);
  }

  remove(labId: string): void {
    this.statements.remove.run(labId);
  }

  close(): void {
    void this.wal?.stop();
    this.db.close();
  }
}

/** A database file the server cannot use; its message is one sentence for the person starting it. */
export class StoreOpenError extends Error {
  readonly code: ServerErrorCode = 'XTW_ERR_SERVER_STORE_OPEN';
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** Refuses, before SQLite touches it, a path that is a directory, not SQLite, or not ours to write. */
function checkOpenable(file: string): void {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) throw new StoreOpenError(`${file} is a directory, not a lab database file; give a file path with --db`);
    size = stat.size;
  } catch (e) {
    if (e instanceof StoreOpenError) throw e;
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreOpenError(`${file} cannot be read: ${(e as Error).message}`);
    size = -1;
  }
  const writable = (path: string, what: string) => {
    try {
      accessSync(path, constants.R_OK | constants.W_OK);
    } catch {
      throw new StoreOpenError(`${what} is not readable and writable by this user, so the lab database cannot be kept there; check its permissions or give another --db`);
    }
  };
  writable(dirname(file), `the directory ${dirname(file)}`);
  if (size < 0) return;
  writable(file, file);
  if (size === 0) return;
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER) throw new StoreOpenError(`${file} is not a lab database (not an SQLite file); give another --db or move the file aside`);
}

/** A checkpoint's stored log line ranges, checked for shape (a damaged column throws, naming it). */
function logLineRanges(text: string): LogLineRange[] {
  let ranges: unknown;
  try {
    ranges = JSON.parse(text);
  } catch {
    ranges = undefined;
  }
  const int = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  const ok = Array.isArray(ranges) && ranges.every((r: Partial<LogLineRange> | null) => typeof r?.peer === 'string' && int(r.from) && int(r.to) && r.from! <= r.to!);
  if (!ok) throw new Error(`its checkpoint's log line ranges ${JSON.stringify(text.slice(0, 40))} are damaged`);
  return ranges as LogLineRange[];
}

/** A statement the damaged store cannot run: every use says what is wrong. */
function damaged(damage: string): Database.Statement {
  const fail = () => {
    throw new Error(damage);
  };
  return { run: fail, all: fail, get: fail } as unknown as Database.Statement;
}
