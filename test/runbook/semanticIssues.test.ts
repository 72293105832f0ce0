// The loader's third pass (src/runbook/semantics.ts) on raw runbook data: each check a JSON Schema
// cannot make — peers named anywhere must exist, names and addresses are unique (IPv6 in any
// spelling), IPv6 text is exact, DNS record families match, a timed fault heals after it starts —
// with the path it points at (the loader turns it into file:line:col) and the words it uses.
import { describe as group, expect, it } from 'vitest';
import { describe, semanticIssues } from '../../src/runbook/semantics.js';

const PEERS = [
  { name: 'expc01', lan1: { ipv4: '10.0.0.11' } },
  { name: 'expc02', lan1: { ipv4: '10.0.0.12' } },
];
const topology = (more: Record<string, unknown> = {}) => ({ peers: PEERS, ...more });
const paths = (data: unknown) => semanticIssues(data).map((i) => `${i.code} ${i.path.join('.')}`);

group('peers named in the runbook must exist', () => {
  it('in steps, faults, conditions, waits and lab objectives, each at its place, with a suggestion', () => {
    const issues = semanticIssues({
      topology: topology({ network: { links: [{ between: ['expc01', 'expc03'] }] } }),
      faults: [{ at: '1s', fault: { kind: 'partition', groups: [['expc01'], ['expc9']] } }],
      steps: [
        { peer: 'expc03', tshell: 'xStatus Alarm' },
        { fault: { kind: 'latency', between: ['expc01', 'x'] } },
        { fault: { kind: 'nat', inside: ['y'], publicAddress: '192.0.2.1' } },
        { fault: { kind: 'dns-failure', name: 'n', failure: 'nxdomain', forPeer: 'z' } },
        { fault: { kind: 'power-loss', peer: 'w' } },
        { expect: [{ peer: 'expc01', state: 'running' }, { peer: 'v', state: 'running' }] },
        { expect: { peer: 'u', state: 'running' } },
        { wait: { until: { peer: 't', state: 'running' }, limit: '1m' } },
      ],
      lab: { title: 'l', objectives: [{ title: 'o', expect: { peer: 's', state: 'running' } }] },
    });
    expect(issues.map((i) => i.path.join('.'))).toEqual([
      'topology.network.links.0.between.1',
      'faults.0.fault.groups.1.0',
      'steps.0.peer', 'steps.1.fault.between.1', 'steps.2.fault.inside.0', 'steps.3.fault.forPeer', 'steps.4.fault.peer',
      'steps.5.expect.1.peer', 'steps.6.expect.peer', 'steps.7.wait.until.peer', 'lab.objectives.0.expect.peer',
    ]);
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['XTW_ERR_RUNBOOK_UNKNOWN_PEER']));
    expect(issues[1]!.detail).toBe('unknown peer "expc9" (did you mean expc01?); the topology has: expc01, expc02');
  });

  it('with no well-formed peer names there is nothing to check against (the schema pass reports the topology)', () => {
    expect(semanticIssues({ topology: { peers: [{ lan1: { ipv4: '10.0.0.11' } }] }, steps: [{ peer: 'expc01', tshell: 'x' }] })).toEqual([]);
  });

  it('anything that is not a mapping gives no issue (the schema pass says what is wrong)', () => {
    for (const data of [null, 'text', [1, 2], 5]) expect(semanticIssues(data)).toEqual([]);
    expect(semanticIssues({ topology: 'x', steps: 'y', faults: {}, lab: [] })).toEqual([]);
    expect(semanticIssues({ topology: topology(), steps: [null, 'x', { wait: '1m' }], faults: [null] })).toEqual([]);
  });
});

group('unique names and addresses', () => {
  it('a peer name used twice points at the second, naming the first', () => {
    const issues = semanticIssues({ topology: { peers: [PEERS[0], PEERS[1], { name: 'expc01', lan1: { ipv4: '10.0.0.13' } }] } });
    expect(issues).toEqual([{ code: 'XTW_ERR_RUNBOOK_DUPLICATE_PEER', path: ['topology', 'peers', '2', 'name'], detail: 'peer name "expc01" is already used by topology.peers[0]; expected unique peer names' }]);
  });

  it('an address used twice, across NICs and fields, and in another spelling of the same IPv6 address', () => {
    const issues = semanticIssues({ topology: { peers: [
      { name: 'a', lan1: { ipv4: '10.0.0.11', ipv6: '2001:db8::11' } },
      { name: 'b', lan1: { ipv4: '10.0.0.12', ipv6: '2001:DB8:0:0:0:0:0:0011' }, lan2: { ipv4: '10.0.0.11' } },
      { name: 'c', lan1: { ipv4: '10.0.0.13', staticNat: '10.0.0.12' } },
    ] } });
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['XTW_ERR_RUNBOOK_DUPLICATE_ADDRESS', 'topology.peers.1.lan1.ipv6'],
      ['XTW_ERR_RUNBOOK_DUPLICATE_ADDRESS', 'topology.peers.1.lan2.ipv4'],
      ['XTW_ERR_RUNBOOK_DUPLICATE_ADDRESS', 'topology.peers.2.lan1.staticNat'],
    ]);
    expect(issues[0]!.detail).toBe('address 2001:DB8:0:0:0:0:0:0011 of b lan1.ipv6 is already assigned to a lan1.ipv6; expected each address once');
    expect(issues[2]!.detail).toBe('address 10.0.0.12 of c lan1.staticNat is already assigned to b lan1.ipv4; expected each address once');
  });

  it('different IPv6 addresses that share a prefix are not the same, nor an IPv4-mapped one and its IPv4', () => {
    expect(semanticIssues({ topology: { peers: [
      { name: 'a', lan1: { ipv4: '10.0.0.11', ipv6: '2001:db8::11' } },
      { name: 'b', lan1: { ipv4: '10.0.0.12', ipv6: '2001:db8::1:11' } },
      { name: 'c', lan1: { ipv4: '10.0.0.13', ipv6: '::ffff:10.0.0.11' } },
      { name: 'd', lan1: { ipv4: '10.0.0.14', ipv6: '2001:db8:11::' } },
    ] } })).toEqual([]);
  });
});

group('addresses', () => {
  it('text shaped like IPv6 that is not a valid address, wherever an address goes', () => {
    const issues = semanticIssues({
      topology: { peers: [{ name: 'a', lan1: { ipv4: '10.0.0.11', ipv6: '2001:db8:::11' }, dnsServers: ['10.0.0.53', 'fe80::1::2'] }] },
      steps: [{ fault: { kind: 'nat', inside: ['a'], publicAddress: '1:2:3:4:5:6:7:8:9' } }],
    });
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['XTW_ERR_RUNBOOK_BAD_ADDRESS', 'topology.peers.0.lan1.ipv6'],
      ['XTW_ERR_RUNBOOK_BAD_ADDRESS', 'topology.peers.0.dnsServers.1'],
      ['XTW_ERR_RUNBOOK_BAD_ADDRESS', 'steps.0.fault.publicAddress'],
    ]);
    expect(issues[0]!.detail).toBe('"2001:db8:::11" is not a valid IPv6 address; expected e.g. 2001:db8::11');
  });

  it('a DNS record\'s family must match its type, in the topology and in a dns step', () => {
    const issues = semanticIssues({
      topology: topology({ dns: { records: [{ name: 'a', type: 'A', value: '2001:db8::1' }, { name: 'b', type: 'AAAA', value: '2001:db8::2' }, { name: 'c', type: 'AAAA', value: '10.0.0.3' }] } }),
      steps: [{ dns: { name: 'd', type: 'A', value: '10.0.0.4' } }, { dns: { name: 'e', type: 'A', value: '2001:db8::5' } }],
    });
    expect(issues.map((i) => [i.path.join('.'), i.detail])).toEqual([
      ['topology.dns.records.0.value', 'an A record needs an IPv4 address; got 2001:db8::1'],
      ['topology.dns.records.2.value', 'an AAAA record needs an IPv6 address; got 10.0.0.3'],
      ['steps.1.dns.value', 'an A record needs an IPv4 address; got 2001:db8::5'],
    ]);
  });
});

group('the cluster', () => {
  it('a peer listed twice, and a primary that is not a member, or not a peer at all', () => {
    expect(paths({ topology: topology({ cluster: { peers: ['expc01', 'expc01'], primary: 'expc02' } }) })).toEqual([
      'XTW_ERR_RUNBOOK_DUPLICATE_PEER topology.cluster.peers.1',
      'XTW_ERR_RUNBOOK_BAD_CLUSTER topology.cluster.primary',
    ]);
    const bad = semanticIssues({ topology: topology({ cluster: { peers: ['expc01'], primary: 'expc02' } }) });
    expect(bad[0]!.detail).toBe('primary "expc02" is not one of the cluster\'s peers; expected one of: expc01');
    expect(paths({ topology: topology({ cluster: { peers: ['expc01', 'expc03'], primary: 'expc04' } }) })).toEqual([
      'XTW_ERR_RUNBOOK_UNKNOWN_PEER topology.cluster.peers.1',
      'XTW_ERR_RUNBOOK_UNKNOWN_PEER topology.cluster.primary',
    ]);
  });

  it('a primary among the members, or with no member list, is fine', () => {
    expect(semanticIssues({ topology: topology({ cluster: { peers: ['expc01', 'expc02'], primary: 'expc02' } }) })).toEqual([]);
    expect(semanticIssues({ topology: topology({ cluster: { primary: 'expc02' } }) })).toEqual([]);
  });
});

group('timed faults', () => {
  it('heal must come after at: equal or earlier points at heal', () => {
    const fault = { kind: 'loss', lossRatio: 0.1 };
    const issues = semanticIssues({ topology: topology(), faults: [{ at: '1m', heal: '60s', fault }, { at: '1m', heal: '30s', fault }, { at: '1m', heal: 60_001, fault }, { at: '1m', fault }] });
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([['XTW_ERR_RUNBOOK_BAD_DURATION', 'faults.0.heal'], ['XTW_ERR_RUNBOOK_BAD_DURATION', 'faults.1.heal']]);
    expect(issues[0]!.detail).toBe('heal (60s) must come after at (1m); a fault heals after it starts');
  });
});

group('describe: a value as a message shows it', () => {
  it.each([
    [null, 'nothing (null)'], [undefined, 'nothing (null)'], ['abc', '"abc"'], [5, '5'], [false, 'false'], [[1], 'a list'], [{ a: 1 }, 'a mapping'],
    ['x'.repeat(60), `"${'x'.repeat(60)}"`], ['x'.repeat(61), `"${'x'.repeat(57)}…"`],
  ])('%j → %s', (v, shown) => {
    expect(describe(v)).toBe(shown);
  });
});
