import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../../setup.js';
import { lan, makeWorld } from './world.js';

const HOSTS = ['h0', 'h1', 'h2', 'h3', 'h4', 'h5'];

/** Each host: 0 = neutral, 1 = group A, 2 = group B; at least one in each group. */
const groupsArb = fc
  .array(fc.integer({ min: 0, max: 2 }), { minLength: 6, maxLength: 6 })
  .filter((g) => g.includes(1) && g.includes(2));
const trafficArb = fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 40 });

describe(`net partitions (fast-check seed ${FC_SEED})`, () => {
  it('nothing crosses a partition in a blocked direction, everything else arrives, and all arrives after heal', () => {
    // Why this proves the claim: with no loss rules, a datagram may only be missing if its
    // direction is blocked, and it must be missing if it is; the model decides "blocked" from the
    // groups alone, without the network's code. After heal() the same traffic must all arrive.
    fc.assert(
      fc.property(groupsArb, fc.boolean(), trafficArb, fc.integer({ min: 1, max: 10_000 }), (groups, oneWay, traffic, seed) => {
        const w = makeWorld(seed, { tracePackets: false });
        lan(w.net, HOSTS);
        const got = new Set<string>();
        HOSTS.forEach((h) => w.net.bindUdp(h, 9, (d) => got.add(String(d.payload))));
        const a = HOSTS.filter((_, i) => groups[i] === 1);
        const b = HOSTS.filter((_, i) => groups[i] === 2);
        const handle = w.net.partition(a, b, { oneWay });
        const blocked = (s: number, d: number): boolean =>
          (groups[s] === 1 && groups[d] === 2) || (!oneWay && groups[s] === 2 && groups[d] === 1);
        const send = (phase: string): void =>
          traffic.forEach(([s, d], i) => w.net.sendUdp({ host: HOSTS[s]!, port: 9 }, { address: `10.0.0.${d + 1}`, port: 9 }, `${phase}${i}`));
        send('p');
        w.queue.runUntilIdle();
        traffic.forEach(([s, d], i) => expect(got.has(`p${i}`)).toBe(!blocked(s, d)));
        w.net.heal();
        expect(w.net.rules()).toEqual([]);
        handle.remove(); // already healed: a no-op
        send('h');
        w.queue.runUntilIdle();
        traffic.forEach((_, i) => expect(got.has(`h${i}`)).toBe(true));
      }),
    );
  });

  it('one-way: A → B is blocked while B → A still passes', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    const got: string[] = [];
    w.net.bindUdp('a', 1, (d) => got.push(`a<-${String(d.payload)}`));
    w.net.bindUdp('b', 1, (d) => got.push(`b<-${String(d.payload)}`));
    w.net.partition(['a'], ['b'], { oneWay: true, name: 'a-cannot-reach-b' });
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 'ab');
    w.net.sendUdp({ host: 'b', port: 1 }, { address: '10.0.0.1', port: 1 }, 'ba');
    w.queue.runUntilIdle();
    expect(got).toEqual(['a<-ba']);
    expect(w.trace.all().find((e) => e.kind === 'net.drop')?.data).toMatchObject({ reason: 'rule:a-cannot-reach-b', rule: 'a-cannot-reach-b' });
  });

  it('a partition between addresses blocks one interface and leaves the other path open', () => {
    const w = makeWorld();
    w.net.addHost('a');
    w.net.addHost('b');
    w.net.addInterface('a', { name: 'lan1', ipv4: '10.0.0.1' });
    w.net.addInterface('a', { name: 'lan2', ipv4: '10.1.0.1' });
    w.net.addInterface('b', { name: 'lan1', ipv4: '10.0.0.2' });
    w.net.addInterface('b', { name: 'lan2', ipv4: '10.1.0.2' });
    const got: string[] = [];
    w.net.bindUdp('b', 1, (d) => got.push(d.dst.address));
    w.net.partition(['10.1.0.1'], ['10.1.0.2']);
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 'lan1');
    w.net.sendUdp({ host: 'a', address: '10.1.0.1', port: 1 }, { address: '10.1.0.2', port: 1 }, 'lan2');
    w.queue.runUntilIdle();
    expect(got).toEqual(['10.0.0.2']);
  });

  it('heal() removes partitions only; other rules stay', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b', 'c']);
    w.net.latency({ latencyMsMean: 3 });
    w.net.partition(['a'], ['b']);
    w.net.partition(['c'], ['b'], { oneWay: true });
    w.net.heal();
    expect(w.net.rules().map((r) => r.kind)).toEqual(['latency']);
  });
});
