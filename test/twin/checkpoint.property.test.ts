// A world restored from a checkpoint is the world that ran on (issue #15). Random topology (1-4
// peers, clustered or not, by IP or FQDN, Permissive or Enforcing, with or without endpoints),
// random operator actions and faults, split at a random step k. World A runs every step; world B
// runs the first k, is checkpointed → JSON text → parsed → restored into a freshly built twin, and
// runs the rest. Then: the same trace hash and kept events, the same status (observe) and log of
// every peer, the same traps, faults and model faults; and the final checkpoints are equal (nothing
// the checkpoint leaves out differs). Also save ∘ load ∘ save = save at the split, and a restored
// world checkpointed again mid-flight (packets in flight, a boot half done, DNS pending, a
// partition and loss active, a factory reset armed) still has the same future.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CatalogError, createTwin, ModelFaultError, restoreTwin, type Twin, type TwinCheckpoint } from '../../src/twin.js';
import type { TwinOptions } from '../../src/twin.js';
import { FC_NUM_RUNS } from '../setup.js';
import { CLI, clusteringPage, ipOf, MINUTE, nameOf, SECOND, topologyOf, type WorldOptions } from '../helpers/world.js';

type Action =
  | { a: 'wait'; ms: number }
  | { a: 'join'; peer: number; members: number[] }
  | { a: 'clear-list'; peer: number }
  | { a: 'save'; peer: number; key: 'H323 Mode' | 'Maintenance Mode' | 'Alternates Cluster TLSVerificationMode' | 'SystemUnit Name'; value: string }
  | { a: 'restart' | 'reboot' | 'powerOff' | 'powerOn' | 'factoryReset' | 'failDatabase' | 'purge' | 'backup' | 'restore' | 'forceConfigUpdate' | 'forceSystemKeyUpdate' | 'upgrade' | 'powerLoss'; peer: number }
  | { a: 'partition'; left: number[]; right: number[]; oneWay: boolean }
  | { a: 'latency'; rttMs: number }
  | { a: 'loss'; ratio: number }
  | { a: 'nat'; peer: number }
  | { a: 'dns'; peer: number; failure: 'nxdomain' | 'servfail' | 'timeout' }
  | { a: 'dns-record'; peer: number; remove: boolean }
  | { a: 'heal' };

const SAVE_VALUES = {
  'H323 Mode': ['On', 'Off'],
  'Maintenance Mode': ['On', 'Off'],
  'Alternates Cluster TLSVerificationMode': ['Permissive', 'Enforcing'],
  'SystemUnit Name': ['renamed', 'again'],
} as const;

const peerArb = (n: number) => fc.integer({ min: 1, max: n });
const someArb = (n: number) => fc.subarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: 1 });

function actionArb(n: number): fc.Arbitrary<Action> {
  const one = <A extends Action['a']>(...kinds: A[]) => fc.record({ a: fc.constantFrom(...kinds), peer: peerArb(n) });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ a: fc.constant('wait' as const), ms: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 20 * SECOND }), fc.integer({ min: 1, max: 25 * MINUTE })) }) },
    { weight: 2, arbitrary: fc.record({ a: fc.constant('join' as const), peer: peerArb(n), members: someArb(n) }) },
    fc.record({ a: fc.constant('clear-list' as const), peer: peerArb(n) }),
    { weight: 2, arbitrary: fc.record({ a: fc.constant('save' as const), peer: peerArb(n), key: fc.constantFrom(...(Object.keys(SAVE_VALUES) as (keyof typeof SAVE_VALUES)[])) }).chain((s) => fc.constantFrom(...SAVE_VALUES[s.key]).map((value) => ({ ...s, value }))) },
    { weight: 3, arbitrary: one('restart', 'reboot', 'powerOff', 'powerOn', 'powerLoss') },
    one('factoryReset', 'failDatabase', 'purge', 'backup', 'restore', 'forceConfigUpdate', 'forceSystemKeyUpdate', 'upgrade'),
    fc.record({ a: fc.constant('partition' as const), left: someArb(n), right: someArb(n), oneWay: fc.boolean() }),
    fc.record({ a: fc.constant('latency' as const), rttMs: fc.integer({ min: 1, max: 200 }) }),
    fc.record({ a: fc.constant('loss' as const), ratio: fc.constantFrom(0.1, 0.5, 1) }),
    fc.record({ a: fc.constant('nat' as const), peer: peerArb(n) }),
    fc.record({ a: fc.constant('dns' as const), peer: peerArb(n), failure: fc.constantFrom('nxdomain' as const, 'servfail' as const, 'timeout' as const) }),
    fc.record({ a: fc.constant('dns-record' as const), peer: peerArb(n), remove: fc.boolean() }),
    fc.constant({ a: 'heal' as const }),
  );
}

interface Plan {
  world: WorldOptions;
  endpoints: number;
  actions: Action[];
  k: number;
}

const planArb: fc.Arbitrary<Plan> = fc.integer({ min: 1, max: 4 }).chain((n) => fc.record({
  world: fc.record({
    peers: fc.constant(n), clustered: fc.integer({ min: 0, max: n }), addressing: fc.constantFrom('ip' as const, 'fqdn' as const),
    tls: fc.constantFrom('Permissive' as const, 'Enforcing' as const), seed: fc.integer({ min: 1, max: 1_000 }), tracePackets: fc.boolean(),
  }),
  endpoints: fc.constantFrom(0, 0, 50),
  actions: fc.array(actionArb(n), { minLength: 1, maxLength: 16 }),
  k: fc.nat(),
})).map((p) => ({ ...p, k: p.k % (p.actions.length + 1) }));

function optionsOf(p: Plan): TwinOptions {
  const topology = topologyOf(p.world);
  return {
    seed: p.world.seed ?? 1, topology: p.endpoints > 0 ? { ...topology, endpoints: { count: p.endpoints } } : topology,
    ...(p.world.tracePackets ? { tracePackets: true } : {}), traceKept: 5_000,
  };
}

/** Apply one action; a refusal (the input was wrong for the moment) and a halted world are the same in both worlds. */
function apply(t: Twin, x: Action): void {
  const name = 'peer' in x ? nameOf(x.peer) : '';
  try {
    switch (x.a) {
      case 'wait': return t.advance(x.ms);
      case 'join': return void t.save(name, clusteringPage(x.members), CLI);
      case 'clear-list': return void t.save(name, clusteringPage([]), CLI);
      case 'save': return void t.save(name, { [x.key]: x.value }, CLI);
      case 'purge': return t.purgeClusterDatabase(name);
      case 'backup': return void t.backup(name);
      case 'restore': return t.restore(name, 'latest');
      case 'upgrade': return t.upgrade(name, 'X15.0.0');
      case 'forceSystemKeyUpdate': return void t.forceSystemKeyUpdate(name);
      case 'powerLoss': return void t.powerLoss(name);
      case 'partition': return void t.partition(x.left.map(nameOf), x.right.map(nameOf), { oneWay: x.oneWay });
      case 'latency': return void t.latency({ rttMs: x.rttMs });
      case 'loss': return void t.loss({ lossRatio: x.ratio });
      case 'nat': return void t.nat({ inside: [name], publicAddress: '192.0.2.1' });
      case 'dns': return void t.dnsFailure({ name: `${name}.example.com`, failure: x.failure });
      case 'dns-record': return t.setDnsRecord(`${name}.example.com`, 'A', x.remove ? undefined : ipOf(x.peer));
      case 'heal': return t.activeFaults().length > 0 ? t.heal() : undefined;
      default: return t[x.a](name);
    }
  } catch (e) {
    if (!(e instanceof CatalogError) && !(e instanceof ModelFaultError)) throw e;
  }
}

/** Everything a front end can read of a world. */
function surfaces(t: Twin) {
  return {
    nowMs: t.nowMs, hash: t.hash(), events: t.events(),
    peers: t.peerNames().map((n) => ({ observe: t.observe(n), logs: t.logLines(n), backups: t.backups(n), reset: t.wasFactoryReset(n) })),
    traps: t.armedTraps(), exposures: t.trapExposures(), faults: t.activeFaults(), modelFaults: t.modelFaults(),
    waiting: t.endpointsWaiting(),
  };
}

/** Through JSON text, as a store keeps it. */
const viaText = (c: TwinCheckpoint): TwinCheckpoint => JSON.parse(JSON.stringify(c)) as TwinCheckpoint;

const SETTLE: Action = { a: 'wait', ms: 30 * MINUTE };
/** A world a run, two worlds each: half the global count (30 in CI). */
const RUNS = Math.max(1, Math.round(FC_NUM_RUNS / 2));

describe('twin checkpoint (issue #15)', () => {
  it('a world restored from a checkpoint at any step has the same state and the same future as the one that ran on', () => {
    fc.assert(fc.property(planArb, (p) => {
      const options = optionsOf(p);
      const a = createTwin(options);
      const b = createTwin(options);
      const rest = [...p.actions.slice(p.k), SETTLE];
      for (const x of p.actions.slice(0, p.k)) {
        apply(a, x);
        apply(b, x);
      }
      const saved = b.checkpoint();
      const restored = restoreTwin(options, viaText(saved));
      // save ∘ load ∘ save = save
      expect(restored.checkpoint()).toEqual(saved);
      for (const x of rest) {
        apply(a, x);
        apply(restored, x);
      }
      expect(restored.checkpoint()).toEqual(a.checkpoint());
      expect(surfaces(restored)).toEqual(surfaces(a));
    }), { numRuns: RUNS });
  }, RUNS * 2_000); // a long campaign (XTW_NUM_RUNS) needs more than the default bound

  it('a restored world checkpointed again mid-flight still has the same future (packets, a boot, DNS, a partition, loss, a reset armed)', () => {
    const options: TwinOptions = { seed: 11, topology: topologyOf({ peers: 3, clustered: 3, addressing: 'fqdn' }), tracePackets: true };
    const a = createTwin(options);
    const steps: ((t: Twin) => void)[] = [
      (t) => t.advance(7 * SECOND + 3),
      (t) => void t.partition(['expc01'], ['expc03'], { oneWay: true }),
      (t) => void t.loss({ from: 'expc02', lossRatio: 0.5 }),
      (t) => t.restart('expc02'),
      (t) => t.advance(17), // a boot half done, hellos and RAS packets in flight
      (t) => void t.save('expc03', clusteringPage([]), CLI), // a factory reset armed on expc03
      (t) => t.setDnsRecord('expc02.example.com', 'A', undefined),
      (t) => t.advance(3 * MINUTE + 250), // expc02 boots and resolves by DNS: answers pending
      (t) => t.heal(),
      (t) => t.advance(20 * MINUTE),
      (t) => t.restart('expc03'),
      (t) => t.advance(30 * MINUTE),
    ];
    let b: Twin = createTwin(options);
    for (const step of steps) {
      step(a);
      step(b);
      b = restoreTwin(options, viaText(b.checkpoint())); // a checkpoint after every step, each from a restored world
    }
    expect(b.checkpoint()).toEqual(a.checkpoint());
    expect(surfaces(b)).toEqual(surfaces(a));
    expect(a.wasFactoryReset('expc03')).toBe(true); // the armed reset ran, in both
  });

  it('a checkpoint of another format, or of another topology, is refused with a clear error', () => {
    const options: TwinOptions = { seed: 1, topology: topologyOf({ peers: 2, clustered: 2 }) };
    const c = createTwin(options).checkpoint();
    expect(() => restoreTwin(options, { ...c, format: 99 })).toThrow(/XTW_ERR_TWIN_BAD_CHECKPOINT.*format 99/);
    expect(() => restoreTwin({ seed: 1, topology: topologyOf({ peers: 3, clustered: 2 }) }, c)).toThrow(/XTW_ERR_TWIN_BAD_CHECKPOINT.*peers/);
  });

  it('work scheduled through the façade is data: pending, it is checkpointed, and the restored world runs it with its payload', () => {
    const options: TwinOptions = { seed: 1, topology: topologyOf({ peers: 2, clustered: 2 }) };
    const ran: [string, number, unknown][] = [];
    const register = (label: string) => (t: Twin) => t.onScheduled('test/mark', (payload) => ran.push([label, t.nowMs, payload]));
    const a = createTwin(options);
    register('ran on')(a);
    a.schedule(5 * MINUTE, 'test/mark', { fault: 'later' });
    a.advance(MINUTE);
    const b = restoreTwin(options, viaText(a.checkpoint()), register('restored'));
    a.advance(10 * MINUTE);
    b.advance(10 * MINUTE);
    expect(ran).toEqual([['ran on', 5 * MINUTE, { fault: 'later' }], ['restored', 5 * MINUTE, { fault: 'later' }]]);
    expect(surfaces(b)).toEqual(surfaces(a));
  });

  it('a checkpoint with work pending whose name the restoring twin does not register is refused, naming it', () => {
    const options: TwinOptions = { seed: 1, topology: topologyOf({ peers: 1 }) };
    const t = createTwin(options);
    t.onScheduled('test/mark', () => undefined);
    t.schedule(5_000, 'test/mark', null);
    expect(() => restoreTwin(options, viaText(t.checkpoint()))).toThrow(/XTW_ERR_TWIN_BAD_CHECKPOINT.*above\/test\/mark/);
  });
});
