/**
 * How the lab server saves a lab's twin and builds one back (issue #15), as one small interface:
 * the store and the restore path depend on this, not on how a twin serialises itself, so the
 * server side stands (and is tested) on its own, and the twin's own `checkpoint`/`fromCheckpoint`
 * plug in here in one place.
 */
import type { Runbook } from '../runbook/schema.js';
import { restoreTwin, TWIN_CHECKPOINT_FORMAT, type Seed, type Twin, type TwinCheckpoint } from '../twin.js';
import type { LabEntry } from './lab.js';
import { LAB_LOG_LINES_KEPT, LAB_TRACE_KEPT } from './limits.js';

/** What a lab's twin is built with (the same whether it is new or restored). */
export const LAB_TWIN_OPTIONS = { traceKept: LAB_TRACE_KEPT, logLinesKept: LAB_LOG_LINES_KEPT } as const;

export interface TwinCheckpoints {
  /** Bumped whenever the saved shape changes: a stored checkpoint of another format is not used. */
  readonly format: number;
  /**
   * The twin as plain JSON; throws when this twin cannot be saved (then no checkpoint is written).
   * `log` is the lab's log so far (a replay base may keep it; a twin that saves itself ignores it).
   */
  save(twin: Twin, log: readonly LabEntry[]): unknown;
  /** A twin built for `runbook`'s topology and `seed` the normal way, then given the saved state. */
  load(runbook: Runbook, seed: Seed, saved: unknown): Twin;
}

/**
 * Until the twin saves itself (the model side of issue #15), no lab is checkpointed: every save
 * says so, and restores replay the whole log as before.
 */
export const NO_TWIN_CHECKPOINTS: TwinCheckpoints = {
  format: 0,
  save: () => {
    throw new Error('this build cannot save a twin yet');
  },
  load: () => {
    throw new Error('this build cannot load a twin checkpoint');
  },
};

/** The twin's own checkpoint (src/twin/checkpoint.ts): the whole world as JSON, loaded into a twin built the normal way. */
export const TWIN_SAVES_ITSELF: TwinCheckpoints = {
  format: TWIN_CHECKPOINT_FORMAT,
  save: (twin) => twin.checkpoint(),
  load: (runbook, seed, saved) => restoreTwin({ seed, topology: runbook.topology, ...LAB_TWIN_OPTIONS }, saved as TwinCheckpoint),
};

/** What the server uses. */
export const LAB_TWIN_CHECKPOINTS: TwinCheckpoints = TWIN_SAVES_ITSELF;
