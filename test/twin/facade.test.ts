// The twin is the one façade (issue #11 §4): front ends schedule, cancel, subscribe and note through
// its verbs — its queue and trace are its own — and an action returns what it created (a fault's id),
// so nobody guesses it from activeFaults(). A callback scheduled through the façade, or by a
// cluster node, that throws is a model fault like an actor's error: recorded with its source.
import { describe, expect, it } from 'vitest';
import { Dns, Network, Rng } from '../../sim/index.js';
import { ClusterNode } from '../../src/cluster/index.js';
import { applyAction } from '../../src/operator/index.js';
import { runRunbook } from '../../src/runbook/run.js';
import { createTwin, ModelFaultError, type TraceEvent, type Twin } from '../../src/twin.js';
import { buildPeer } from '../expressway/helpers.js';
import { RESTART_YAML, runbookOf } from '../helpers/modelFault.js';
import { topologyOf } from '../helpers/world.js';

const cluster = (): Twin => createTwin({ seed: 3, topology: topologyOf({ peers: 2, clustered: 2 }) });

describe('the twin façade', () => {
  it('keeps its queue and trace to itself, and the plain runner has no check-only options (compile-time claims)', () => {
    const twin = cluster();
    // @ts-expect-error the event queue is the twin's own
    expect(twin.queue).toBeDefined();
    // @ts-expect-error the trace is the twin's own
    expect(twin.trace).toBeDefined();
    // @ts-expect-error extraFaults belong to src/check (runRunbookWith), not to the plain runner
    expect(runRunbook(runbookOf(RESTART_YAML), { extraFaults: [] }).passed).toBe(true);
  });

  it('schedule runs named work with its payload at a virtual time, cancel stops one, subscribe hears events, note journals one', () => {
    const twin = cluster();
    const heard: TraceEvent[] = [];
    const stop = twin.subscribe((e) => e.source === 'test' && heard.push(e));
    const ran: [number, unknown][] = [];
    twin.onScheduled('test/mark', (payload) => ran.push([twin.nowMs, payload]));
    twin.schedule(5_000, 'test/mark', { n: 1 });
    const cancelled = twin.schedule(6_000, 'test/mark', { n: 2 });
    expect(twin.cancel(cancelled)).toBe(true);
    twin.advance(10_000);
    expect(ran).toEqual([[5_000, { n: 1 }]]);
    // work no one registered, and a payload that is not plain JSON, are refused when scheduled
    expect(() => twin.schedule(20_000, 'test/unknown', null)).toThrow(/XTW_ERR_TWIN_UNKNOWN_SCHEDULE: no work named test\/unknown is registered .*test\/mark/);
    expect(() => twin.schedule(20_000, 'test/mark', { when: new Date(0) } as never)).toThrow(/XTW_ERR_SIM_NOT_SAVABLE/);
    twin.note('test', 'step', { index: 1, text: 'one', ok: true });
    stop();
    twin.note('test', 'step', { index: 2, text: 'two', ok: true });
    expect(heard.map((e) => [e.atMs, e.kind, e.data])).toEqual([[10_000, 'step', { index: 1, text: 'one', ok: true }]]);
    expect(twin.events().filter((e) => e.source === 'test')).toHaveLength(2);
  });

  it('a fault action returns the id of the fault it injected; a database failure (not healed by id) returns none', () => {
    const twin = cluster();
    const first = applyAction(twin, { kind: 'fault', fault: { kind: 'latency', latencyMsMean: 10 } });
    const second = applyAction(twin, { kind: 'fault', fault: { kind: 'power-loss', peer: 'expc02' } });
    expect(first.ok && second.ok).toBe(true);
    expect([first.ok && first.faultId, second.ok && second.faultId]).toEqual(twin.activeFaults().map((f) => f.id));
    const db = applyAction(twin, { kind: 'fault', fault: { kind: 'database-failure', peer: 'expc01' } });
    expect(db.ok && db.faultId).toBeUndefined();
  });

  it('work scheduled through the façade that throws is a model fault of the kernel; the twin halts there', () => {
    const twin = cluster();
    twin.onScheduled('test/broken', () => {
      throw new TypeError('a broken callback');
    });
    twin.schedule(2_000, 'test/broken', null);
    expect(() => twin.advance(60_000)).toThrow(ModelFaultError);
    expect(twin.modelFaults()).toEqual([{ atMs: 2_000, message: 'TypeError: a broken callback', source: 'kernel' }]);
    expect(twin.nowMs).toBe(2_000);
  });

  it("a cluster node's scheduled work that throws is handed to onFault, so the fault is known to be that peer's", () => {
    const rig = buildPeer();
    const seen: unknown[] = [];
    const rng = Rng.fromSeed(1);
    const net = new Network({ queue: rig.queue, rng, trace: rig.trace });
    net.addHost('expc01');
    net.addInterface('expc01', { name: 'lan1', ipv4: '10.0.0.11', ipv4PrefixLength: 24 });
    const node = new ClusterNode(rig.peer, {
      queue: rig.queue, trace: rig.trace, random: rng.stream('c'), net, dns: new Dns({ queue: rig.queue, rng, trace: rig.trace }),
      onFault: (e) => seen.push(e),
    });
    node.timer('test.bug', () => {
      throw new Error('cluster bug');
    }).after(1_000, undefined);
    rig.queue.advance(2_000);
    expect(seen.map((e) => (e as Error).message)).toEqual(['cluster bug']);
  });
});
