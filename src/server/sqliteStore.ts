/**
 * Labs on disk: one SQLite file (better-sqlite3: synchronous, so a lab's log row is written before
 * the request that changed the lab is answered). A lab is stored as what rebuilds it — its runbook
 * text, seed, tokens and clock — and its log of accepted actions, one row each (DESIGN "Server
 * and web"). WAL mode keeps a crash from corrupting the file.
 */
import Database from 'better-sqlite3';
import type { LabEntry } from './lab.js';
import type { LabStore, StoredLab } from './store.js';

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
  created_at TEXT NOT NULL
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
);`;

export class SqliteLabStore implements LabStore {
  private readonly db: Database.Database;
  private readonly statements;

  /** Opens (or creates) the database file; ':memory:' for a throwaway store. */
  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.exec(SCHEMA);
    this.statements = {
      insertLab: this.db.prepare(`INSERT INTO labs (id, source, source_name, seed, student_token, trainer_token, running, speed, label, created_at)
        VALUES (@id, @source, @source_name, @seed, @student_token, @trainer_token, @running, @speed, @label, @created_at)`),
      getSetting: this.db.prepare('SELECT value FROM settings WHERE name = ?'),
      putSetting: this.db.prepare('INSERT INTO settings (name, value) VALUES (?, ?)'),
      labs: this.db.prepare('SELECT * FROM labs ORDER BY rowid'),
      entries: this.db.prepare('SELECT actor, action FROM entries WHERE lab_id = ? ORDER BY seq'),
      append: this.db.prepare('INSERT INTO entries (lab_id, seq, actor, action) VALUES (?, ?, ?, ?)'),
      replaceLast: this.db.prepare('UPDATE entries SET actor = ?, action = ? WHERE lab_id = ? AND seq = ?'),
      clock: this.db.prepare('UPDATE labs SET running = ?, speed = ? WHERE id = ?'),
      remove: this.db.prepare('DELETE FROM labs WHERE id = ?'),
    };
  }

  insert(lab: StoredLab): void {
    this.statements.insertLab.run({
      id: lab.id, source: lab.source, source_name: lab.sourceName, seed: JSON.stringify(lab.seed),
      student_token: lab.studentToken, trainer_token: lab.trainerToken, running: lab.running ? 1 : 0, speed: lab.speed, label: lab.label, created_at: lab.createdAt,
    });
  }

  all(): StoredLab[] {
    return (this.statements.labs.all() as LabRow[]).map((r) => ({
      id: r.id, source: r.source, sourceName: r.source_name, seed: JSON.parse(r.seed) as string | number,
      studentToken: r.student_token, trainerToken: r.trainer_token, running: r.running === 1, speed: r.speed, label: r.label, createdAt: r.created_at,
    }));
  }

  entries(labId: string): LabEntry[] {
    return (this.statements.entries.all(labId) as { actor: LabEntry['by']; action: string }[]).map((r) => ({ by: r.actor, action: JSON.parse(r.action) as LabEntry['action'] }));
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

  remove(labId: string): void {
    this.statements.remove.run(labId);
  }

  close(): void {
    this.db.close();
  }
}
