import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../../setup.js';
import { codeOf, collect, lan, makeWorld } from './world.js';

const ms = fc.double({ min: 0, max: 50, noNaN: true, noDefaultInfinity: true });

describe(`net rules (fast-check seed ${FC_SEED})`, () => {
  it('latency: every one-way delay stays within base ± jitter plus rule ± jitter, never below 0, and arrives at that time', () => {
    // Why this proves the claim: the bounds are computed from the options alone, jitter may exceed
    // the mean (so clamping is exercised), and each datagram's arrival is checked against its own delay.
    fc.assert(
      fc.property(ms, ms, ms, ms, fc.integer({ min: 1, max: 1000 }), (baseMean, baseJitter, ruleMean, ruleJitter, seed) => {
        const w = makeWorld(seed, { defaults: { latencyMsMean: baseMean, latencyMsJitter: baseJitter }, tracePackets: false });
        lan(w.net, ['a', 'b']);
        w.net.latency({ from: 'a', to: 'b', latencyMsMean: ruleMean, latencyMsJitter: ruleJitter });
        const atB = collect(w, 'b', 1);
        for (let i = 0; i < 20; i++) w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, i);
        w.queue.runUntilIdle();
        const lo = Math.max(0, baseMean - baseJitter) + Math.max(0, ruleMean - ruleJitter);
        const hi = baseMean + baseJitter + ruleMean + ruleJitter;
        expect(atB).toHaveLength(20);
        for (const d of atB) {
          expect(d.latencyMs).toBeGreaterThanOrEqual(lo - 1e-9);
          expect(d.latencyMs).toBeLessThanOrEqual(hi + 1e-9);
          expect(d.atMs).toBe(Math.round(d.latencyMs));
        }
      }),
    );
  });

  it('latency: a rule from a to b does not slow b to a unless bidirectional', () => {
    const w = makeWorld(1, { defaults: { latencyMsMean: 1, latencyMsJitter: 0 } });
    lan(w.net, ['a', 'b']);
    const atA = collect(w, 'a', 1);
    const atB = collect(w, 'b', 1);
    const rule = w.net.latency({ from: 'a', to: '10.0.0.2', latencyMsMean: 50 });
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 'ab');
    w.net.sendUdp({ host: 'b', port: 1 }, { address: '10.0.0.1', port: 1 }, 'ba');
    w.queue.runUntilIdle();
    rule.remove();
    w.net.latency({ from: 'a', to: 'b', latencyMsMean: 50, bidirectional: true });
    w.net.sendUdp({ host: 'b', port: 1 }, { address: '10.0.0.1', port: 1 }, 'ba2');
    w.queue.runUntilIdle();
    expect(atB.map((d) => d.latencyMs)).toEqual([51]);
    expect(atA.map((d) => d.latencyMs)).toEqual([1, 51]);
  });

  it('latency: delays of several matching rules add up, and removing one heals its share', () => {
    const w = makeWorld(1, { defaults: { latencyMsMean: 0, latencyMsJitter: 0 } });
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 1);
    const ten = w.net.latency({ latencyMsMean: 10 });
    w.net.latency({ to: 'b', latencyMsMean: 5 });
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 1);
    w.queue.runUntilIdle();
    ten.remove();
    ten.remove();
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 2);
    w.queue.runUntilIdle();
    expect(atB.map((d) => d.latencyMs)).toEqual([15, 5]);
  });

  it('setDefaults changes the base latency for packets sent afterwards', () => {
    const w = makeWorld(1, { defaults: { latencyMsMean: 1, latencyMsJitter: 0 } });
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 1);
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 1);
    w.net.setDefaults({ latencyMsMean: 30 });
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 2);
    w.queue.runUntilIdle();
    expect(atB.map((d) => [d.payload, d.atMs])).toEqual([[1, 1], [2, 30]]);
    expect(w.net.defaults.latencyMsMean).toBe(30);
  });

  it('loss: the observed loss converges to lossRatio (20,000 datagrams, fixed seed, ±0.015)', () => {
    // The binomial standard deviation is sqrt(0.3·0.7/20000) ≈ 0.0032, so ±0.015 is over 4.5 sd:
    // a wrong ratio (or a draw that ignores it) fails, while this seed cannot flake.
    const w = makeWorld(7, { tracePackets: false });
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 1);
    w.net.loss({ from: 'a', to: 'b', lossRatio: 0.3 });
    const n = 20_000;
    for (let i = 0; i < n; i++) w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, i);
    w.queue.runUntilIdle();
    expect(Math.abs(1 - atB.length / n - 0.3)).toBeLessThan(0.015);
    expect(w.net.stats()).toEqual({ sent: n, delivered: atB.length, dropped: n - atB.length });
  });

  it('loss: a dropped datagram is traced with the rule that dropped it', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    w.net.loss({ name: 'flaky-wan', lossRatio: 1 });
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 'x');
    const drop = w.trace.all().find((e) => e.kind === 'net.drop');
    expect(drop?.data).toMatchObject({ reason: 'rule:flaky-wan', rule: 'flaky-wan', srcHost: 'a', dstHost: 'b' });
  });

  it('duplicate: about duplicateRatio extra copies arrive, each a distinct object with the same payload', () => {
    const w = makeWorld(3, { tracePackets: false });
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 1);
    w.net.duplicate({ duplicateRatio: 0.5 });
    const n = 4_000;
    for (let i = 0; i < n; i++) w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, i);
    w.queue.runUntilIdle();
    expect(Math.abs(atB.length / n - 1.5)).toBeLessThan(0.04);
    const seen = new Map<unknown, number>();
    for (const d of atB) seen.set(d.payload, (seen.get(d.payload) ?? 0) + 1);
    expect(seen.size).toBe(n);
    expect(Math.max(...seen.values())).toBe(2);
  });

  it('reorder: held-back datagrams are overtaken by later ones', () => {
    const w = makeWorld(5, { defaults: { latencyMsJitter: 0 } });
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 1);
    w.net.reorder({ reorderRatio: 0.5, reorderDelayMs: 10 });
    for (let i = 0; i < 200; i++) w.queue.at(i, () => w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, i));
    w.queue.runUntilIdle();
    const order = atB.map((d) => d.payload as number);
    const inversions = order.filter((v, i) => i > 0 && v < order[i - 1]!).length;
    expect(order).toHaveLength(200);
    expect(inversions).toBeGreaterThan(20);
    const delayed = atB.filter((d) => d.latencyMs >= 10).length;
    expect(Math.abs(delayed / 200 - 0.5)).toBeLessThan(0.15);
  });

  it('hold keeps matching datagrams until release, then sends them on in order', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b', 'c']);
    const atB = collect(w, 'b', 1);
    const atC = collect(w, 'c', 1);
    const held = w.net.hold({ to: 'b' });
    for (let i = 0; i < 5; i++) {
      w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, i);
      w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.3', port: 1 }, i);
    }
    w.queue.advance(1_000);
    expect(atB).toHaveLength(0);
    expect(atC).toHaveLength(5);
    held.release();
    w.queue.runUntilIdle();
    expect(atB.map((d) => d.payload)).toEqual([0, 1, 2, 3, 4]);
    expect(atB.every((d) => d.atMs >= 1_000)).toBe(true);
  });

  it('rules() lists installed rules in order; clearRules removes them all and traces each removal', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    w.net.latency({ from: 'a', latencyMsMean: 5 });
    w.net.loss({ to: ['b', '10.0.0.1'], lossRatio: 0.1, name: 'lossy' });
    w.net.partition(['a'], ['b'], { oneWay: true });
    expect(w.net.rules().map((r) => [r.name, r.kind, r.from, r.to, r.bidirectional])).toEqual([
      ['latency-1', 'latency', ['a'], undefined, false],
      ['lossy', 'loss', undefined, ['b', '10.0.0.1'], false],
      ['partition-3', 'partition', ['a'], ['b'], false],
    ]);
    w.net.clearRules();
    expect(w.net.rules()).toEqual([]);
    expect(w.trace.all().filter((e) => e.kind === 'net.rule.remove').map((e) => e.data.name)).toEqual(['latency-1', 'lossy', 'partition-3']);
  });

  it.each([
    ['lossRatio 1.5', 'XTW_ERR_SIM_BAD_RATIO', (w: ReturnType<typeof makeWorld>) => w.net.loss({ lossRatio: 1.5 })],
    ['lossRatio NaN', 'XTW_ERR_SIM_BAD_RATIO', (w: ReturnType<typeof makeWorld>) => w.net.loss({ lossRatio: Number.NaN })],
    ['duplicateRatio -0.1', 'XTW_ERR_SIM_BAD_RATIO', (w: ReturnType<typeof makeWorld>) => w.net.duplicate({ duplicateRatio: -0.1 })],
    ['negative latency', 'XTW_ERR_SIM_BAD_DELAY', (w: ReturnType<typeof makeWorld>) => w.net.latency({ latencyMsMean: -1 })],
    ['infinite jitter', 'XTW_ERR_SIM_BAD_DELAY', (w: ReturnType<typeof makeWorld>) => w.net.latency({ latencyMsMean: 1, latencyMsJitter: Infinity })],
    ['negative reorder delay', 'XTW_ERR_SIM_BAD_DELAY', (w: ReturnType<typeof makeWorld>) => w.net.reorder({ reorderRatio: 0.1, reorderDelayMs: -5 })],
    ['unknown host in a selector', 'XTW_ERR_SIM_UNKNOWN_HOST', (w: ReturnType<typeof makeWorld>) => w.net.loss({ from: ['a', 'typo'], lossRatio: 0.1 })],
    ['empty selector list', 'XTW_ERR_SIM_BAD_RULE', (w: ReturnType<typeof makeWorld>) => w.net.loss({ from: [], lossRatio: 0.1 })],
    ['bad rule name', 'XTW_ERR_SIM_BAD_NAME', (w: ReturnType<typeof makeWorld>) => w.net.loss({ lossRatio: 0.1, name: 'has space' })],
    ['partition with an empty group', 'XTW_ERR_SIM_BAD_RULE', (w: ReturnType<typeof makeWorld>) => w.net.partition(['a'], [])],
    ['partition with a host in both groups', 'XTW_ERR_SIM_BAD_RULE', (w: ReturnType<typeof makeWorld>) => w.net.partition(['a', 'b'], ['b'])],
    ['partition naming an unknown host', 'XTW_ERR_SIM_UNKNOWN_HOST', (w: ReturnType<typeof makeWorld>) => w.net.partition(['a'], ['nobody'])],
    ['setDefaults with a negative latency', 'XTW_ERR_SIM_BAD_OPTION', (w: ReturnType<typeof makeWorld>) => w.net.setDefaults({ latencyMsMean: -1 })],
    ['setDefaults with an unknown option', 'XTW_ERR_SIM_BAD_OPTION', (w: ReturnType<typeof makeWorld>) => w.net.setDefaults({ latencyMs: 3 } as never)],
    ['setDefaults with ports out of order', 'XTW_ERR_SIM_BAD_OPTION', (w: ReturnType<typeof makeWorld>) => w.net.setDefaults({ ephemeralPortFirst: 60000, ephemeralPortLast: 50000 })],
  ])('%s is rejected with %s and installs nothing', (_, code, act) => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    const hash = w.trace.hash();
    const defaults = { ...w.net.defaults };
    expect(codeOf(() => act(w))).toBe(code);
    expect(w.net.rules()).toEqual([]);
    expect(w.net.defaults).toEqual(defaults);
    expect(w.trace.hash()).toBe(hash);
    // ids are not consumed by a rejected rule either
    expect(w.net.loss({ lossRatio: 0 }).id).toBe(1);
  });
});
