// Edges of three safety invariants that invariants.test.ts and invariantEdges.test.ts do not reach,
// each on a trace (or an observation) changed in one place: alarms-held is judged per peer, per key
// and per instant; primary-config-kept ignores local keys; enforcing-links judges only serving peers.
import { describe, expect, it } from 'vitest';
import { createTwin, type Certificate, type PeerObservation, type TraceEvent } from '../../src/twin.js';
import { checkedWorld, clustered, event, expectBroken, inv, lyingTwin, withEvents } from '../helpers/checkedRun.js';
import { MINUTE } from '../helpers/world.js';

const alarm = (kind: 'alarm.raise' | 'alarm.lower', source: string, atMs: number, key = 'replication-error', id = '20009') => event(source, kind, { key, id }, atMs);

describe('alarms-held: per peer, per key, per instant', () => {
  const twin = createTwin({ seed: 1, topology: { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }] } });
  const base = checkedWorld(twin, { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }] });
  const judge = (events: TraceEvent[]) => inv('alarms-held').check(withEvents(base, events));

  it('a lower on one peer and a raise of the same alarm on another, at one instant, are two peers\' business', () => {
    expect(judge([alarm('alarm.lower', 'expc01', 5), alarm('alarm.raise', 'expc02', 5)])).toEqual({ ok: true });
  });

  it('a lower and a raise of different alarms at one instant hold; of the same alarm, with only alarm changes between, break', () => {
    expect(judge([alarm('alarm.lower', 'expc01', 5), alarm('alarm.raise', 'expc01', 5, 'cluster-communication-failure', '20004')])).toEqual({ ok: true });
    const v = judge([alarm('alarm.lower', 'expc01', 5), alarm('alarm.raise', 'expc01', 5, 'cluster-communication-failure', '20004'), alarm('alarm.raise', 'expc01', 5)]);
    expectBroken(v, 'expc01 lowered and raised 20009 (replication-error) again at the same instant, 5 ms, with no cause in between');
    expect(v.evidence).toHaveLength(2);
  });

  it('a raise a moment after the lower is a new condition', () => {
    expect(judge([alarm('alarm.lower', 'expc01', 5), alarm('alarm.raise', 'expc01', 6)])).toEqual({ ok: true });
  });

  it('another peer\'s event between them is no cause for this peer', () => {
    const other = event('expc02', 'cluster.link.failed', { peer: '10.0.0.11' }, 5);
    expectBroken(judge([alarm('alarm.lower', 'expc01', 5), other, alarm('alarm.raise', 'expc01', 5)]), /^expc01 lowered and raised 20009/);
    const own = event('expc01', 'cluster.link.failed', { peer: '10.0.0.12' }, 5);
    expect(judge([alarm('alarm.lower', 'expc01', 5), own, alarm('alarm.raise', 'expc01', 5)])).toEqual({ ok: true });
  });
});

describe('primary-config-kept: only what the primary itself was told', () => {
  /** Three peers clustered, settled; expc01 is the primary. */
  const settled = () => {
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    return { s, r: () => checkedWorld(s, topology) };
  };
  const lose = (key: string, value: string) => (o: PeerObservation) => (o.name === 'expc01' ? { ...o, saved: { ...o.saved, [key]: value } } : o);

  it('a local key saved on the primary is not its cluster configuration to keep', () => {
    const { s, r } = settled();
    s.peer(1).save({ 'SystemUnit Name': 'box' });
    s.after(MINUTE);
    expect(inv('primary-config-kept').check(lyingTwin(r(), lose('SystemUnit Name', '')))).toEqual({ ok: true });
  });
});

describe('enforcing-links: which links are judged', () => {
  const ENFORCING = { tls: 'Enforcing' as const };

  it('a peer that is not serving is not judged, whatever it shows', () => {
    const { s, topology } = clustered({ peers: 2, clustered: 2, ...ENFORCING });
    s.after(2 * MINUTE);
    const r = checkedWorld(s, topology);
    const noCert = (o: PeerObservation) => ({ ...o, active: { ...o.active, 'Certificate Server': null as Certificate | null } });
    // Permissive-looking links: Active, to a peer without a certificate; only the viewer's state differs.
    const shows = (serving: boolean) => lyingTwin(r, (o) => {
      const active = { ...o, clustering: { ...o.clustering, entries: o.clustering.entries.map((e) => (e.address ? { ...e, status: e.status === 'This system' ? e.status : 'Active' } : e)) } };
      // expc02 (no certificate) is never judged here: only expc01's serving decides.
      return o.name === 'expc02' ? { ...noCert(active), serving: false } : { ...active, serving };
    });
    expectBroken(inv('enforcing-links-match-certificates').check(shows(true)), /^expc01 shows Peer 2 \(10\.0\.0\.12\) Active under Enforcing, but its certificate is missing$/);
    expect(inv('enforcing-links-match-certificates').check(shows(false))).toEqual({ ok: true });
  });
});
