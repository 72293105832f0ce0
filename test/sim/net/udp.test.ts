import { describe, expect, it } from 'vitest';
import { codeOf, collect, lan, makeWorld } from './world.js';

describe('net udp', () => {
  it('a datagram arrives after the base latency with its source, destination, payload and size', () => {
    const w = makeWorld(1, { defaults: { latencyMsMean: 3, latencyMsJitter: 0 } });
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 1719);
    w.net.sendUdp({ host: 'a', port: 5000 }, { address: '10.0.0.2', port: 1719 }, { hello: 1 }, 321);
    w.queue.runUntilIdle();
    expect(atB).toHaveLength(1);
    expect(atB[0]).toMatchObject({
      src: { address: '10.0.0.1', port: 5000 }, dst: { address: '10.0.0.2', port: 1719 },
      payload: { hello: 1 }, sizeBytes: 321, sentAtMs: 0, atMs: 3, latencyMs: 3,
    });
  });

  it('the trace records send then deliver for the same packet id', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    collect(w, 'b', 1);
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 'x');
    w.queue.runUntilIdle();
    const packetEvents = w.trace.all().filter((e) => e.kind === 'net.send' || e.kind === 'net.deliver');
    expect(packetEvents.map((e) => [e.kind, e.data.id])).toEqual([['net.send', 1], ['net.deliver', 1]]);
    expect(packetEvents[1]!.data).toMatchObject({ srcHost: 'a', dstHost: 'b', src: '10.0.0.1:1', dst: '10.0.0.2:1' });
  });

  it('the source address defaults to the first interface of the destination family', () => {
    const w = makeWorld();
    w.net.addHost('a');
    w.net.addHost('b');
    w.net.addInterface('a', { name: 'lan1', ipv4: '10.0.0.1' });
    w.net.addInterface('a', { name: 'lan2', ipv4: '10.1.0.1', ipv6: '2001:db8::a' });
    w.net.addInterface('b', { name: 'lan1', ipv4: '10.0.0.2', ipv6: '2001:db8::b' });
    const atB = collect(w, 'b', 7);
    w.net.sendUdp({ host: 'a', port: 7 }, { address: '10.0.0.2', port: 7 }, 4);
    w.net.sendUdp({ host: 'a', port: 7 }, { address: '2001:DB8::B', port: 7 }, 6);
    w.net.sendUdp({ host: 'a', address: '10.1.0.1', port: 7 }, { address: '10.0.0.2', port: 7 }, 'lan2');
    w.queue.runUntilIdle();
    expect(atB.map((d) => [d.payload, d.src.address, d.dst.address])).toEqual([
      [4, '10.0.0.1', '10.0.0.2'], [6, '2001:db8::a', '2001:db8::b'], ['lan2', '10.1.0.1', '10.0.0.2'],
    ]);
  });

  it('undeliverable datagrams are dropped silently with their reason: no-route, port-unreachable', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    w.net.addHost('v4only');
    w.net.addInterface('v4only', { name: 'lan1', ipv4: '10.0.0.9' });
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.99', port: 1 }, 'nobody');
    w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 1 }, 'unbound');
    w.net.sendUdp({ host: 'v4only', port: 1 }, { address: '2001:db8::1', port: 1 }, 'no v6 source');
    w.net.sendUdp({ host: 'a', address: '10.0.0.1', port: 1 }, { address: '2001:db8::1', port: 1 }, 'v4 source to v6');
    w.queue.runUntilIdle();
    const drops = w.trace.all().filter((e) => e.kind === 'net.drop').map((e) => e.data.reason);
    // Route problems are found when sending; an unbound port only when the datagram arrives.
    expect(drops).toEqual(['no-route', 'no-route', 'no-route', 'port-unreachable']);
    expect(w.net.stats()).toEqual({ sent: 4, delivered: 0, dropped: 4 });
  });

  it('a port bound to one address only receives datagrams sent to that address', () => {
    const w = makeWorld();
    w.net.addHost('a');
    w.net.addHost('b');
    w.net.addInterface('a', { name: 'lan1', ipv4: '10.0.0.1' });
    w.net.addInterface('b', { name: 'lan1', ipv4: '10.0.0.2' });
    w.net.addInterface('b', { name: 'lan2', ipv4: '10.0.1.2' });
    const got: string[] = [];
    w.net.bindUdp('b', 5, (d) => got.push(`lan2:${String(d.payload)}`), { address: '10.0.1.2' });
    w.net.bindUdp('b', 5, (d) => got.push(`lan1:${String(d.payload)}`), { address: '10.0.0.2' });
    w.net.sendUdp({ host: 'a', port: 5 }, { address: '10.0.1.2', port: 5 }, 'x');
    w.net.sendUdp({ host: 'a', port: 5 }, { address: '10.0.0.2', port: 5 }, 'y');
    w.queue.runUntilIdle();
    expect(got).toEqual(['lan2:x', 'lan1:y']);
  });

  it('close() unbinds the port, which can then be bound again', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    const socket = w.net.bindUdp('b', 5, () => undefined);
    socket.close();
    socket.close();
    const atB = collect(w, 'b', 5);
    w.net.sendUdp({ host: 'a', port: 5 }, { address: '10.0.0.2', port: 5 }, 'x');
    w.queue.runUntilIdle();
    expect(atB).toHaveLength(1);
  });

  it.each([
    ['port already bound', 'XTW_ERR_SIM_PORT_IN_USE', (w: ReturnType<typeof makeWorld>) => w.net.bindUdp('b', 5, () => undefined)],
    ['specific address over a wildcard bind', 'XTW_ERR_SIM_PORT_IN_USE', (w: ReturnType<typeof makeWorld>) => w.net.bindUdp('b', 5, () => undefined, { address: '10.0.0.2' })],
    ['bind on an address of another host', 'XTW_ERR_SIM_UNKNOWN_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.bindUdp('b', 6, () => undefined, { address: '10.0.0.1' })],
    ['bind port 0', 'XTW_ERR_SIM_BAD_PORT', (w: ReturnType<typeof makeWorld>) => w.net.bindUdp('b', 0, () => undefined)],
    ['bind on unknown host', 'XTW_ERR_SIM_UNKNOWN_HOST', (w: ReturnType<typeof makeWorld>) => w.net.bindUdp('zz', 6, () => undefined)],
    ['send from unknown host', 'XTW_ERR_SIM_UNKNOWN_HOST', (w: ReturnType<typeof makeWorld>) => w.net.sendUdp({ host: 'zz', port: 1 }, { address: '10.0.0.2', port: 5 }, 'x')],
    ['send to port 70000', 'XTW_ERR_SIM_BAD_PORT', (w: ReturnType<typeof makeWorld>) => w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 70000 }, 'x')],
    ['send from port 1.5', 'XTW_ERR_SIM_BAD_PORT', (w: ReturnType<typeof makeWorld>) => w.net.sendUdp({ host: 'a', port: 1.5 }, { address: '10.0.0.2', port: 5 }, 'x')],
    ['send to a non-address', 'XTW_ERR_SIM_BAD_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.sendUdp({ host: 'a', port: 1 }, { address: 'peer2', port: 5 }, 'x')],
    ['send from an address the host does not own', 'XTW_ERR_SIM_UNKNOWN_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.sendUdp({ host: 'a', address: '10.0.0.2', port: 1 }, { address: '10.0.0.2', port: 5 }, 'x')],
    ['negative size', 'XTW_ERR_SIM_BAD_SIZE', (w: ReturnType<typeof makeWorld>) => w.net.sendUdp({ host: 'a', port: 1 }, { address: '10.0.0.2', port: 5 }, 'x', -1)],
  ])('%s is rejected with %s and sends nothing', (_, code, act) => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 5);
    const hash = w.trace.hash();
    expect(codeOf(() => act(w))).toBe(code);
    w.queue.runUntilIdle();
    expect(atB).toHaveLength(0);
    expect(w.trace.hash()).toBe(hash);
    expect(w.net.stats().sent).toBe(0);
  });
});
