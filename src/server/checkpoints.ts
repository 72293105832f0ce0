/**
 * When a lab's world is checkpointed (issue #15): after a change the store has kept, once
 * CHECKPOINT_EVERY_ENTRIES log entries or CHECKPOINT_EVERY_VIRTUAL_MS of virtual time have passed
 * since the lab's last checkpoint, its twin is saved into the store beside its log. A restore then
 * loads that and replays only what came after, so it costs about the same for a lab one hour or one
 * year old. A checkpoint is only ever a shortcut: the log stays the truth, a checkpoint that cannot
 * be made or written is skipped (the log already holds the change), and a restore that cannot use
 * one replays the whole log and says so (persistence.ts).
 */
import type { Lab } from './lab.js';
import { CHECKPOINT_EVERY_ENTRIES, CHECKPOINT_EVERY_VIRTUAL_MS } from './limits.js';
import type { LabStore } from './store.js';
import type { TwinCheckpoints } from './twinCheckpoints.js';

interface Mark {
  readonly entryCount: number;
  readonly virtualMs: number;
}

export class LabCheckpoints {
  /** per lab: where its latest checkpoint (written or tried) stands */
  private readonly marks = new Map<string, Mark>();

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

  /** Where the lab's stored checkpoint stands (a new lab: nowhere yet). */
  note(labId: string, lab: Lab, fromStore: boolean): void {
    const stored = fromStore ? this.store.checkpoint(labId) : undefined;
    this.marks.set(labId, stored && stored.format === this.twins.format
      ? { entryCount: stored.entryCount, virtualMs: stored.virtualMs }
      : { entryCount: 0, virtualMs: fromStore ? 0 : lab.twin.nowMs });
  }

  forget(labId: string): void {
    this.marks.delete(labId);
  }

  /** After a kept change: checkpoint the lab if it is due. */
  consider(labId: string, lab: Lab): void {
    if (!this.enabled) return;
    const mark = this.marks.get(labId) ?? { entryCount: 0, virtualMs: 0 };
    const due = lab.entries.length - mark.entryCount >= CHECKPOINT_EVERY_ENTRIES || lab.twin.nowMs - mark.virtualMs >= CHECKPOINT_EVERY_VIRTUAL_MS;
    if (!due) return;
    // Marked even if it fails: a lab that cannot be saved is tried again a period later, not every tick.
    this.marks.set(labId, { entryCount: lab.entries.length, virtualMs: lab.twin.nowMs });
    let checkpoint;
    try {
      checkpoint = lab.checkpoint(this.twins);
    } catch (e) {
      this.onSkipped(labId, `its world could not be saved: ${(e as Error).message}`);
      return;
    }
    try {
      this.write(() => this.store.putCheckpoint(labId, checkpoint));
    } catch (e) {
      this.onSkipped(labId, `the store did not keep it: ${(e as Error).message}`);
    }
  }
}
