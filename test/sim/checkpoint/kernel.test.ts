// The kernel checkpoint (issue #15): random network activity and faults, saved at a random point
// mid-flight (packets in the air, connections open or connecting, rules holding packets, DNS
// answers and round-trip probes pending), through JSON text, loaded into a freshly built world:
// the same future (trace hash, what the apps see) as the world that never stopped.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, SimError } from '../../../sim/index.js';
import { KernelWorld, opArb, type Op } from './kernelWorld.js';

const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function splitRun(seed: number, before: Op[], after: Op[]) {
  const a = new KernelWorld(seed);
  a.apply(before);
  const saved = roundTrip(a.save());
  const splitAt = a.log.length;
  const b = new KernelWorld(seed);
  b.load(saved);
  const again = roundTrip(b.save());
  const tail: Op[] = [...after, { kind: 'run', ms: 40_000 }];
  a.apply(tail);
  b.apply(tail);
  return { a, b, saved, again, splitAt };
}

describe('sim checkpoint: save mid-flight, load into a fresh world, same future', () => {
  it('same trace hash, same app log, same kept events, same state; save(load(save)) = save (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.array(opArb, { maxLength: 40 }), fc.array(opArb, { maxLength: 40 }), (seed, before, after) => {
        const { a, b, saved, again, splitAt } = splitRun(seed, before, after);
        expect(again).toEqual(saved);
        expect(b.log).toEqual(a.log.slice(splitAt));
        expect(b.trace.hash()).toBe(a.trace.hash());
        expect(b.trace.count).toBe(a.trace.count);
        expect(b.trace.toJsonLines()).toBe(a.trace.toJsonLines());
        expect(b.net.stats()).toEqual(a.net.stats());
        expect(roundTrip(b.save())).toEqual(roundTrip(a.save()));
      }),
    );
  });

  it('the split world really was mid-flight: across runs, checkpoints held packets in the air, open TCP, held packets, pending DNS and probes', () => {
    const seen = { inFlight: 0, openTcp: 0, held: 0, dns: 0, rtt: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000 }), fc.array(opArb, { minLength: 10, maxLength: 40 }), (seed, ops) => {
        const w = new KernelWorld(seed);
        w.apply(ops.filter((o) => o.kind !== 'run' || o.ms < 5));
        const k = w.save().kernel;
        const handlers = k.queue.entries.map((e) => e.handler);
        if (handlers.some((h) => h?.startsWith('net.deliver.'))) seen.inFlight++;
        if (k.net.tcp.pairs.some((p) => p.client.state === 'open' || p.client.state === 'connecting')) seen.openTcp++;
        if (k.net.rules.rules.some((r) => r.held.length > 0)) seen.held++;
        if (handlers.includes('dns.answer')) seen.dns++;
        if (k.net.rtt.probes.some((p) => !p.done)) seen.rtt++;
      }),
    );
    for (const [what, n] of Object.entries(seen)) expect(n, what).toBeGreaterThan(0);
  });

  it('a restored world can be checkpointed again mid-flight, and that restore has the same future too', () => {
    const ops: Op[] = [
      { kind: 'connect', from: 0, to: 1, n: 3 }, { kind: 'run', ms: 1 }, { kind: 'hold', to: 2 },
      { kind: 'udp', from: 0, to: 2, hops: 2 }, { kind: 'resolve', host: 1, name: 0 }, { kind: 'rtt', from: 2, to: 0 },
      { kind: 'partition', a: 0, b: 1, oneWay: false }, { kind: 'run', ms: 3 },
    ];
    const rest: Op[] = [{ kind: 'removeRule', index: 0 }, { kind: 'removeRule', index: 0 }, { kind: 'run', ms: 60_000 }];
    const a = new KernelWorld(7);
    a.apply(ops);
    const b = new KernelWorld(7);
    b.load(roundTrip(a.save()));
    b.apply([{ kind: 'run', ms: 1 }]);
    a.apply([{ kind: 'run', ms: 1 }]);
    const c = new KernelWorld(7);
    c.load(roundTrip(b.save()));
    a.apply(rest);
    c.apply(rest);
    expect(c.trace.hash()).toBe(a.trace.hash());
    expect(c.log.length).toBeGreaterThan(0);
  });

  it('a world whose owner forgets to re-attach is refused at load, naming what waits', () => {
    const a = new KernelWorld(3);
    a.apply([{ kind: 'connect', from: 0, to: 1, n: 1 }, { kind: 'run', ms: 50 }]);
    const saved = roundTrip(a.save());
    const b = new KernelWorld(3);
    expect(() => b.load({ ...saved, apps: saved.apps.map(() => ({ conns: [] })) })).toThrowError(/connection 1 \(client end on a\)/);
  });

  it('a pending closure makes the kernel unsavable with a message naming it, and another format is refused', () => {
    const a = new KernelWorld(3);
    a.queue.after(10, function legacyTimer() {
      return undefined;
    });
    expect(() => a.save()).toThrowError(/legacyTimer/);
    const b = new KernelWorld(3);
    const good = new KernelWorld(3).save();
    expect(() => b.load({ ...good, kernel: { ...good.kernel, format: 2 } })).toThrowError(SimError);
    expect(new EventQueue().save().entries).toEqual([]);
  });
});
