// The Peer N list is ordered and the Configuration primary is an index into it (DOMAIN §5.1, §11.2):
// the same addresses in another order are another list. Peers whose lists differ in order disagree
// on the cluster settings (20012), and when the primary index then points at another peer, on who
// the primary is (the primary-disagreement alarm, key cluster-primary-mismatch).
import { describe, expect, it } from 'vitest';
import { peerListEdits } from '../expressway/helpers.js';
import { ipOf, LINK_ALARMS, MINUTE, REPLICATION_PERIOD, world } from '../helpers/world.js';

const keys = (s: ReturnType<typeof world>, i: number) => s.peer(i).observe().alarms.map((a) => a.key);

describe('peer list order (DOMAIN §5.1, §11.2)', () => {
  it('a subordinate that re-orders the list so that index 1 is itself acts as primary beside the real one: every peer raises the primary-disagreement alarm', () => {
    const s = world({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    expect(s.healthy()).toBe(true);
    s.peer(2).save(peerListEdits([ipOf(2), ipOf(1), ipOf(3)]));
    s.after(2 * REPLICATION_PERIOD);
    expect([1, 2, 3].map((i) => s.peer(i).observe().clustering.isPrimary)).toEqual([true, true, false]);
    for (const i of [1, 2, 3]) expect(keys(s, i), `expc0${i}`).toContain('cluster-primary-mismatch');
    // Restoring the same order ends the disagreement.
    s.peer(2).save(peerListEdits([ipOf(1), ipOf(2), ipOf(3)]));
    s.after(2 * REPLICATION_PERIOD);
    for (const i of [1, 2, 3]) expect(keys(s, i), `expc0${i}`).not.toContain('cluster-primary-mismatch');
  });

  it('a re-ordered list whose primary index still points at the primary: no disagreement on the primary, but the subordinate\'s cluster settings differ (20012)', () => {
    const s = world({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    s.peer(3).save({ ...peerListEdits([ipOf(2), ipOf(1), ipOf(3)]), 'Alternates ConfigurationPrimary': 2 });
    s.after(2 * REPLICATION_PERIOD);
    expect([1, 2, 3].map((i) => s.peer(i).observe().clustering.isPrimary)).toEqual([true, false, false]);
    expect(keys(s, 3)).toContain('replication-cluster-settings-mismatch');
    for (const i of [1, 2, 3]) expect(keys(s, i), `expc0${i}`).not.toContain('cluster-primary-mismatch');
  });

  it('clearing every entry on a member and saving changes nothing but the banner until its restart (DOMAIN §9.1): its links stay, no peer sees it go; at the restart the reset runs and the others lose it', () => {
    const s = world({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    expect(s.healthy()).toBe(true);
    s.peer(3).save(peerListEdits(['', '', '']));
    s.after(5 * MINUTE);
    expect(s.peer(3).observe().factoryResetBanner).toBe(true);
    expect(s.peer(1).statuses()).toEqual(['2:Active', '3:Active']);
    expect(s.peer(3).statuses()).toEqual([]);
    for (const i of [1, 2, 3]) for (const id of LINK_ALARMS) expect(s.peer(i).hasAlarm(id), `expc0${i} ${id}`).toBe(false);
    s.peer(3).restart();
    s.after(2 * MINUTE);
    expect(s.peer(1).statuses()).toEqual(['2:Active', '3:Failed']);
  });
});
