/**
 * A lab and its store: rebuilding a lab from what was stored (its runbook, seed and log), which is
 * how the server restores labs after a restart and how a change that failed halfway is undone.
 * With a checkpoint of this build's format, the rebuild loads it and replays only the entries
 * after it (issue #15); a checkpoint of another format, or one that fails to load or to fit the
 * log, is not used: the whole log is replayed and a warning says why.
 */
import type { Runbook } from '../runbook/schema.js';
import { formatRunbookErrors, parseRunbook } from '../runbook/load.js';
import { Lab } from './lab.js';
import { RESTORE_SLICE_WALL_MS } from './limits.js';
import { runInSlices, runToEnd } from './slices.js';
import type { LabStore, LogLineRange, StoredLab } from './store.js';
import type { LogRecord } from '../twin.js';
import { NO_TWIN_CHECKPOINTS, type TwinCheckpoints } from './twinCheckpoints.js';

export type Rebuilt =
  | { readonly ok: true; readonly lab: Lab; readonly fromCheckpoint: boolean; readonly warning?: string; readonly loadedLogs?: LoadedLogs }
  | { readonly ok: false; readonly reason: string };

/** The log records a lab rebuilt from its checkpoint was given, per peer (they are the store's rows: logRows.ts). */
export type LoadedLogs = ReadonlyMap<string, readonly LogRecord[]>;

/** `rebuildLab` in slices, awaiting `pause` between them so other work runs meanwhile. */
export async function rebuildInSlices(store: LabStore, meta: StoredLab, pause: () => Promise<void>,
  twins: TwinCheckpoints = NO_TWIN_CHECKPOINTS): Promise<Rebuilt> {
  const parsed = parseRunbook(meta.source, meta.sourceName);
  if (!parsed.ok) return { ok: false, reason: formatRunbookErrors(parsed.errors) };
  try {
    return { ok: true, ...await runInSlices(rebuilding(store, meta, parsed.runbook, twins), pause, RESTORE_SLICE_WALL_MS) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

/** The lab exactly as the store has it; a runbook that no longer loads, or a log that does not replay, is a reason. */
export function rebuildLab(store: LabStore, meta: StoredLab, twins: TwinCheckpoints = NO_TWIN_CHECKPOINTS): Rebuilt {
  const parsed = parseRunbook(meta.source, meta.sourceName);
  if (!parsed.ok) return { ok: false, reason: formatRunbookErrors(parsed.errors) };
  try {
    return { ok: true, ...runToEnd(rebuilding(store, meta, parsed.runbook, twins)) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

function* rebuilding(store: LabStore, meta: StoredLab, runbook: Runbook, twins: TwinCheckpoints): Generator<void, { lab: Lab; fromCheckpoint: boolean; warning?: string; loadedLogs?: LoadedLogs }> {
  const entries = store.entries(meta.id);
  let warning: string | undefined;
  let checkpoint;
  try {
    checkpoint = store.checkpoint(meta.id);
  } catch (e) {
    warning = `its checkpoint could not be read (${(e as Error).message})`;
  }
  if (checkpoint && checkpoint.format !== twins.format) {
    warning = `its checkpoint is of format ${checkpoint.format} and this server reads ${twins.format > 0 ? `format ${twins.format}` : 'none'}`;
  } else if (checkpoint) {
    try {
      // (a twin that keeps its log lines apart also loads a checkpoint that has them inside: written before)
      if (checkpoint.logLines !== null && !twins.logsApart) throw new Error('its log lines are kept apart, and this server reads them inside it');
      const logs = checkpoint.logLines && storedLogs(store, meta.id, checkpoint.logLines);
      const lab = yield* Lab.resuming(runbook, meta.seed, checkpoint, entries, twins, logs ?? undefined);
      return { lab, fromCheckpoint: true, ...(logs ? { loadedLogs: new Map(logs) } : {}) };
    } catch (e) {
      warning = `its checkpoint did not load (${(e as Error).message})`;
    }
  }
  const lab = yield* Lab.replaying(runbook, meta.seed, entries);
  return { lab, fromCheckpoint: false, ...(warning ? { warning: `${warning}: its whole log was replayed instead` } : {}) };
}

/** Each peer's kept log records, read from the store's rows (logRows.ts). */
function storedLogs(store: LabStore, labId: string, ranges: readonly LogLineRange[]): [string, LogRecord[]][] {
  return ranges.map((r) => [r.peer, store.logLines(labId, r).map((text) => JSON.parse(text) as LogRecord)]);
}
