// Worlds that cannot exist are refused before anything is built (STYLE R8): a typed XTW_ERR_TWIN_*
// error whose `value` is the offending value, raised by the topology check and not by a lower layer
// half-way through building (a SimError from the network would mean building had started). Faults
// naming an unknown peer are refused the same way and install nothing.
import { describe, expect, it } from 'vitest';
import { checkTopology, createTwin, TwinError, type Topology } from '../../src/twin.js';
import { ipOf, nameOf, thrown, topologyOf, world } from '../helpers/world.js';

/** Build `t`, expecting a TwinError; also check the pure check agrees and the input was not touched. */
function refused(t: Topology): TwinError {
  const before = structuredClone(t);
  const err = thrown(() => createTwin({ seed: 1, topology: t }));
  expect(err, 'createTwin must refuse').toBeInstanceOf(TwinError);
  const pure = thrown(() => checkTopology(t)) as TwinError;
  expect(pure?.code).toBe((err as TwinError).code);
  expect(t).toEqual(before);
  return err as TwinError;
}

describe('twin topology: refused worlds name the bad value', () => {
  it('duplicate address: expc02 given expc01\'s 10.0.0.11 → XTW_ERR_TWIN_DUPLICATE_ADDRESS, value 10.0.0.11, message names both peers', () => {
    const t = topologyOf({ peers: 3, overrides: { 2: { lan1: { ipv4: ipOf(1) } } } });
    const err = refused(t);
    expect(err.code).toBe('XTW_ERR_TWIN_DUPLICATE_ADDRESS');
    expect(err.value).toBe('10.0.0.11');
    expect(err.message).toContain('expc01');
    expect(err.message).toContain('expc02');
  });

  it('duplicate address across NICs: expc02\'s LAN2 equal to expc01\'s LAN1 is refused too', () => {
    const err = refused(topologyOf({ peers: 2, overrides: { 2: { lan2: { ipv4: ipOf(1) } } } }));
    expect([err.code, err.value]).toEqual(['XTW_ERR_TWIN_DUPLICATE_ADDRESS', ipOf(1)]);
  });

  it('seven cluster peers → XTW_ERR_TWIN_TOO_MANY_PEERS with value 7; six of seven is a valid world', () => {
    const err = refused(topologyOf({ peers: 7, clustered: 7 }));
    expect([err.code, err.value]).toEqual(['XTW_ERR_TWIN_TOO_MANY_PEERS', 7]);
    expect(() => createTwin({ seed: 1, topology: topologyOf({ peers: 7, clustered: 6 }) })).not.toThrow();
  });

  it('unknown peer in the cluster list → XTW_ERR_TWIN_UNKNOWN_PEER naming "expc09"', () => {
    const t = topologyOf({ peers: 3, clustered: 3 });
    t.cluster!.peers = ['expc01', 'expc09'];
    const err = refused(t);
    expect([err.code, err.value]).toEqual(['XTW_ERR_TWIN_UNKNOWN_PEER', 'expc09']);
  });

  it('unknown peer in a topology link (a built-in latency fault) → XTW_ERR_TWIN_UNKNOWN_PEER naming it', () => {
    const t = topologyOf({ peers: 2, topology: { network: { links: [{ between: ['expc01', 'ghost'], rttMs: 20 }] } } });
    const err = refused(t);
    expect([err.code, err.value]).toEqual(['XTW_ERR_TWIN_UNKNOWN_PEER', 'ghost']);
  });

  it.each([
    ['lan1.ipv4', { lan1: { ipv4: '10.0.0.300' } }, '10.0.0.300'],
    ['lan1.ipv4', { lan1: { ipv4: 'expc01.example.com' } }, 'expc01.example.com'],
    ['lan2.ipv4', { lan2: { ipv4: '10.0.0' } }, '10.0.0'],
    ['lan1.staticNat', { lan1: { ipv4: ipOf(2), staticNat: '203.0.113.999' } }, '203.0.113.999'],
  ] as const)('bad address in %s (%j) → XTW_ERR_TWIN_BAD_ADDRESS naming the value, the field and the peer', (field, override, value) => {
    const err = refused(topologyOf({ peers: 2, overrides: { 2: override as never } }));
    expect([err.code, err.value]).toEqual(['XTW_ERR_TWIN_BAD_ADDRESS', value]);
    expect(err.message).toContain(field);
    expect(err.message).toContain('expc02');
  });

  it.each(['X14', '14.3.1', 'X14.3.1-beta', 'x'])('bad version %s → XTW_ERR_TWIN_BAD_VERSION naming it and the peer', (version) => {
    const err = refused(topologyOf({ peers: 2, overrides: { 2: { version } } }));
    expect([err.code, err.value]).toEqual(['XTW_ERR_TWIN_BAD_VERSION', version]);
    expect(err.message).toContain('expc02');
  });

  it.each([
    ['no peers', { peers: [] } as Topology, 'XTW_ERR_TWIN_NO_PEERS'],
    ['a peer name with a space', { peers: [{ name: 'exp c01', lan1: { ipv4: ipOf(1) } }] }, 'XTW_ERR_TWIN_BAD_NAME'],
    ['the same name twice', { peers: [{ name: 'expc01', lan1: { ipv4: ipOf(1) } }, { name: 'expc01', lan1: { ipv4: ipOf(2) } }] }, 'XTW_ERR_TWIN_DUPLICATE_PEER'],
    ['a primary outside the cluster', { ...topologyOf({ peers: 3, clustered: 2 }), cluster: { peers: ['expc01', 'expc02'], primary: 'expc03' } }, 'XTW_ERR_TWIN_BAD_CLUSTER'],
    ['a negative link latency', topologyOf({ peers: 2, topology: { network: { links: [{ between: ['expc01', 'expc02'], rttMs: -1 }] } } }), 'XTW_ERR_TWIN_BAD_FAULT'],
    ['an unparsable epoch', { ...topologyOf({ peers: 1 }), epochUtc: 'yesterday' }, 'XTW_ERR_TWIN_BAD_TIME'],
  ] as const)('%s → %s', (_, t, code) => {
    expect(refused(t as Topology).code).toBe(code);
  });
});

describe('twin faults: unknown peers are refused and nothing is installed', () => {
  it.each([
    ['partition', (s: ReturnType<typeof world>) => s.twin.partition(['expc01'], ['expc09'])],
    ['one-way partition', (s: ReturnType<typeof world>) => s.twin.partition(['expc09'], ['expc01'], { oneWay: true })],
    ['latency', (s: ReturnType<typeof world>) => s.twin.latency({ from: 'expc01', to: 'expc09', latencyMsMean: 50 })],
    ['loss', (s: ReturnType<typeof world>) => s.twin.loss({ from: 'expc09', lossRatio: 0.5 })],
    ['nat', (s: ReturnType<typeof world>) => s.twin.nat({ inside: ['expc09'], publicAddress: '192.0.2.1' })],
    ['dns failure for a host', (s: ReturnType<typeof world>) => s.twin.dnsFailure({ name: 'expc01.example.com', failure: 'servfail', forHost: 'expc09' })],
    ['power off', (s: ReturnType<typeof world>) => s.twin.powerOff('expc09')],
  ] as const)('%s naming expc09 → XTW_ERR_TWIN_UNKNOWN_PEER (value expc09); no fault is active and the trace records none', (_, act) => {
    const s = world({ peers: 2, clustered: 2 });
    const err = thrown(() => act(s)) as TwinError;
    expect(err).toBeInstanceOf(TwinError);
    expect([err.code, err.value]).toEqual(['XTW_ERR_TWIN_UNKNOWN_PEER', 'expc09']);
    expect(s.twin.activeFaults()).toEqual([]);
    expect(s.events('fault.inject')).toEqual([]);
    expect(s.events('net.rule.add')).toEqual([]);
  });

  it('heal of a fault id that is not active → XTW_ERR_TWIN_UNKNOWN_FAULT naming the id; the active fault stays', () => {
    const s = world({ peers: 2, clustered: 2 });
    const f = s.twin.partition(['expc01'], ['expc02']);
    const err = thrown(() => s.twin.heal(f.id + 41)) as TwinError;
    expect([err.code, err.value]).toEqual(['XTW_ERR_TWIN_UNKNOWN_FAULT', f.id + 41]);
    expect(s.twin.activeFaults().map((x) => x.id)).toEqual([f.id]);
  });

  it('a valid world of peers named expc01..expc06 builds, and every name answers observe()', () => {
    const s = world({ peers: 6, clustered: 6 });
    expect(s.twin.peerNames()).toEqual([1, 2, 3, 4, 5, 6].map(nameOf));
    expect(thrown(() => s.twin.observe('expc07'))?.code).toBe('XTW_ERR_TWIN_UNKNOWN_PEER');
  });
});
