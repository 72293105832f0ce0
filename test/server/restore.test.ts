// Restarts and long-lived labs (issue #15): a restore replays in slices (so a server restoring in the
// background answers requests) and must give the very lab that was stored — same state, same future;
// the server listens at once and answers "restoring" for a lab not yet back; a lab's memory (trace,
// logs) stays within stated bounds whatever its virtual age.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Action } from '../../src/operator/index.js';
import { startServer } from '../../src/server/app.js';
import { Lab } from '../../src/server/lab.js';
import { LAB_LOG_LINES_KEPT, LAB_TRACE_KEPT, REPLAY_SLICE_MS } from '../../src/server/limits.js';
import { procedureActions, runbookAt } from './helpers.js';
import { NO_TWIN_CHECKPOINTS } from '../../src/server/twinCheckpoints.js';

const ADD_PEER_LAB = runbookAt('labs/add-peer.yaml');
const ACTIONS: Action[] = [
  ...procedureActions('procedures/add-peer.yaml').filter((a) => a.kind !== 'wait'),
  { kind: 'fault', fault: { kind: 'power-loss', peer: 'expc02' } } as Action,
  { kind: 'tshell', peer: 'expc01', line: 'xStatus Alarm' },
];

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Events recorded so far (the last event's seq; the trace may have dropped older ones). */
const seen = (lab: Lab) => lab.twin.events().at(-1)?.seq ?? 0;

function finish(steps: Generator<void, Lab>): { lab: Lab; slices: number } {
  let slices = 0;
  for (;;) {
    const s = steps.next();
    if (s.done) return { lab: s.value, slices };
    slices++;
  }
}

describe('restoring a lab', () => {
  it('property: a lab restored in slices has the same state and the same future trace as the lab that ran', () => {
    const step = fc.oneof(
      // clock entries up to three slices long, so slicing inside one entry is exercised
      fc.record({ clock: fc.integer({ min: 1, max: 3 * REPLAY_SLICE_MS }) }),
      fc.record({ action: fc.constantFrom(...ACTIONS) }),
    );
    const apply = (lab: Lab, s: { clock: number } | { action: Action }) => {
      if ('clock' in s) lab.advanceClock(s.clock);
      else lab.apply(s.action, s.action.kind === 'fault' ? 'trainer' : 'student');
    };
    fc.assert(fc.property(fc.array(step, { maxLength: 10 }), fc.array(step, { minLength: 1, maxLength: 4 }), (past, future) => {
      const ran = Lab.open(ADD_PEER_LAB);
      for (const s of past) apply(ran, s);
      const { lab: restored } = finish(Lab.replaying(ADD_PEER_LAB, ADD_PEER_LAB.seed ?? 1, ran.entries));
      expect(restored.twin.nowMs).toBe(ran.twin.nowMs);
      expect(restored.twin.hash()).toBe(ran.twin.hash());
      expect(restored.entries).toEqual(ran.entries);
      expect(restored.grade()).toEqual(ran.grade());
      // The same future: what happens next is the same, event for event.
      const mark = seen(ran);
      for (const s of future) {
        apply(ran, s);
        apply(restored, s);
      }
      expect(seen(restored)).toBe(seen(ran));
      expect(restored.twin.events().slice(-(seen(ran) - mark))).toEqual(ran.twin.events().slice(-(seen(ran) - mark)));
      expect(restored.twin.hash()).toBe(ran.twin.hash());
    }), { numRuns: 8 });
  });

  it('slices a long clock entry: one slice per REPLAY_SLICE_MS of virtual time', () => {
    const ran = Lab.open(ADD_PEER_LAB);
    ran.advanceClock(6 * REPLAY_SLICE_MS);
    const { slices } = finish(Lab.replaying(ADD_PEER_LAB, ADD_PEER_LAB.seed ?? 1, ran.entries));
    expect(slices).toBe(7);
  });

  it('the server listens at once and answers "restoring" for a lab not yet back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xtwin-restore-'));
    dirs.push(dir);
    const file = join(dir, 'labs.db');
    // Without checkpoints, so the lab replays its whole log and is seen restoring (from a checkpoint it is back at once).
    const first = await startServer({ dbFile: file, httpPort: 0, tick: false, twins: NO_TWIN_CHECKPOINTS });
    const created = first.labs.create({ ...first.catalog.find((c) => c.name === 'add-peer')!, running: false });
    if (!created.ok) throw new Error(created.message);
    const { id, studentToken } = created.view.meta;
    // A few virtual days: a replay long enough to be seen restoring.
    for (let i = 0; i < 12; i++) first.labs.act(id, 'student', { kind: 'wait', durationMs: 6 * 3_600_000 });
    await first.close();

    const second = await startServer({ dbFile: file, httpPort: 0, tick: false, twins: NO_TWIN_CHECKPOINTS });
    try {
      const health = await fetch(`${second.url}/api/health`);
      expect(health.status).toBe(200);
      const early = await fetch(`${second.url}/api/labs/${id}`, { headers: { authorization: `Bearer ${studentToken}` } });
      expect(early.status).toBe(503);
      expect(((await early.json()) as { error: { code: string } }).error.code).toBe('XTW_ERR_SERVER_RESTORING');
      // A wrong token learns nothing about the lab while it is restored.
      expect((await fetch(`${second.url}/api/labs/${id}`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(404);
      await second.restored;
      const back = await fetch(`${second.url}/api/labs/${id}`, { headers: { authorization: `Bearer ${studentToken}` } });
      expect(back.status).toBe(200);
      expect(((await back.json()) as { clock: { nowMs: number } }).clock.nowMs).toBeGreaterThan(72 * 3_600_000);
    } finally {
      await second.close();
    }
  }, 120_000);
});

describe('a long-lived lab', () => {
  it('keeps at most LAB_TRACE_KEPT trace events and LAB_LOG_LINES_KEPT log lines a peer', () => {
    const lab = Lab.open(runbookAt('labs/add-peer.yaml'));
    const logged = new Map<string, number>();
    for (let day = 0; day < 4; day++) {
      lab.apply({ kind: 'tshell', peer: 'expc01', line: 'xConfiguration Alternates Peer 3 Address: "10.0.0.13"' }, 'student');
      lab.apply({ kind: 'tshell', peer: 'expc01', line: 'xConfiguration Alternates Peer 3 Address: ""' }, 'student');
      lab.advanceClock(24 * 3_600_000);
      for (const peer of lab.twin.peerNames()) logged.set(peer, Math.max(logged.get(peer) ?? 0, lab.twin.logLines(peer).length));
    }
    expect(lab.twin.events().length).toBeLessThanOrEqual(LAB_TRACE_KEPT);
    // The busy peers' logs filled to their bound and stay there (between the bound and a tenth above it).
    expect(logged.get('expc01')).toBeGreaterThanOrEqual(LAB_LOG_LINES_KEPT);
    for (const peer of lab.twin.peerNames()) expect(lab.twin.logLines(peer).length).toBeLessThanOrEqual(LAB_LOG_LINES_KEPT * 1.1 + 1);
  }, 120_000);
});
