/**
 * When a lab's world is checkpointed (issue #15): after a change the store has kept, once
 * CHECKPOINT_EVERY_ENTRIES log entries or CHECKPOINT_EVERY_VIRTUAL_MS of virtual time have passed
 * since the lab's last checkpoint, its twin is saved into the store beside its log. A restore then
 * loads that and replays only what came after, so it costs about the same for a lab one hour or one
 * year old. A checkpoint is only ever a shortcut: the log stays the truth, a checkpoint that cannot
 * be made or written is skipped (the log already holds the change), and a restore that cannot use
 * one replays the whole log and says so (persistence.ts).
 *
 * When the twin keeps its log lines apart (twinCheckpoints.ts), the lines a lab's peers filed are
 * written after a kept change once LOG_LINES_PER_WRITE are waiting, and the rest with the next
 * checkpoint (logRows.ts), which holds only where they are: a checkpoint costs a few milliseconds,
 * not the 30 to 45 of writing 1.3 MB of lines each time.
 */
import type { Lab } from './lab.js';
import { CHECKPOINT_EVERY_ENTRIES, CHECKPOINT_EVERY_VIRTUAL_MS, LOG_LINES_PER_WRITE } from './limits.js';
import { LogRows, type LogRowsToWrite } from './logRows.js';
import type { LoadedLogs } from './persistence.js';
import type { LabStore, StoredCheckpoint } from './store.js';
import type { TwinCheckpoints } from './twinCheckpoints.js';

interface Kept {
  /** where its latest checkpoint (written or tried) stands */
  mark: { readonly entryCount: number; readonly virtualMs: number };
  /** which of its log lines the store has */
  readonly rows: LogRows;
}

export class LabCheckpoints {
  private readonly labs = new Map<string, Kept>();

  constructor(
    private readonly store: LabStore,
    readonly twins: TwinCheckpoints,
    /** runs a store write; throws when the store refuses it (the health monitor notes that) */
    private readonly write: (fn: () => void) => void,
    /** hears why a checkpoint was not kept (the lab itself is fine) */
    private readonly onSkipped: (labId: string, why: string) => void,
  ) {}

  /** Whether this build checkpoints at all (a twin that cannot save itself is not checkpointed). */
  get enabled(): boolean {
    return this.twins.format > 0;
  }

  /**
   * Where the lab's stored checkpoint stands (a new lab: nowhere yet); `loadedLogs`: the log
   * records it was rebuilt with from that checkpoint, if it was.
   */
  note(labId: string, lab: Lab, fromStore: boolean, loadedLogs?: LoadedLogs): void {
    let stored: StoredCheckpoint | undefined;
    try {
      stored = fromStore ? this.store.checkpoint(labId) : undefined;
    } catch {
      stored = undefined; // a damaged one: the next checkpoint replaces it
    }
    const usable = stored && stored.format === this.twins.format ? stored : undefined;
    this.labs.set(labId, {
      mark: usable ? { entryCount: usable.entryCount, virtualMs: usable.virtualMs } : { entryCount: 0, virtualMs: fromStore ? 0 : lab.twin.nowMs },
      rows: new LogRows(usable?.logLines, loadedLogs),
    });
  }

  forget(labId: string): void {
    this.labs.delete(labId);
  }

  /** After a kept change: store the lab's new log lines, and checkpoint it if it is due. */
  consider(labId: string, lab: Lab): void {
    if (!this.enabled) return;
    let kept = this.labs.get(labId);
    if (!kept) this.labs.set(labId, (kept = { mark: { entryCount: 0, virtualMs: 0 }, rows: new LogRows() }));
    const { mark, rows } = kept;
    const due = lab.entries.length - mark.entryCount >= CHECKPOINT_EVERY_ENTRIES || lab.twin.nowMs - mark.virtualMs >= CHECKPOINT_EVERY_VIRTUAL_MS;
    if (!due) {
      if (this.twins.logsApart && rows.waiting(lab.twin) >= LOG_LINES_PER_WRITE) this.keepLines(labId, rows.toWrite(lab.twin));
      return;
    }
    const lines = this.twins.logsApart ? rows.toWrite(lab.twin) : undefined;
    // Marked even if it fails: a lab that cannot be saved is tried again a period later, not every tick.
    kept.mark = { entryCount: lab.entries.length, virtualMs: lab.twin.nowMs };
    let checkpoint: StoredCheckpoint;
    try {
      checkpoint = lab.checkpoint(this.twins, lines?.ranges ?? null);
    } catch (e) {
      this.onSkipped(labId, `its world could not be saved: ${(e as Error).message}`);
      if (lines) this.keepLines(labId, lines);
      return;
    }
    this.keep(labId, 'it', () => this.store.putCheckpoint(labId, checkpoint, lines?.lines ?? []), lines?.commit);
  }

  private keepLines(labId: string, lines: LogRowsToWrite): void {
    if (lines.lines.length > 0) this.keep(labId, 'its new log lines (they go with the next write)', () => this.store.putLogLines(labId, lines.lines), lines.commit);
  }

  private keep(labId: string, what: string, put: () => void, commit?: () => void): void {
    try {
      this.write(put);
      commit?.();
    } catch (e) {
      this.onSkipped(labId, `the store did not keep ${what}: ${(e as Error).message}`);
    }
  }
}
