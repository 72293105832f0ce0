/**
 * How the lab server saves a lab's twin and builds one back (issue #15), as one small interface:
 * the store and the restore path depend on this, not on how a twin serialises itself, so the
 * server side stands (and is tested) on its own, and the twin's own `checkpoint`/`fromCheckpoint`
 * plug in here in one place.
 */
import { attachTimeline } from '../runbook/run.js';
import type { Runbook } from '../runbook/schema.js';
import { restoreTwin, TWIN_CHECKPOINT_FORMAT, type Seed, type Twin, type TwinCheckpoint } from '../twin.js';
import type { LabEntry } from './lab.js';
import { LAB_LOG_LINES_KEPT, LAB_TRACE_KEPT } from './limits.js';

/** What a lab's twin is built with (the same whether it is new or restored). */
export const LAB_TWIN_OPTIONS = { traceKept: LAB_TRACE_KEPT, logLinesKept: LAB_LOG_LINES_KEPT } as const;

/** Each peer's kept log records, as a twin checkpoint holds them (peer, records oldest first). */
export type TwinLogs = TwinCheckpoint['logs'];

export interface TwinCheckpoints {
  /** Bumped whenever the saved shape changes: a stored checkpoint of another format is not used. */
  readonly format: number;
  /**
   * Whether `save` leaves the peers' kept log lines out and `load` takes them apart: the server then
   * stores each line once, as it is filed (logRows.ts), instead of in every checkpoint — they are
   * nearly all of a lab's world (a two-day-old add-peer lab: 1.2 of 1.3 MB).
   */
  readonly logsApart: boolean;
  /**
   * The twin as plain JSON; throws when this twin cannot be saved (then no checkpoint is written).
   * `log` is the lab's log so far (a replay base may keep it; a twin that saves itself ignores it).
   */
  save(twin: Twin, log: readonly LabEntry[]): unknown;
  /** A twin built for `runbook`'s topology and `seed` the normal way, then given the saved state (and `logs`, when kept apart). */
  load(runbook: Runbook, seed: Seed, saved: unknown, logs?: TwinLogs): Twin;
}

/**
 * Until the twin saves itself (the model side of issue #15), no lab is checkpointed: every save
 * says so, and restores replay the whole log as before.
 */
export const NO_TWIN_CHECKPOINTS: TwinCheckpoints = {
  format: 0,
  logsApart: false,
  save: () => {
    throw new Error('this build cannot save a twin yet');
  },
  load: () => {
    throw new Error('this build cannot load a twin checkpoint');
  },
};

/**
 * The twin's own checkpoint (src/twin/checkpoint.ts): the whole world as JSON but its log lines
 * (kept apart), loaded into a twin built the normal way. A checkpoint stored with its log lines
 * inside (before they were kept apart) loads as it is.
 */
export const TWIN_SAVES_ITSELF: TwinCheckpoints = {
  format: TWIN_CHECKPOINT_FORMAT,
  logsApart: true,
  save: (twin) => ({ ...twin.checkpoint(), logs: [] }),
  // The runbook's timeline faults still to come are pending in the checkpoint: their work is registered first.
  load: (runbook, seed, saved, logs) => restoreTwin({ seed, topology: runbook.topology, ...LAB_TWIN_OPTIONS }, logs ? { ...(saved as TwinCheckpoint), logs } : saved as TwinCheckpoint, attachTimeline),
};

/** What the server uses. */
export const LAB_TWIN_CHECKPOINTS: TwinCheckpoints = TWIN_SAVES_ITSELF;
