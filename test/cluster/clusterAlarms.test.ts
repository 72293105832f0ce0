// The cluster alarm derivation (src/cluster/clusterAlarms.ts) as a pure function: each alarm of
// DOMAIN §7.1 the node derives, from inputs alone, including the seed's +171 ms / +418 ms delays
// after a link goes down (DOMAIN §10.2 B).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterAlarms, DERIVED_CLUSTER_ALARMS, type ClusterAlarmInputs } from '../../src/cluster/clusterAlarms.js';
import { TIMINGS } from '../../src/expressway/index.js';

type Link = ClusterAlarmInputs['links'][number];
const UP: Link = { db: 'up', ras: 'alive' };
const NTP = { 'NTP Server 1 Address': 'ntp.example.com' };
/** A joined, healthy second peer of a two-peer cluster with a name, H.323 on and NTP. */
const HEALTHY: ClusterAlarmInputs = {
  configured: true, selfIndex: 2, joined: true, links: [UP], nowMs: 100_000, tlsMode: 'Enforcing', startedBeforePrimary: false,
  active: { 'H323 Mode': 'On', 'Alternates Cluster Name': 'cluster.example.com', ...NTP },
};
const alarms = (over: Partial<ClusterAlarmInputs>) => [...clusterAlarms({ ...HEALTHY, ...over })].sort();

describe('clusterAlarms: inputs → the set of cluster alarms that hold (DOMAIN §7.1)', () => {
  it('a healthy joined peer has none', () => {
    expect(alarms({})).toEqual([]);
  });

  it('20024 (DOMAIN §3 R20): on a peer that started before its primary while any link is up, and on every peer linked to such a peer; not while alone or not joined', () => {
    const fromFirstStarter = { ...UP, remote: { startedBeforePrimary: true } } as Link;
    expect(alarms({ startedBeforePrimary: true })).toEqual(['cluster-inconsistent-state']);
    expect(alarms({ links: [fromFirstStarter] })).toEqual(['cluster-inconsistent-state']);
    expect(alarms({ startedBeforePrimary: true, links: [{ db: 'failed', failure: 'refused', ras: 'alive' }] })).toEqual(['cluster-communication-failure', 'cluster-database-communication-failure']);
    expect(alarms({ links: [{ ...fromFirstStarter, db: 'failed', failure: 'closed' }] })).toEqual(['cluster-communication-failure', 'cluster-database-communication-failure']);
    expect(alarms({ startedBeforePrimary: true, joined: false })).toEqual(['cluster-communication-failure']);
  });

  it('configured but not in its own list: invalid cluster configuration, and not a communication failure', () => {
    expect(alarms({ selfIndex: 0, joined: false })).toEqual(['invalid-cluster-configuration']);
  });

  it('in the list but not yet restarted into the cluster: communication failure (20004) only', () => {
    expect(alarms({ joined: false })).toEqual(['cluster-communication-failure']);
  });

  it('a link that went down raises 20006 at +171 ms and 20004 at +418 ms, not before', () => {
    const at = 100_000;
    const down = (afterMs: number) => alarms({ links: [{ db: 'failed', failure: 'closed', downAtMs: at, ras: 'alive' }], nowMs: at + afterMs });
    expect(down(TIMINGS.mnesiaDownTo20006Ms - 1)).toEqual([]);
    expect(down(TIMINGS.mnesiaDownTo20006Ms)).toEqual(['cluster-database-communication-failure']);
    expect(down(TIMINGS.mnesiaDownTo20004Ms - 1)).toEqual(['cluster-database-communication-failure']);
    expect(down(TIMINGS.mnesiaDownTo20004Ms)).toEqual(['cluster-communication-failure', 'cluster-database-communication-failure']);
  });

  it('a link still being tried for the first time counts for nothing; a retry of a failed one still counts', () => {
    expect(alarms({ links: [{ db: 'connecting', ras: 'unknown' }] })).toEqual([]);
    expect(alarms({ links: [{ db: 'connecting', failure: 'refused', ras: 'unknown' }] })).toEqual(['cluster-communication-failure', 'cluster-database-communication-failure']);
  });

  it('RAS dead alone is a communication failure (20004), not a database one', () => {
    expect(alarms({ links: [{ db: 'up', ras: 'dead' }] })).toEqual(['cluster-communication-failure']);
  });

  it('configuration alarms need a joined peer with others: H.323 off, no cluster name, TLS permissive, no NTP', () => {
    expect(alarms({ active: { ...HEALTHY.active, 'H323 Mode': 'Off' } })).toEqual(['h323-mode-off']);
    expect(alarms({ active: { ...HEALTHY.active, 'Alternates Cluster Name': '' } })).toEqual(['cluster-name-not-configured']);
    expect(alarms({ tlsMode: 'Permissive' })).toEqual(['cluster-tls-permissive']);
    expect(alarms({ tlsMode: 'Permissive', links: [] })).toEqual([]);
    expect(alarms({ active: { 'H323 Mode': 'On', 'Alternates Cluster Name': 'c' } })).toEqual(['date-time-not-validated', 'replication-ntp-unreachable']);
    // Alone, a peer without NTP still has the date-time alarm.
    expect(alarms({ configured: false, selfIndex: 0, joined: false, links: [], active: {} })).toEqual(['date-time-not-validated']);
  });

  it('property: it only ever returns alarms it is declared to derive, and is a function of its inputs', () => {
    const link = fc.record({
      db: fc.constantFrom('unknown', 'connecting', 'up', 'failed'), ras: fc.constantFrom('unknown', 'alive', 'retrying', 'dead'),
      failure: fc.option(fc.constant('closed' as const), { nil: undefined }), downAtMs: fc.option(fc.nat(1000), { nil: undefined }),
    });
    fc.assert(fc.property(fc.boolean(), fc.nat(4), fc.boolean(), fc.array(link, { maxLength: 5 }), fc.nat(2000), (configured, selfIndex, joined, links, nowMs) => {
      const inputs: ClusterAlarmInputs = { ...HEALTHY, configured, selfIndex, joined, links, nowMs };
      const on = clusterAlarms(inputs);
      for (const k of on) expect(DERIVED_CLUSTER_ALARMS).toContain(k);
      expect([...clusterAlarms(inputs)]).toEqual([...on]);
      // Not joined: nothing that needs a running cluster database.
      if (!joined) expect(on.has('cluster-database-communication-failure') || on.has('h323-mode-off')).toBe(false);
    }));
  });
});
