// Determinism of one peer (STYLE R3, R5): the same scripted run gives the same trace hash and the
// same log text, whatever else the process did before; a different order of the same actions gives
// a different hash. This is what lets a lab be rebuilt from its seed and action log.
import { describe, expect, it } from 'vitest';
import { formatLogLine } from '../../src/expressway/logLines.js';
import { TIMINGS } from '../../src/expressway/timings.js';
import { buildPeer, CLI, EPOCH_UTC_MS, peerListEdits, type Rig } from './helpers.js';

type Step = (rig: Rig) => void;

const STEPS: Record<string, Step> = {
  clusterOfOne: (r) => r.peer.save(peerListEdits(['10.0.0.11']), CLI),
  enforceTls: (r) => r.peer.save({ 'Alternates Cluster TLSVerificationMode': 'Enforce' }, CLI),
  maintenanceOn: (r) => r.peer.save({ 'Maintenance Mode': 'On' }, CLI),
  rename: (r) => r.peer.save({ 'SystemUnit Name': 'Edge A' }, CLI),
  restart: (r) => {
    r.peer.restart();
    r.queue.advance(TIMINGS.restartDurationMs);
  },
  upgradeAndReboot: (r) => {
    r.peer.upgrade('X15.0.2');
    r.peer.reboot();
    r.queue.advance(TIMINGS.rebootDurationMs);
  },
  wait: (r) => r.queue.advance(61_000),
  tick: (r) => r.queue.advance(1),
};

function run(order: readonly string[]): { hash: string; events: number; log: string } {
  const rig = buildPeer();
  for (const name of order) STEPS[name]!(rig);
  const log = rig.logs.map((l) => formatLogLine(l, { epochUtcMs: EPOCH_UTC_MS, utcOffsetMinutes: -300 })).join('\n');
  return { hash: rig.trace.hash(), events: rig.trace.count, log };
}

const SCRIPT = ['clusterOfOne', 'wait', 'enforceTls', 'maintenanceOn', 'restart', 'rename', 'upgradeAndReboot', 'wait'];

describe('determinism of one peer', () => {
  it('two identical scripted runs give the same trace hash, event count and log text', () => {
    const a = run(SCRIPT);
    const b = run(SCRIPT);
    expect(a.events).toBeGreaterThan(12);
    expect(b.hash).toBe(a.hash);
    expect(b.events).toBe(a.events);
    expect(b.log).toBe(a.log);
  });

  it('the hash does not depend on what the process did before (xstate session ids stay out of the trace, R5b)', () => {
    const a = run(SCRIPT);
    for (let i = 0; i < 25; i++) buildPeer({ id: `noise${i}` }).peer.restart();
    expect(run(SCRIPT).hash).toBe(a.hash);
  });

  it('a different order of the same actions gives a different hash', () => {
    const swapped = ['clusterOfOne', 'wait', 'maintenanceOn', 'enforceTls', 'restart', 'rename', 'upgradeAndReboot', 'wait'];
    const late = ['clusterOfOne', 'wait', 'enforceTls', 'maintenanceOn', 'restart', 'upgradeAndReboot', 'rename', 'wait'];
    const base = run(SCRIPT).hash;
    expect(run(swapped).hash).not.toBe(base);
    expect(run(late).hash).not.toBe(base);
  });

  it('the same actions a millisecond later give a different hash (time is part of every event)', () => {
    expect(run(['tick', ...SCRIPT]).hash).not.toBe(run(SCRIPT).hash);
  });
});
