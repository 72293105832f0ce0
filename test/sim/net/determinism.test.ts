import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_NUM_RUNS, FC_SEED } from '../../setup.js';
import { lan, makeWorld, type World } from './world.js';

/** A busy scenario touching every random decision: jitter, loss, duplicate, reorder, NAT, TCP, faults mid-run. */
function scenario(seed: number | string, options: { tracePackets?: boolean; touchOtherStream?: boolean } = {}): { w: World; latencies: number[] } {
  const w = makeWorld(seed, { tracePackets: options.tracePackets ?? true });
  lan(w.net, ['a', 'b', 'c', 'd']);
  w.net.addHost('home');
  w.net.addInterface('home', { name: 'lan1', ipv4: '192.168.0.2' });
  w.net.addNat({ name: 'gw', inside: ['home'], publicAddress: '203.0.113.1', kind: 'masquerade' });
  const latencies: number[] = [];
  for (const h of ['a', 'b', 'c', 'd', 'home']) {
    w.net.bindUdp(h, 9, (d) => {
      latencies.push(d.latencyMs);
      if (options.touchOtherStream) w.rng.stream('dns').next();
    });
  }
  w.net.latency({ from: ['a', 'b'], to: ['c', 'd'], latencyMsMean: 20, latencyMsJitter: 5, bidirectional: true });
  w.net.loss({ lossRatio: 0.1 });
  w.net.duplicate({ to: 'c', duplicateRatio: 0.1 });
  w.net.reorder({ from: 'home', reorderRatio: 0.2, reorderDelayMs: 7 });
  w.net.listen('d', 80, () => ({ onData: (c, p) => c.send(p) }));
  const conn = w.net.connect({ host: 'home' }, { address: '10.0.0.4', port: 80 });
  const hosts = ['a', 'b', 'c', 'd', 'home'];
  w.queue.every(10, () => {
    for (let i = 0; i < hosts.length; i++) {
      const to = i === 4 ? '10.0.0.1' : `10.0.0.${((i + 1) % 4) + 1}`;
      w.net.sendUdp({ host: hosts[i]!, port: 9 }, { address: to, port: 9 }, i);
    }
    if (conn.state === 'open') conn.send(w.queue.nowMs);
  });
  w.queue.at(500, () => w.net.partition(['a'], ['c', 'd']));
  w.queue.at(800, () => w.net.heal());
  w.queue.at(900, () => w.net.setHostUp('d', false));
  w.queue.runUntil(2_000);
  return { w, latencies };
}

describe(`net determinism (fast-check seed ${FC_SEED})`, () => {
  it('the same seed and the same calls give the same trace hash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const one = scenario(seed);
        const two = scenario(seed);
        expect(one.w.trace.count).toBeGreaterThan(1_000);
        expect(two.w.trace.hash()).toBe(one.w.trace.hash());
        expect(two.w.trace.toJsonLines()).toBe(one.w.trace.toJsonLines());
      }),
      { numRuns: Math.min(10, FC_NUM_RUNS) },
    );
  });

  it('different seeds give different jitter (and so different traces)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (s1, s2) => {
        fc.pre(s1 !== s2);
        const one = scenario(s1);
        const two = scenario(s2);
        expect(one.latencies.slice(0, 20)).not.toEqual(two.latencies.slice(0, 20));
        expect(one.w.trace.hash()).not.toBe(two.w.trace.hash());
      }),
      { numRuns: Math.min(10, FC_NUM_RUNS) },
    );
  });

  it('draws on another named stream do not change the network', () => {
    // Why: every network draw is on the `net` stream, so a component drawing from `dns` in the middle
    // of the run must leave every network decision (and so the trace) unchanged.
    expect(scenario(42, { touchOtherStream: true }).w.trace.hash()).toBe(scenario(42).w.trace.hash());
  });

  it('with packet tracing off nothing per-packet is recorded and the run is still reproducible', () => {
    const quiet = scenario(7, { tracePackets: false });
    const loud = scenario(7);
    const perPacket = quiet.w.trace.all().filter((e) => ['net.send', 'net.deliver', 'net.drop'].includes(e.kind));
    expect(perPacket).toEqual([]);
    expect(quiet.w.trace.count).toBeGreaterThan(0);
    expect(scenario(7, { tracePackets: false }).w.trace.hash()).toBe(quiet.w.trace.hash());
    // The same decisions were made either way.
    expect(quiet.latencies).toEqual(loud.latencies);
    expect(quiet.w.net.stats()).toEqual(loud.w.net.stats());
  });
});
