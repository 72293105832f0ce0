import { describe, expect, it } from 'vitest';
import { codeOf, collect, kinds, lan, makeWorld } from './world.js';

describe('net hosts and interfaces', () => {
  it('hosts and their addresses are listed in insertion order, IPv4 before IPv6', () => {
    const { net } = makeWorld();
    net.addHost('b');
    net.addHost('a');
    net.addInterface('b', { name: 'lan1', ipv4: '10.0.0.2', ipv4PrefixLength: 24, ipv6: '2001:DB8::2', ipv6PrefixLength: 64 });
    net.addInterface('b', { name: 'lan2', ipv4: '192.168.0.2' });
    expect(net.hostNames()).toEqual(['b', 'a']);
    expect(net.hasHost('a')).toBe(true);
    expect(net.hasHost('c')).toBe(false);
    expect(net.addressesOf('b')).toEqual([
      { iface: 'lan1', family: 4, address: '10.0.0.2', prefixLength: 24, up: true },
      { iface: 'lan1', family: 6, address: '2001:db8::2', prefixLength: 64, up: true },
      { iface: 'lan2', family: 4, address: '192.168.0.2', prefixLength: undefined, up: true },
    ]);
    expect(net.ownerOf('2001:db8:0::2')).toEqual({ host: 'b', iface: 'lan1' });
    expect(net.ownerOf('10.9.9.9')).toBeUndefined();
    expect(net.addressesOf('a')).toEqual([]);
  });

  it('removeInterface frees its addresses for reuse', () => {
    const { net } = makeWorld();
    lan(net, ['a', 'b']);
    net.removeInterface('a', 'lan1');
    expect(net.ownerOf('10.0.0.1')).toBeUndefined();
    net.addInterface('b', { name: 'lan2', ipv4: '10.0.0.1' });
    expect(net.ownerOf('10.0.0.1')).toEqual({ host: 'b', iface: 'lan2' });
  });

  it.each([
    ['unknown host', 'XTW_ERR_SIM_UNKNOWN_HOST', (w: ReturnType<typeof makeWorld>) => w.net.addInterface('zz', { name: 'lan1', ipv4: '10.0.0.9' })],
    ['duplicate host', 'XTW_ERR_SIM_DUPLICATE_HOST', (w: ReturnType<typeof makeWorld>) => w.net.addHost('a')],
    ['host named like an address', 'XTW_ERR_SIM_BAD_NAME', (w: ReturnType<typeof makeWorld>) => w.net.addHost('10.0.0.7')],
    ['empty host name', 'XTW_ERR_SIM_BAD_NAME', (w: ReturnType<typeof makeWorld>) => w.net.addHost('')],
    ['duplicate interface', 'XTW_ERR_SIM_DUPLICATE_INTERFACE', (w: ReturnType<typeof makeWorld>) => w.net.addInterface('a', { name: 'lan1', ipv4: '10.0.0.9' })],
    ['address owned by another host', 'XTW_ERR_SIM_DUPLICATE_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.addInterface('a', { name: 'lan2', ipv4: '10.0.0.2' })],
    ['address equal to a NAT public address', 'XTW_ERR_SIM_DUPLICATE_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.addInterface('a', { name: 'lan2', ipv4: '203.0.113.1' })],
    ['invalid address', 'XTW_ERR_SIM_BAD_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.addInterface('a', { name: 'lan2', ipv4: '10.0.0.300' })],
    ['IPv6 text in the ipv4 field', 'XTW_ERR_SIM_BAD_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.addInterface('a', { name: 'lan2', ipv4: '::1' })],
    ['no address at all', 'XTW_ERR_SIM_BAD_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.addInterface('a', { name: 'lan2' })],
    ['bad prefix length', 'XTW_ERR_SIM_BAD_PREFIX', (w: ReturnType<typeof makeWorld>) => w.net.addInterface('a', { name: 'lan2', ipv4: '10.0.1.1', ipv4PrefixLength: 33 })],
    ['unknown interface', 'XTW_ERR_SIM_UNKNOWN_INTERFACE', (w: ReturnType<typeof makeWorld>) => w.net.removeInterface('a', 'lan9')],
    ['link change on unknown interface', 'XTW_ERR_SIM_UNKNOWN_INTERFACE', (w: ReturnType<typeof makeWorld>) => w.net.setInterfaceUp('a', 'lan9', false)],
    ['power on unknown host', 'XTW_ERR_SIM_UNKNOWN_HOST', (w: ReturnType<typeof makeWorld>) => w.net.setHostUp('zz', false)],
    ['ownerOf a non-address', 'XTW_ERR_SIM_BAD_ADDRESS', (w: ReturnType<typeof makeWorld>) => w.net.ownerOf('nope')],
  ])('%s is rejected with %s and changes nothing', (_, code, act) => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    w.net.addHost('c');
    w.net.addNat({ name: 'n', inside: ['c'], publicAddress: '203.0.113.1', kind: 'static' });
    const before = JSON.stringify([w.net.hostNames(), w.net.hostNames().map((h) => w.net.addressesOf(h))]);
    const traceBefore = w.trace.hash();
    expect(codeOf(() => act(w))).toBe(code);
    expect(JSON.stringify([w.net.hostNames(), w.net.hostNames().map((h) => w.net.addressesOf(h))])).toBe(before);
    expect(w.trace.hash()).toBe(traceBefore);
  });

  it('an interface whose IPv6 conflicts is rejected whole: its valid IPv4 is not assigned either', () => {
    const { net } = makeWorld();
    net.addHost('a');
    net.addHost('b');
    net.addInterface('a', { name: 'lan1', ipv6: '2001:db8::1' });
    expect(codeOf(() => net.addInterface('b', { name: 'lan1', ipv4: '10.0.0.2', ipv6: '2001:db8::1' }))).toBe('XTW_ERR_SIM_DUPLICATE_ADDRESS');
    expect(net.ownerOf('10.0.0.2')).toBeUndefined();
    expect(net.addressesOf('b')).toEqual([]);
  });

  it('power and link changes are traced once per change', () => {
    const w = makeWorld();
    lan(w.net, ['a']);
    w.net.setHostUp('a', false);
    w.net.setHostUp('a', false);
    w.net.setHostUp('a', true);
    w.net.setInterfaceUp('a', 'lan1', false);
    w.net.setInterfaceUp('a', 'lan1', true);
    expect(kinds(w, 'net.host.')).toEqual(['net.host.add', 'net.host.down', 'net.host.up']);
    expect(kinds(w, 'net.link.')).toEqual(['net.link.down', 'net.link.up']);
    expect(w.net.isHostUp('a')).toBe(true);
  });

  it('a down host neither sends nor receives; a down link neither; both recover', () => {
    const w = makeWorld();
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 9);
    const send = (): void => w.net.sendUdp({ host: 'a', port: 9 }, { address: '10.0.0.2', port: 9 }, 'x');
    const reasons = (): unknown[] => w.trace.all().filter((e) => e.kind === 'net.drop').map((e) => e.data.reason);
    w.net.setHostUp('b', false);
    send();
    w.net.setHostUp('b', true);
    w.net.setHostUp('a', false);
    send();
    w.net.setHostUp('a', true);
    w.net.setInterfaceUp('b', 'lan1', false);
    send();
    w.net.setInterfaceUp('b', 'lan1', true);
    w.net.setInterfaceUp('a', 'lan1', false);
    send();
    w.net.setInterfaceUp('a', 'lan1', true);
    w.queue.runUntilIdle();
    expect(atB).toHaveLength(0);
    expect(reasons()).toEqual(['host-down', 'host-down', 'link-down', 'link-down']);
    send();
    w.queue.runUntilIdle();
    expect(atB).toHaveLength(1);
  });

  it('a datagram in flight when its destination powers off is dropped on arrival as host-down', () => {
    const w = makeWorld(1, { defaults: { latencyMsMean: 10, latencyMsJitter: 0 } });
    lan(w.net, ['a', 'b']);
    const atB = collect(w, 'b', 9);
    w.net.sendUdp({ host: 'a', port: 9 }, { address: '10.0.0.2', port: 9 }, 'x');
    w.queue.advance(5);
    w.net.setHostUp('b', false);
    w.queue.runUntilIdle();
    expect(atB).toHaveLength(0);
    const drop = w.trace.all().find((e) => e.kind === 'net.drop');
    expect(drop?.atMs).toBe(10);
    expect(drop?.data.reason).toBe('host-down');
  });
});

describe('renumberInterface', () => {
  it('gives an interface new addresses in its place: the old ones are free, the new ones owned, the order (and default source) kept', () => {
    const w = makeWorld();
    w.net.addHost('a');
    w.net.addInterface('a', { name: 'lan1', ipv4: '10.0.0.11' });
    w.net.addInterface('a', { name: 'lan2', ipv4: '10.1.0.11' });
    w.net.renumberInterface('a', 'lan1', { ipv4: '10.0.0.22', ipv6: '2001:DB8::22' });
    expect(w.net.ownerOf('10.0.0.11')).toBeUndefined();
    expect(w.net.ownerOf('10.0.0.22')).toEqual({ host: 'a', iface: 'lan1' });
    expect(w.net.addressesOf('a').map((x) => `${x.iface} ${x.address}`)).toEqual(['lan1 10.0.0.22', 'lan1 2001:db8::22', 'lan2 10.1.0.11']);
    // Keeping one of its own addresses is no conflict; another host's is.
    w.net.renumberInterface('a', 'lan1', { ipv4: '10.0.0.22' });
    w.net.addHost('b');
    w.net.addInterface('b', { name: 'lan1', ipv4: '10.0.0.12' });
    expect(() => w.net.renumberInterface('a', 'lan1', { ipv4: '10.0.0.12' })).toThrow(/XTW_ERR_SIM_DUPLICATE_ADDRESS/);
    expect(w.net.ownerOf('10.0.0.22')).toEqual({ host: 'a', iface: 'lan1' });
  });
});
