import { describe, expect, it } from 'vitest';
import { codeOf, collect, makeWorld, type World } from './world.js';

/** Two hosts behind a NAT (192.168.1.x) and one outside host (198.51.100.2). */
function site(kind: 'masquerade' | 'static' = 'masquerade'): World {
  const w = makeWorld();
  for (const [host, ipv4] of [['in1', '192.168.1.1'], ['in2', '192.168.1.2'], ['out', '198.51.100.2']] as const) {
    w.net.addHost(host);
    w.net.addInterface(host, { name: 'lan1', ipv4, ipv4PrefixLength: 24 });
  }
  w.net.addNat({ name: 'edge', inside: kind === 'static' ? ['in1'] : ['in1', 'in2'], publicAddress: '203.0.113.1', kind });
  return w;
}

describe('net NAT: masquerade', () => {
  it('the receiver sees the public address and an allocated port; replies route back to the inside host', () => {
    const w = site();
    const atOut = collect(w, 'out', 53);
    const atIn1 = collect(w, 'in1', 4000);
    w.net.bindUdp('out', 54, () => undefined);
    w.net.sendUdp({ host: 'in1', port: 4000 }, { address: '198.51.100.2', port: 53 }, 'query');
    w.queue.runUntilIdle();
    expect(atOut[0]?.src).toEqual({ address: '203.0.113.1', port: 49152 });
    w.net.sendUdp({ host: 'out', port: 53 }, atOut[0]!.src, 'answer');
    w.queue.runUntilIdle();
    expect(atIn1.map((d) => [d.payload, d.src, d.dst])).toEqual([
      ['answer', { address: '198.51.100.2', port: 53 }, { address: '192.168.1.1', port: 4000 }],
    ]);
  });

  it('ports are allocated in order per inside endpoint and reused for the same endpoint', () => {
    const w = site();
    const atOut = collect(w, 'out', 53);
    w.net.sendUdp({ host: 'in1', port: 4000 }, { address: '198.51.100.2', port: 53 }, 1);
    w.net.sendUdp({ host: 'in2', port: 4000 }, { address: '198.51.100.2', port: 53 }, 2);
    w.net.sendUdp({ host: 'in1', port: 4001 }, { address: '198.51.100.2', port: 53 }, 3);
    w.net.sendUdp({ host: 'in1', port: 4000 }, { address: '198.51.100.2', port: 53 }, 4);
    w.queue.runUntilIdle();
    expect(atOut.map((d) => [d.payload, d.src.port])).toEqual([[1, 49152], [2, 49153], [3, 49154], [4, 49152]]);
  });

  it('traffic between inside hosts is not translated', () => {
    const w = site();
    const atIn2 = collect(w, 'in2', 7);
    w.net.sendUdp({ host: 'in1', port: 7 }, { address: '192.168.1.2', port: 7 }, 'hi');
    w.queue.runUntilIdle();
    expect(atIn2[0]?.src).toEqual({ address: '192.168.1.1', port: 7 });
  });

  it('unsolicited traffic to the public address is dropped as no-route', () => {
    const w = site();
    collect(w, 'in1', 4000);
    w.net.sendUdp({ host: 'out', port: 53 }, { address: '203.0.113.1', port: 49152 }, 'probe');
    w.queue.runUntilIdle();
    expect(w.trace.all().find((e) => e.kind === 'net.drop')?.data.reason).toBe('no-route');
  });

  it('after remove() inside hosts are seen untranslated and old mappings no longer route', () => {
    const w = site();
    const edge = w.net.addNat({ name: 'edge2', inside: ['out'], publicAddress: '203.0.113.9', kind: 'masquerade' });
    const atIn1 = collect(w, 'in1', 4000);
    const atOut = collect(w, 'out', 53);
    w.net.sendUdp({ host: 'out', port: 53 }, { address: '192.168.1.1', port: 4000 }, 'mapped');
    w.queue.runUntilIdle();
    expect(atIn1[0]?.src).toEqual({ address: '203.0.113.9', port: 49152 });
    edge.remove();
    edge.remove();
    w.net.sendUdp({ host: 'out', port: 53 }, { address: '192.168.1.1', port: 4000 }, 'plain');
    w.net.sendUdp({ host: 'in1', port: 4000 }, { address: '203.0.113.9', port: 49152 }, 'to old mapping');
    w.queue.runUntilIdle();
    expect(atIn1[1]?.src).toEqual({ address: '198.51.100.2', port: 53 });
    expect(atOut).toHaveLength(0);
    expect(w.trace.all().filter((e) => e.kind === 'net.drop').map((e) => e.data.reason)).toEqual(['no-route']);
    expect(w.trace.all().filter((e) => e.kind.startsWith('net.nat.')).map((e) => e.kind)).toEqual(['net.nat.add', 'net.nat.add', 'net.nat.remove']);
  });
});

describe('net NAT: static', () => {
  it('outbound keeps the port and shows the public address; inbound to the public address reaches the inside host', () => {
    const w = site('static');
    const atOut = collect(w, 'out', 53);
    const atIn1 = collect(w, 'in1', 1719);
    w.net.sendUdp({ host: 'in1', port: 1719 }, { address: '198.51.100.2', port: 53 }, 'out');
    w.net.sendUdp({ host: 'out', port: 53 }, { address: '203.0.113.1', port: 1719 }, 'in');
    w.queue.runUntilIdle();
    expect(atOut[0]?.src).toEqual({ address: '203.0.113.1', port: 1719 });
    expect(atIn1[0]).toMatchObject({ payload: 'in', src: { address: '198.51.100.2', port: 53 }, dst: { address: '192.168.1.1', port: 1719 } });
  });
});

describe('net NAT: conflicts', () => {
  it.each([
    ['the same public address twice', 'XTW_ERR_SIM_NAT_CONFLICT', { name: 'n2', inside: ['out'], publicAddress: '203.0.113.1', kind: 'static' }],
    ['a host already inside another NAT', 'XTW_ERR_SIM_NAT_CONFLICT', { name: 'n2', inside: ['in1'], publicAddress: '203.0.113.2', kind: 'static' }],
    ['a public address owned by an interface', 'XTW_ERR_SIM_NAT_CONFLICT', { name: 'n2', inside: ['out'], publicAddress: '192.168.1.2', kind: 'static' }],
    ['a duplicate NAT name', 'XTW_ERR_SIM_NAT_CONFLICT', { name: 'edge', inside: ['out'], publicAddress: '203.0.113.2', kind: 'static' }],
    ['static NAT with two inside hosts', 'XTW_ERR_SIM_BAD_RULE', { name: 'n2', inside: ['out', 'spare'], publicAddress: '203.0.113.2', kind: 'static' }],
    ['an unknown kind', 'XTW_ERR_SIM_BAD_RULE', { name: 'n2', inside: ['out'], publicAddress: '203.0.113.2', kind: 'cone' }],
    ['an unknown inside host', 'XTW_ERR_SIM_UNKNOWN_HOST', { name: 'n2', inside: ['nobody'], publicAddress: '203.0.113.2', kind: 'masquerade' }],
    ['an invalid public address', 'XTW_ERR_SIM_BAD_ADDRESS', { name: 'n2', inside: ['out'], publicAddress: '203.0.113.256', kind: 'masquerade' }],
  ])('%s is rejected with %s and changes nothing', (_, code, options) => {
    const w = site('static');
    w.net.addHost('spare');
    const hash = w.trace.hash();
    expect(codeOf(() => w.net.addNat(options as never))).toBe(code);
    expect(w.trace.hash()).toBe(hash);
    // 'out' and 'spare' are still free to join a NAT, and 203.0.113.2 is still free.
    expect(() => w.net.addNat({ name: 'n3', inside: ['out', 'spare'], publicAddress: '203.0.113.2', kind: 'masquerade' })).not.toThrow();
  });
});
