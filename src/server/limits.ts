/**
 * How much work one uploaded runbook may ask of the server: it runs inside a request (a rehearsal)
 * or at lab creation (the set-up steps), while everyone else waits. A 6-peer virtual day runs in
 * well under a second (npm run bench), so these bounds keep any upload to seconds.
 */
import { durationMs } from '../runbook/run.js';
import type { Runbook } from '../runbook/schema.js';

export const MAX_UPLOAD_PEERS = 12;
export const MAX_UPLOAD_STEPS = 500;
export const MAX_UPLOAD_WAIT_MS = 48 * 3_600_000;

/** Why the runbook is too big for the server, or undefined. */
export function uploadTooBig(runbook: Runbook): string | undefined {
  if (runbook.topology.peers.length > MAX_UPLOAD_PEERS) return `${runbook.topology.peers.length} peers; the server runs at most ${MAX_UPLOAD_PEERS} (use xtwin run for more)`;
  if (runbook.steps.length > MAX_UPLOAD_STEPS) return `${runbook.steps.length} steps; the server runs at most ${MAX_UPLOAD_STEPS} (use xtwin run for more)`;
  const waited = runbook.steps.reduce((sum, s) => sum + ('wait' in s ? durationMs(typeof s.wait === 'object' ? s.wait.limit : s.wait) : 0), 0);
  if (waited > MAX_UPLOAD_WAIT_MS) return `its waits add up to ${Math.round(waited / 3_600_000)} h; the server runs at most ${MAX_UPLOAD_WAIT_MS / 3_600_000} h (use xtwin run for more)`;
  return undefined;
}
