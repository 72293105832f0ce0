import { describe, expect, it } from 'vitest';
import { lan, makeWorld } from './world.js';

describe('net rtt', () => {
  it('rttMs is the base latency plus matching latency rule means, both ways', () => {
    const w = makeWorld(1, { defaults: { latencyMsMean: 0.5 } });
    lan(w.net, ['a', 'b', 'c']);
    expect(w.net.rttMs('a', 'b')).toBe(1);
    w.net.latency({ from: 'a', to: 'b', latencyMsMean: 40, latencyMsJitter: 10 });
    w.net.latency({ from: 'b', to: 'a', latencyMsMean: 30 });
    w.net.latency({ from: 'c', latencyMsMean: 1000, bidirectional: true });
    expect(w.net.rttMs('a', 'b')).toBe(71);
    expect(w.net.rttMs('b', 'a')).toBe(71);
    expect(w.net.rttMs('a', 'c')).toBe(2001);
  });

  it('a latency rule that replacesBase stands in for the base delay (the last one wins); other rules still add', () => {
    const w = makeWorld(1, { defaults: { latencyMsMean: 0.25, latencyMsJitter: 0.05 } });
    lan(w.net, ['a', 'b', 'c']);
    w.net.latency({ from: 'a', to: 'b', latencyMsMean: 40, bidirectional: true, replacesBase: true });
    expect(w.net.rttMs('a', 'b')).toBe(80);
    expect(w.net.rttMs('a', 'c')).toBe(0.5);
    w.net.latency({ from: 'a', to: 'b', latencyMsMean: 2, bidirectional: true });
    expect(w.net.rttMs('a', 'b')).toBe(84);
    w.net.latency({ from: 'a', to: 'b', latencyMsMean: 10, bidirectional: true, replacesBase: true });
    expect(w.net.rttMs('a', 'b')).toBe(24);
  });

  it('a packet on a path whose base is replaced takes exactly the rule\'s delay (no base latency or its jitter on top)', () => {
    const w = makeWorld(3, { defaults: { latencyMsMean: 0.25, latencyMsJitter: 0.05 } });
    lan(w.net, ['a', 'b']);
    w.net.latency({ from: 'a', to: 'b', latencyMsMean: 40, latencyMsJitter: 0, bidirectional: true, replacesBase: true });
    const results: (number | undefined)[] = [];
    for (let i = 0; i < 10; i++) w.net.measureRtt('a', 'b', (ms) => results.push(ms));
    w.queue.runUntilIdle();
    expect(results).toEqual(Array(10).fill(80));
  });

  it('rttMs is undefined while a partition blocks either direction', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    const split = w.net.partition(['b'], ['a'], { oneWay: true });
    expect(w.net.rttMs('a', 'b')).toBeUndefined();
    split.remove();
    expect(w.net.rttMs('a', 'b')).toBeCloseTo(0.5);
  });

  it('measureRtt samples the real path: within the jitter bounds, and arrives after that long', () => {
    const w = makeWorld(9, { defaults: { latencyMsMean: 0, latencyMsJitter: 0 } });
    lan(w.net, ['a', 'b']);
    w.net.latency({ from: 'a', to: 'b', latencyMsMean: 40, latencyMsJitter: 5, bidirectional: true });
    const results: [number | undefined, number][] = [];
    for (let i = 0; i < 50; i++) w.net.measureRtt('a', 'b', (ms) => results.push([ms, w.queue.nowMs]));
    w.queue.runUntilIdle();
    expect(results).toHaveLength(50);
    for (const [ms, atMs] of results) {
      expect(ms).toBeGreaterThanOrEqual(70);
      expect(ms).toBeLessThanOrEqual(90);
      expect(Math.abs(atMs - ms!)).toBeLessThanOrEqual(1);
    }
    expect(new Set(results.map(([ms]) => ms)).size).toBeGreaterThan(1);
  });

  it('measureRtt reports undefined after rttProbeTimeoutMs when the peer is down, and works through NAT', () => {
    const w = makeWorld(1, { defaults: { rttProbeTimeoutMs: 1234 } });
    lan(w.net, ['a', 'b']);
    w.net.addHost('home');
    w.net.addInterface('home', { name: 'lan1', ipv4: '192.168.0.2' });
    w.net.addNat({ name: 'gw', inside: ['home'], publicAddress: '203.0.113.1', kind: 'masquerade' });
    const results: string[] = [];
    w.net.setHostUp('b', false);
    w.net.measureRtt('a', 'b', (ms) => results.push(`b ${String(ms)} @${w.queue.nowMs}`));
    w.net.measureRtt('home', 'a', (ms) => results.push(`home ${ms === undefined ? 'lost' : 'ok'}`));
    w.queue.runUntilIdle();
    expect(results).toEqual(['home ok', 'b undefined @1234']);
  });
});
