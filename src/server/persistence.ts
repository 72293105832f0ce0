/**
 * A lab and its store: rebuilding a lab from what was stored (its runbook, seed and log), which is
 * how the server restores labs after a restart and how a change that failed halfway is undone.
 */
import { formatRunbookErrors, parseRunbook } from '../runbook/load.js';
import { Lab } from './lab.js';
import { RESTORE_SLICE_WALL_MS } from './limits.js';
import { runInSlices } from './slices.js';
import type { LabStore, StoredLab } from './store.js';

export type Rebuilt = { readonly ok: true; readonly lab: Lab } | { readonly ok: false; readonly reason: string };

/** `rebuildLab` in slices (Lab.replaying), awaiting `pause` between them so other work runs meanwhile. */
export async function rebuildInSlices(store: LabStore, meta: StoredLab, pause: () => Promise<void>): Promise<Rebuilt> {
  const parsed = parseRunbook(meta.source, meta.sourceName);
  if (!parsed.ok) return { ok: false, reason: formatRunbookErrors(parsed.errors) };
  try {
    return { ok: true, lab: await runInSlices(Lab.replaying(parsed.runbook, meta.seed, store.entries(meta.id)), pause, RESTORE_SLICE_WALL_MS) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}

/** The lab exactly as the store has it; a runbook that no longer loads, or a log that does not replay, is a reason. */
export function rebuildLab(store: LabStore, meta: StoredLab): Rebuilt {
  const parsed = parseRunbook(meta.source, meta.sourceName);
  if (!parsed.ok) return { ok: false, reason: formatRunbookErrors(parsed.errors) };
  try {
    return { ok: true, lab: Lab.replay(parsed.runbook, meta.seed, store.entries(meta.id)) };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
