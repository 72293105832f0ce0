// Forming and shrinking a cluster as the guides tell an operator to (DOMAIN §6.2 create, §6.3 add a
// peer, §6.4 remove a live peer, §9.1 the factory reset it triggers, §2.1 at most six peers). Every
// claim is read from what the façade hands up: pages (observe), alarms, the trace.
import { describe, expect, it } from 'vitest';
import { CLUSTER_TIMINGS } from '../../src/cluster/timings.js';
import { CLUSTER_NAME, clusteringPage, ipOf, LINK_ALARMS, MINUTE, REPLICATION_PERIOD, SECOND, thrown, world } from '../helpers/world.js';

describe('forming §6.2: a cluster of one', () => {
  it('cluster of one: Peer 1 shows "This system" and 20007 is raised (≈0.2 s later, DOMAIN §12); after the restart 20007 is gone, the peer is joined, database Active, its configuration kept', () => {
    const s = world({ peers: 3 });
    const p1 = s.peer(1);
    p1.save({ 'Zones Zone 1 Name': 'ToCUCM' });
    p1.save(clusteringPage([1]));
    expect(p1.entry(1).status).toBe('This system');
    s.after(SECOND);
    expect(p1.alarmIds()).toContain('20007');
    expect(p1.observe().clustering.joined).toBe(false);

    p1.restartAndWait();
    const o = p1.observe();
    expect(o.alarms.map((a) => a.id)).not.toContain('20007');
    expect(o.clustering).toMatchObject({ joined: true, isPrimary: true, primaryIndex: 1, selfIndex: 1, databaseStatus: 'Active' });
    expect(o.active['Alternates Peer 1 Address']).toBe(ipOf(1));
    // §6.2 step 8: the configuration is still present after the restart.
    expect(o.saved['Zones Zone 1 Name']).toBe('ToCUCM');
    expect(o.saved['Alternates Cluster Name']).toBe(CLUSTER_NAME);
  });
});

describe('forming §6.3: adding a peer', () => {
  it('add peer 2: on the primary the new entry shows "Unknown" right after Save, then "Failed" while the peer has not joined; the primary raises 20004', () => {
    const s = world({ peers: 2, clustered: 1 });
    const p1 = s.peer(1);
    p1.save({ 'Alternates Peer 2 Address': ipOf(2) });
    expect(p1.entry(2).status).toBe('Unknown');
    // The link has already failed (the new peer is not listening); the page still says "Unknown"
    // for CLUSTER_TIMINGS.newEntryUnknownMs, long enough for a read at the operator's pace (1 s).
    s.after(SECOND);
    expect(p1.entry(2)).toMatchObject({ status: 'Unknown', failure: 'refused' });
    s.after(CLUSTER_TIMINGS.newEntryUnknownMs - SECOND - 1);
    expect(p1.entry(2).status).toBe('Unknown');
    s.after(1);
    expect(p1.entry(2).status).toBe('Failed');
    s.after(15 * SECOND);
    expect(p1.entry(2).status).toBe('Failed');
    expect(p1.alarmIds()).toContain('20004');
    expect(p1.observe().clustering.databaseStatus).not.toBe('Active');
  });

  it('add peer 2: the new peer raises 20004 when it saves the clustering page and clears it with its restart; within one replication period it holds the primary\'s zone and every peer is Active', () => {
    const s = world({ peers: 2, clustered: 1 });
    const [p1, p2] = [s.peer(1), s.peer(2)];
    p1.save({ 'Zones Zone 1 Name': 'ToCUCM', 'Alternates Peer 2 Address': ipOf(2) });
    p2.save(clusteringPage([1, 2]));
    s.after(SECOND);
    expect(p2.alarmIds()).toEqual(expect.arrayContaining(['20004', '20007']));
    // Replication is suspended until the peer has joined (§6.3): nothing arrives before its restart.
    s.after(3 * MINUTE);
    expect(p2.saved('Zones Zone 1 Name')).toBe('');

    p2.restartAndWait();
    const restartedAt = s.now;
    const took = s.waitFor(() => p2.saved('Zones Zone 1 Name') === 'ToCUCM' && s.healthy(), REPLICATION_PERIOD + 15 * SECOND);
    expect(took, 'zone replicated and cluster healthy within one period of the restart').toBeDefined();
    expect(s.alarmEvents({ peer: 2, id: '20004', event: 'raise', since: restartedAt })).toEqual([]);
    expect(p2.alarmIds()).not.toContain('20007');
    expect(p2.observe().clustering.databaseStatus).toBe('Active');
    expect(p2.entry(1).status).toBe('Active');
  });

  it('add peers 2..6 one at a time: after each, every member is Active with no 20004/20006 and the new peer holds the primary\'s zone', () => {
    const s = world({ peers: 6, clustered: 1 });
    s.peer(1).save({ 'Zones Zone 1 Name': 'ToCUCM' });
    for (let n = 2; n <= 6; n++) {
      s.addPeer(n);
      const members = Array.from({ length: n }, (_, i) => i + 1);
      const ok = s.waitFor(() => s.healthy(members) && s.peer(n).saved('Zones Zone 1 Name') === 'ToCUCM', REPLICATION_PERIOD + 15 * SECOND);
      expect(ok, `cluster of ${n} healthy`).toBeDefined();
    }
    for (const o of s.all()) expect(o.clustering.entries.filter((e) => e.address).map((e) => e.status)).not.toContain('Failed');
  });

  it('a seventh peer is refused: "Peer 7 Address" fails with XTW_ERR_PEER_TOO_MANY_PEERS naming 7, and the saved list is unchanged', () => {
    const s = world({ peers: 7, clustered: 6 });
    const before = s.peer(1).observe().saved;
    const err = thrown(() => s.peer(1).save({ 'Alternates Peer 7 Address': ipOf(7) }));
    expect(err?.code).toBe('XTW_ERR_PEER_TOO_MANY_PEERS');
    expect(err?.params?.value).toBe(7);
    expect(s.peer(1).observe().saved).toEqual(before);
  });

  it('a seventh peer is refused on the new peer too: a page listing seven addresses is not a valid edit, and nothing on expc07 changes', () => {
    const s = world({ peers: 7, clustered: 6 });
    const edits = { ...clusteringPage([1, 2, 3, 4, 5, 6]), 'Alternates Peer 7 Address': ipOf(7) };
    const err = thrown(() => s.peer(7).save(edits));
    expect(err?.code).toMatch(/^XTW_ERR_PEER_/);
    expect(err?.code).toBe('XTW_ERR_PEER_TOO_MANY_PEERS');
    expect(s.peer(7).saved('Alternates Peer 1 Address')).toBe('');
  });
});

describe('forming §6.4 / §9.1: removing a live peer', () => {
  it('remove expc02: clearing every Peer field arms the factory-reset banner; no reset happens before the restart', () => {
    const s = world({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    const p2 = s.peer(2);
    p2.save(clusteringPage([]));
    expect(p2.observe().factoryResetBanner).toBe(true);
    s.after(10 * MINUTE);
    expect(s.events('peer.factory-reset')).toEqual([]);
    expect(p2.observe().state).toBe('running');
  });

  it('remove expc02, then change of mind: re-entering the same addresses in the same order clears the banner, and a restart does not reset', () => {
    const s = world({ peers: 3, clustered: 3 });
    const p2 = s.peer(2);
    p2.save(clusteringPage([]));
    p2.save(clusteringPage([1, 2, 3]));
    expect(p2.observe().factoryResetBanner).toBe(false);
    p2.restartAndWait();
    expect(s.events('peer.factory-reset')).toEqual([]);
    expect(p2.saved('Alternates Peer 2 Address')).toBe(ipOf(2));
  });

  it('remove expc02: its restart is a factory reset (LAN1 address kept, peer list and zones wiped); the primary compacts its list to [expc01, expc03] and the two are Active', () => {
    const s = world({ peers: 3, clustered: 3 });
    s.peer(1).save({ 'Zones Zone 1 Name': 'ToCUCM' });
    s.after(REPLICATION_PERIOD + 5 * SECOND);
    expect(s.peer(2).saved('Zones Zone 1 Name')).toBe('ToCUCM');

    const p2 = s.peer(2);
    p2.save(clusteringPage([]));
    p2.restart();
    s.waitFor(() => p2.observe().state === 'running', 30 * MINUTE);
    const resets = s.events('peer.factory-reset');
    expect(resets.map((e) => [e.source, e.data.ok])).toEqual([['expc02', true]]);
    const o2 = p2.observe();
    expect(o2.saved['Ethernet 1 IP V4 Address']).toBe(ipOf(2));
    expect(o2.saved['Alternates Peer 1 Address']).toBe('');
    expect(o2.saved['Zones Zone 1 Name']).toBe('');
    expect(o2.clustering.configured).toBe(false);

    // §6.4 steps 3-4: the primary deletes the address and moves later ones up; subordinates match.
    s.peer(1).save(clusteringPage([1, 3]));
    s.peer(3).save(clusteringPage([1, 3]));
    expect(s.peer(1).observe().clustering.entries.map((e) => e.address)).toEqual([ipOf(1), ipOf(3), '', '', '', '']);
    const ok = s.waitFor(() => s.some([1, 3]).every((o) => o.clustering.databaseStatus === 'Active' && !o.alarms.some((a) => LINK_ALARMS.includes(a.id))), 2 * REPLICATION_PERIOD);
    expect(ok).toBeDefined();
    expect(s.peer(3).entry(1).status).toBe('Active');
    // The removed peer is gone from everyone's list: nobody shows it.
    for (const o of s.some([1, 3])) expect(o.clustering.entries.map((e) => e.address)).not.toContain(ipOf(2));
  });
});
