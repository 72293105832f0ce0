import { describe, expect, it } from 'vitest';
import { Dns, EventQueue, Rng, Trace, type DnsAnswer } from '../../sim/index.js';
import { codeOf } from './net/world.js';

function world(seed = 1): { queue: EventQueue; trace: Trace; dns: Dns; ask: (from: string, name: string, type?: 'A' | 'AAAA' | 'SRV') => (DnsAnswer & { atMs?: number })[] } {
  const queue = new EventQueue();
  const trace = new Trace(queue);
  const dns = new Dns({ queue, rng: Rng.fromSeed(seed), trace });
  const ask = (from: string, name: string, type: 'A' | 'AAAA' | 'SRV' = 'A'): (DnsAnswer & { atMs?: number })[] => {
    const out: (DnsAnswer & { atMs?: number })[] = [];
    dns.resolve(from, name, type, (a) => out.push({ ...a, atMs: queue.nowMs }));
    return out;
  };
  return { queue, trace, dns, ask };
}

describe('dns: answers', () => {
  it('A, AAAA and SRV records are answered after answerLatencyMs, names case-insensitive and trailing dot ignored', () => {
    const { queue, dns, ask } = world();
    dns.setRecord('Peer1.Example.com.', 'A', ['10.0.0.1', '10.0.0.11']);
    dns.setRecord('peer1.example.com', 'AAAA', ['2001:DB8::1']);
    dns.setRecord('_sips._tcp.example.com', 'SRV', [{ priority: 10, weight: 5, port: 5061, target: 'Peer1.example.com.' }]);
    const a = ask('p2', 'PEER1.example.COM');
    const aaaa = ask('p2', 'peer1.example.com.', 'AAAA');
    const srv = ask('p2', '_sips._tcp.example.com', 'SRV');
    queue.advance(4);
    expect(a).toEqual([]);
    queue.runUntilIdle();
    expect(a).toEqual([{ status: 'ok', records: ['10.0.0.1', '10.0.0.11'], atMs: 5 }]);
    expect(aaaa).toEqual([{ status: 'ok', records: ['2001:db8::1'], atMs: 5 }]);
    expect(srv).toEqual([{ status: 'ok', records: [{ priority: 10, weight: 5, port: 5061, target: 'peer1.example.com' }], atMs: 5 }]);
  });

  it('an unknown name is NXDOMAIN; a known name without that type is an empty answer', () => {
    const { queue, dns, ask } = world();
    dns.setRecord('peer1.example.com', 'A', ['10.0.0.1']);
    const missing = ask('p2', 'peer9.example.com');
    const nodata = ask('p2', 'peer1.example.com', 'AAAA');
    queue.runUntilIdle();
    expect(missing).toEqual([{ status: 'nxdomain', atMs: 5 }]);
    expect(nodata).toEqual([{ status: 'ok', records: [], atMs: 5 }]);
  });

  it('queries and answers are traced with the same id', () => {
    const { queue, trace, dns, ask } = world();
    dns.setRecord('peer1.example.com', 'A', ['10.0.0.1']);
    ask('p2', 'Peer1.example.com');
    queue.runUntilIdle();
    const events = trace.all().filter((e) => e.kind === 'dns.query' || e.kind === 'dns.answer');
    expect(events.map((e) => [e.kind, e.atMs, e.data])).toEqual([
      ['dns.query', 0, { id: 1, from: 'p2', name: 'peer1.example.com', type: 'A' }],
      ['dns.answer', 5, { id: 1, from: 'p2', name: 'peer1.example.com', type: 'A', status: 'ok', records: ['10.0.0.1'] }],
    ]);
  });

  it('reverse finds every name holding an address; lookupNow answers at once', () => {
    const { dns } = world();
    dns.setRecord('a.example.com', 'A', ['10.0.0.1']);
    dns.setRecord('b.example.com', 'A', ['10.0.0.2']);
    dns.setRecord('alias.example.com', 'A', ['10.0.0.1']);
    dns.setRecord('v6.example.com', 'AAAA', ['2001:db8::1']);
    expect(dns.reverse('10.0.0.1')).toEqual(['a.example.com', 'alias.example.com']);
    expect(dns.reverse('2001:db8:0::1')).toEqual(['v6.example.com']);
    expect(dns.reverse('10.9.9.9')).toEqual([]);
    expect(dns.lookupNow('B.example.com', 'A')).toEqual({ status: 'ok', records: ['10.0.0.2'] });
    expect(codeOf(() => dns.reverse('not-an-address'))).toBe('XTW_ERR_SIM_BAD_ADDRESS');
  });
});

describe('dns: failures', () => {
  it('NXDOMAIN and SERVFAIL answer after the latency; timeout answers after timeoutMs', () => {
    const { queue, dns, ask } = world();
    dns.setRecord('a.example.com', 'A', ['10.0.0.1']);
    dns.setRecord('b.example.com', 'A', ['10.0.0.2']);
    dns.setRecord('c.example.com', 'A', ['10.0.0.3']);
    dns.setFailure('a.example.com', 'nxdomain');
    dns.setFailure('b.example.com', 'servfail');
    dns.setFailure('C.example.com.', 'timeout');
    const a = ask('p1', 'a.example.com');
    const b = ask('p1', 'b.example.com');
    const c = ask('p1', 'c.example.com', 'SRV');
    queue.runUntilIdle();
    expect([...a, ...b, ...c]).toEqual([
      { status: 'nxdomain', atMs: 5 }, { status: 'servfail', atMs: 5 }, { status: 'timeout', atMs: 5000 },
    ]);
  });

  it('a failure for one host leaves other hosts answered; "*" fails every name; undefined clears', () => {
    const { queue, dns, ask } = world();
    dns.setRecord('a.example.com', 'A', ['10.0.0.1']);
    dns.setFailure('a.example.com', 'servfail', { forHost: 'p1' });
    const p1 = ask('p1', 'a.example.com');
    const p2 = ask('p2', 'a.example.com');
    queue.runUntilIdle();
    expect(p1.map((x) => x.status)).toEqual(['servfail']);
    expect(p2.map((x) => x.status)).toEqual(['ok']);
    dns.setFailure('*', 'nxdomain', { forHost: 'p2' });
    expect(dns.lookupNow('a.example.com', 'A', { fromHost: 'p2' }).status).toBe('nxdomain');
    expect(dns.lookupNow('a.example.com', 'A', { fromHost: 'p3' }).status).toBe('ok');
    dns.setFailure('*', undefined, { forHost: 'p2' });
    dns.setFailure('a.example.com', undefined, { forHost: 'p1' });
    expect(dns.lookupNow('a.example.com', 'A', { fromHost: 'p1' }).status).toBe('ok');
    expect(dns.lookupNow('a.example.com', 'A', { fromHost: 'p2' }).status).toBe('ok');
  });
});

describe('dns: run-time changes', () => {
  it('a change affects later queries only: a query in flight keeps the answer it was asked with', () => {
    const { queue, dns, ask } = world();
    dns.setRecord('a.example.com', 'A', ['10.0.0.1']);
    const before = ask('p1', 'a.example.com');
    dns.setRecord('a.example.com', 'A', ['10.0.0.99']);
    dns.setFailure('*', 'servfail');
    queue.runUntilIdle();
    dns.setFailure('*', undefined);
    const after = ask('p1', 'a.example.com');
    dns.removeRecord('a.example.com', 'A');
    const removed = ask('p1', 'a.example.com');
    queue.runUntilIdle();
    expect(before.map((x) => x.status === 'ok' && x.records)).toEqual([['10.0.0.1']]);
    expect(after.map((x) => x.status === 'ok' && x.records)).toEqual([['10.0.0.99']]);
    expect(removed.map((x) => x.status)).toEqual(['nxdomain']);
  });

  it('setAnswerLatency changes when later answers arrive', () => {
    const { queue, dns, ask } = world();
    dns.setRecord('a.example.com', 'A', ['10.0.0.1']);
    dns.setAnswerLatency(40);
    const slow = ask('p1', 'a.example.com');
    queue.runUntilIdle();
    expect(slow[0]?.atMs).toBe(40);
    expect(codeOf(() => dns.setAnswerLatency(-1))).toBe('XTW_ERR_SIM_BAD_OPTION');
    expect(dns.defaults.answerLatencyMs).toBe(40);
  });

  it('removeRecord without a type removes the name; unknown names are ignored', () => {
    const { dns } = world();
    dns.setRecord('a.example.com', 'A', ['10.0.0.1']);
    dns.setRecord('a.example.com', 'AAAA', ['::1']);
    dns.removeRecord('a.example.com', 'A');
    expect(dns.lookupNow('a.example.com', 'AAAA')).toEqual({ status: 'ok', records: ['::1'] });
    dns.removeRecord('a.example.com');
    dns.removeRecord('never.example.com');
    expect(dns.lookupNow('a.example.com', 'AAAA').status).toBe('nxdomain');
    expect(dns.entries()).toEqual([]);
  });

  it('answer jitter, when configured, comes from the dns stream and differs between seeds', () => {
    const times = (seed: number): number[] => {
      const queue = new EventQueue();
      const dns = new Dns({ queue, rng: Rng.fromSeed(seed), trace: new Trace(queue), defaults: { answerLatencyMs: 50, answerLatencyMsJitter: 20 } });
      dns.setRecord('a.example.com', 'A', ['10.0.0.1']);
      const out: number[] = [];
      for (let i = 0; i < 20; i++) dns.resolve('p', 'a.example.com', 'A', () => out.push(queue.nowMs));
      queue.runUntilIdle();
      return out;
    };
    expect(times(1)).toEqual(times(1));
    expect(times(1)).not.toEqual(times(2));
    expect(times(1).every((t) => t >= 30 && t <= 70)).toBe(true);
  });
});

describe('dns: bad input', () => {
  it.each([
    ['an IPv6 value in an A record', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('a.example.com', 'A', ['2001:db8::1'])],
    ['an IPv4 value in an AAAA record', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('a.example.com', 'AAAA', ['10.0.0.1'])],
    ['a name in an A record', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('a.example.com', 'A', ['b.example.com'])],
    ['an SRV record without a port', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('_s._tcp.example.com', 'SRV', [{ priority: 1, weight: 1, target: 'a.example.com' } as never])],
    ['an SRV record with a bad target', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('_s._tcp.example.com', 'SRV', [{ priority: 1, weight: 1, port: 5061, target: 'bad name' }])],
    ['an SRV record with priority 70000', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('_s._tcp.example.com', 'SRV', [{ priority: 70000, weight: 1, port: 5061, target: 'a.example.com' }])],
    ['a string in an SRV record', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('_s._tcp.example.com', 'SRV', ['a.example.com' as never])],
    ['an unknown type', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('a.example.com', 'CNAME' as never, ['b.example.com'] as never)],
    ['no values', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.setRecord('a.example.com', 'A', [])],
    ['a name with a space', 'XTW_ERR_SIM_DNS_BAD_NAME', (d: Dns) => d.setRecord('a b.example.com', 'A', ['10.0.0.1'])],
    ['an empty name', 'XTW_ERR_SIM_DNS_BAD_NAME', (d: Dns) => d.setRecord('', 'A', ['10.0.0.1'])],
    ['an empty label', 'XTW_ERR_SIM_DNS_BAD_NAME', (d: Dns) => d.setRecord('a..example.com', 'A', ['10.0.0.1'])],
    ['a label of 64 characters', 'XTW_ERR_SIM_DNS_BAD_NAME', (d: Dns) => d.setRecord(`${'x'.repeat(64)}.example.com`, 'A', ['10.0.0.1'])],
    ['an address as a name', 'XTW_ERR_SIM_DNS_BAD_NAME', (d: Dns) => d.setRecord('10.0.0.1', 'A', ['10.0.0.1'])],
    ['a query for a bad name', 'XTW_ERR_SIM_DNS_BAD_NAME', (d: Dns) => d.resolve('p', '-bad-.example.com', 'A', () => undefined)],
    ['a query for an unknown type', 'XTW_ERR_SIM_DNS_BAD_RECORD', (d: Dns) => d.resolve('p', 'a.example.com', 'MX' as never, () => undefined)],
    ['an unknown failure', 'XTW_ERR_SIM_BAD_OPTION', (d: Dns) => d.setFailure('a.example.com', 'refused' as never)],
  ])('%s is rejected with %s and changes nothing', (_, code, act) => {
    const { queue, trace, dns } = world();
    dns.setRecord('a.example.com', 'A', ['10.0.0.1']);
    const entries = JSON.stringify(dns.entries());
    const hash = trace.hash();
    expect(codeOf(() => act(dns))).toBe(code);
    expect(JSON.stringify(dns.entries())).toBe(entries);
    expect(trace.hash()).toBe(hash);
    expect(queue.pending).toBe(0);
    expect(dns.lookupNow('a.example.com', 'A')).toEqual({ status: 'ok', records: ['10.0.0.1'] });
  });
});
