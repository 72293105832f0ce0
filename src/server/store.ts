/**
 * Where labs are kept: the one interface the lab server writes through, so another store (one
 * shared by several servers) can take the SQLite file's place. A lab is stored as what rebuilds
 * it — its runbook text, seed, tokens and clock — and its log of accepted actions (DESIGN "Server
 * and web"). Every method is synchronous and durable when it returns: the server answers a change
 * only after its store has kept it.
 */
import type { LabEntry, LabModelFault } from './lab.js';

export interface StoredLab {
  readonly id: string;
  /** the runbook's YAML text and the name it was loaded as (file:line errors name it) */
  readonly source: string;
  readonly sourceName: string;
  readonly seed: string | number;
  readonly studentToken: string;
  readonly trainerToken: string;
  readonly running: boolean;
  readonly speed: number;
  /** who the lab is for ("Alice", "desk 4"), shown in the trainer's class list */
  readonly label: string;
  /** wall-clock ISO time of creation, for the trainer's list */
  readonly createdAt: string;
  /** whether students see the faults in force and the set-up (the trainer's choice; default hidden) */
  readonly faultsVisible: boolean;
  /** when every objective was first met: wall-clock ISO time and the lab's virtual time */
  readonly completed?: LabCompletion;
}

export interface LabCompletion {
  readonly at: string;
  readonly virtualMs: number;
}

/**
 * A lab's world after its first `entryCount` log entries (issue #15): a restore loads it and
 * replays only the entries after it. `clockCoveredMs`: when the last of those entries is a clock
 * advance, how much of it the checkpoint saw (the entry may be folded longer later).
 */
export interface StoredCheckpoint {
  readonly format: number;
  readonly entryCount: number;
  readonly clockCoveredMs: number | null;
  readonly virtualMs: number;
  /** JSON text */
  readonly state: string;
  /**
   * Where the twin's kept log lines are, when the checkpoint keeps them apart (logRows.ts): for each
   * peer, the seqs [from, to) of its lines in the lab's stored log lines. null: they are in `state`.
   */
  readonly logLines: readonly LogLineRange[] | null;
}

/** One peer's kept log lines, as a range of the lab's stored log lines. */
export interface LogLineRange {
  readonly peer: string;
  readonly from: number;
  readonly to: number;
}

/** One log line a peer of a lab wrote: its number (per peer, counting up) and its record as JSON text. */
export interface StoredLogLine {
  readonly peer: string;
  readonly seq: number;
  readonly record: string;
}

export interface LabStore {
  insert(lab: StoredLab): void;
  /** What is wrong with the store as found (a table missing); a damaged store refuses every write. */
  readonly damage: string | undefined;
  /** The stored labs, and the ones whose row is malformed (each with why). */
  all(): { labs: StoredLab[]; bad: { id: string; reason: string }[] };
  entries(labId: string): LabEntry[];
  /** Writes entry number `seq` (0-based) of a lab's log; `replace` overwrites it (a folded clock advance). */
  write(labId: string, seq: number, entry: LabEntry, replace: boolean): void;
  /** A server-wide setting, made by `make` and kept the first time it is asked for. */
  setting(name: string, make: () => string): string;
  setClock(labId: string, running: boolean, speed: number): void;
  /** The lab's latest checkpoint, if one was kept. */
  checkpoint(labId: string): StoredCheckpoint | undefined;
  /**
   * Keep `checkpoint` as the lab's latest (the one before goes), with `lines`, in one write; each
   * peer's stored log lines before the checkpoint's range go (no checkpoint needs them any more).
   */
  putCheckpoint(labId: string, checkpoint: StoredCheckpoint, lines: readonly StoredLogLine[]): void;
  /** Keep log lines of a lab (a line of the same peer and seq is replaced). */
  putLogLines(labId: string, lines: readonly StoredLogLine[]): void;
  /** The records (JSON text) of one peer's stored log lines in `range`, in order; throws when one is missing. */
  logLines(labId: string, range: LogLineRange): string[];
  setFaultsVisible(labId: string, visible: boolean): void;
  setCompleted(labId: string, completion: LabCompletion): void;
  /** The last fault inside the model the lab met (its trainer sees it, after a restart too). */
  modelFault(labId: string): LabModelFault | undefined;
  setModelFault(labId: string, fault: LabModelFault): void;
  remove(labId: string): void;
  /** A small write that throws when the store cannot be written (the server probes for recovery). */
  probe(): void;
  close(): void;
}
