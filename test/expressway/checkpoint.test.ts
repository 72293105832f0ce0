// A peer saved mid-run and loaded into a freshly built one (issue #15): the same state, and the same
// future — trace events, log lines, alarms and lifecycle — as the peer that ran on, whatever was
// pending (a restart half-done, 20007 on its way, a certificate check, a factory reset armed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TreeReader, TreeWriter, type PeerState } from '../../src/expressway/checkpoint.js';
import { PeerError } from '../../src/expressway/errors.js';
import type { Config } from '../../src/expressway/config/schema.js';
import type { QueueSave } from '../../sim/index.js';
import { buildPeer, CLI, peerListEdits, type Rig } from './helpers.js';

const LIST = ['10.0.0.11', '10.0.0.12', '10.0.0.13'];

type Op =
  | { op: 'list'; n: number }
  | { op: 'maintenance'; on: boolean }
  | { op: 'lan1'; last: number }
  | { op: 'restart' | 'reboot' | 'powerOff' | 'powerOn' | 'factoryReset' | 'failDatabase' | 'recover' | 'backup' | 'restore' | 'upgrade' }
  | { op: 'wait'; ms: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('list' as const), n: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('maintenance' as const), on: fc.boolean() }),
  fc.record({ op: fc.constant('lan1' as const), last: fc.integer({ min: 11, max: 13 }) }),
  fc.constantFrom('restart', 'reboot', 'powerOff', 'powerOn', 'factoryReset', 'failDatabase', 'recover', 'backup', 'restore', 'upgrade').map((op) => ({ op }) as Op),
  fc.record({ op: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 1_000, max: 30 * 60_000 })) }),
);

function apply(rig: Rig, o: Op): void {
  const p = rig.peer;
  try {
    switch (o.op) {
      case 'list': return void p.save(peerListEdits(LIST.slice(0, o.n)), CLI);
      case 'maintenance': return void p.save({ 'Maintenance Mode': o.on ? 'On' : 'Off' }, CLI);
      case 'lan1': return void p.save({ 'Ethernet 1 IP V4 Address': `10.0.0.${o.last}` }, CLI);
      case 'powerOff': return p.send({ type: 'POWER_OFF' });
      case 'powerOn': return p.send({ type: 'POWER_ON' });
      case 'factoryReset': return p.send({ type: 'FACTORY_RESET' });
      case 'failDatabase': return p.send({ type: 'DATABASE_FAILED' });
      case 'recover': return p.send({ type: 'DATABASE_RECOVERED' });
      case 'backup': return void p.backup();
      case 'restore': return p.restore('latest');
      case 'upgrade': return p.upgrade('X15.0.0');
      case 'wait': return void rig.queue.advance(o.ms);
      default: return p[o.op]();
    }
  } catch (e) {
    if (!(e instanceof PeerError)) throw e; // a refusal is the same on both peers
  }
}

interface Checkpoint {
  trees: Config[];
  peer: PeerState;
  queue: QueueSave;
}

function checkpoint(rig: Rig): Checkpoint {
  const trees = new TreeWriter();
  const peer = rig.peer.saveState(trees);
  return JSON.parse(JSON.stringify({ trees: trees.trees, peer, queue: rig.queue.save() })) as Checkpoint;
}

function restored(c: Checkpoint): Rig {
  const rig = buildPeer();
  rig.peer.loadState(c.peer, new TreeReader(c.trees));
  rig.queue.load(c.queue);
  return rig;
}

/** What a peer did from trace position `from` on: events without their journal sequence numbers. */
function future(rig: Rig, fromEvent: number, fromLog: number) {
  return {
    events: rig.trace.all().slice(fromEvent).map(({ seq: _, ...e }) => e),
    logs: rig.logs.slice(fromLog),
    state: rig.peer.state,
    alarms: rig.peer.alarms.list().map((a) => [a.key, a.detail, a.raisedAtMs]),
    pending: rig.peer.config.pending(),
    armed: rig.peer.factoryResetArmed(),
    backups: rig.peer.backupNames(),
  };
}

describe('peer checkpoint', () => {
  it('a peer loaded from a checkpoint taken at any point has the same future as the one that ran on', () => {
    fc.assert(fc.property(fc.array(opArb, { maxLength: 14 }), fc.array(opArb, { maxLength: 10 }), (before, after) => {
      const a = buildPeer();
      for (const o of before) apply(a, o);
      const saved = checkpoint(a);
      const b = restored(saved);
      // save ∘ load ∘ save is the identity
      expect(checkpoint(b)).toEqual(saved);
      const [eventsA, logsA, eventsB, logsB] = [a.trace.all().length, a.logs.length, b.trace.all().length, b.logs.length];
      for (const o of [...after, { op: 'wait', ms: 40 * 60_000 } as Op]) {
        apply(a, o);
        apply(b, o);
      }
      expect(future(b, eventsB, logsB)).toEqual(future(a, eventsA, logsA));
      expect(checkpoint(b)).toEqual(checkpoint(a));
    }));
  });

  it('keeps a pending restart, its timer and the configuration trees it shares', () => {
    const a = buildPeer();
    a.peer.save({ 'Ethernet 1 IP V4 Address': '10.0.0.21' }, CLI);
    a.peer.restart();
    a.queue.advance(60_000);
    const saved = checkpoint(a);
    // saved and active differ (a restart-flagged value waits): two trees; the running peer's backups none
    expect(saved.peer.state).toBe('restarting');
    expect(saved.peer.lifecycleTimer.pending).not.toBeNull();
    const b = restored(saved);
    expect(b.peer.config.pending()).toEqual(a.peer.config.pending());
    b.queue.advance(2 * 60_000);
    expect(b.peer.state).toBe('running');
    expect(b.peer.config.saved).toBe(b.peer.config.active); // one tree again after the restart, as in the original
  });
});
