// The trap catalog (src/twin/traps.ts) against the running twin, both ways: every trap kind has a
// case here that arms it through the façade the way an operator would, sees the twin name it, then
// disarms it the way the catalog says and sees it go (the `CASES` record must name every catalog id:
// a missing or unknown one is a compile error and a failing test); and a healthy cluster holds none.
import { describe, expect, it } from 'vitest';
import { TRAPS, trapKind, type TrapId, type Twin } from '../../src/twin.js';
import { CLI, MINUTE, REPLICATION_PERIOD, clusteringPage, world } from '../helpers/world.js';

const armedOn = (twin: Twin, trap: TrapId) => twin.armedTraps().filter((t) => t.trap === trap).map((t) => t.peer);

const CASES: Record<TrapId, () => void> = {
  'factory-reset': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.peer(2).save({ 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '' });
    s.after(20 * MINUTE);
    expect(armedOn(s.twin, 'factory-reset')).toEqual(['expc02']);
    expect(s.twin.armedTraps().find((t) => t.trap === 'factory-reset')).toMatchObject({ armedAtMs: MINUTE, detail: 'every Peer N address cleared and saved; the running system is still clustered' });
    s.peer(2).save({ 'Alternates Peer 1 Address': '10.0.0.11', 'Alternates Peer 2 Address': '10.0.0.12' });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'factory-reset')).toEqual([]);
    // Undone without a restart: the twenty minutes still count (catalog exposure 'undone').
    expect(s.twin.trapExposures()).toMatchObject([{ trap: 'factory-reset', peer: 'expc02', armedAtMs: MINUTE, disarmedAtMs: 21 * MINUTE, disarmedBy: 'change' }]);
    // Removing the peer on purpose (clear, restart: DOMAIN §6.4) sets it off: gone, and no exposure.
    const r = world({ peers: 2, clustered: 2 }).after(MINUTE);
    r.peer(2).save({ 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '' });
    r.after(MINUTE).peer(2).restartAndWait();
    expect(r.twin.events().some((e) => e.kind === 'peer.factory-reset' && e.data.ok === true)).toBe(true);
    expect(armedOn(r.twin, 'factory-reset')).toEqual([]);
    expect(r.twin.trapExposures()).toEqual([]);
    // On a fresh OVA never upgraded the reset will fail, and the trap says so (DOMAIN §9.3).
    const ova = world({ peers: 2, clustered: 2, overrides: { 2: { factoryResetImage: false } } }).after(MINUTE);
    ova.peer(2).save({ 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '' });
    expect(ova.twin.armedTraps().find((t) => t.trap === 'factory-reset')?.detail).toContain('the reset will fail: no image in /mnt/harddisk/factory-reset/');
  },
  'restart-pending': () => {
    const s = world({ peers: 3, clustered: 2 }).after(MINUTE);
    s.peer(3).save(clusteringPage([1, 2, 3]));
    s.after(MINUTE);
    expect(armedOn(s.twin, 'restart-pending')).toEqual(['expc03']);
    s.peer(3).restartAndWait();
    expect(armedOn(s.twin, 'restart-pending')).toEqual([]);
    expect(s.twin.trapExposures()).toEqual([]);
  },
  'cluster-settings-differ': () => {
    const s = world({ peers: 3, clustered: 3 }).after(MINUTE);
    s.peer(2).save({ 'Alternates Cluster Name': 'other.example.com' });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'cluster-settings-differ')).toEqual(['expc02']);
    expect(s.twin.armedTraps().find((t) => t.trap === 'cluster-settings-differ')?.detail).toContain('differs from its primary expc01');
    s.peer(2).save({ 'Alternates Cluster Name': 'cluster.example.com' });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'cluster-settings-differ')).toEqual([]);
    // A list re-typed in another order that puts expc03 at the primary's index: it names itself primary.
    s.peer(3).save({ 'Alternates Peer 1 Address': s.address(3), 'Alternates Peer 2 Address': s.address(1), 'Alternates Peer 3 Address': s.address(2) });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'cluster-settings-differ')).toEqual(['expc03']);
    expect(s.twin.armedTraps().find((t) => t.trap === 'cluster-settings-differ')?.detail).toContain('differs from its primary expc01: Peer list');
    s.peer(3).save({ 'Alternates Peer 1 Address': s.address(1), 'Alternates Peer 2 Address': s.address(2), 'Alternates Peer 3 Address': s.address(3) });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'cluster-settings-differ')).toEqual([]);
    // Two peers, each with a list that makes it the primary: neither can tell, both are named.
    const pair = world({ peers: 2, clustered: 2 }).after(MINUTE);
    pair.peer(2).save({ 'Alternates Peer 1 Address': pair.address(2), 'Alternates Peer 2 Address': pair.address(1) });
    pair.after(MINUTE);
    expect(armedOn(pair.twin, 'cluster-settings-differ')).toEqual(['expc01', 'expc02']);
  },
  'stale-member': () => {
    const s = world({ peers: 3, clustered: 3 }).after(MINUTE);
    s.peer(3).powerOff();
    // The dead peer is removed from the list on the others (DOMAIN §6.5 steps 1-2), but it still holds it.
    for (const n of [1, 2]) s.peer(n).save({ 'Alternates Peer 3 Address': '' });
    s.after(MINUTE);
    expect(s.twin.armedTraps().filter((t) => t.trap === 'stale-member')).toMatchObject([{ peer: 'expc03', detail: 'lists expc01, expc02, none of which lists it (powered off)' }]);
    // Revived, it is cleared and restarted (the factory reset) before anything else.
    s.peer(3).powerOn();
    s.waitFor(() => s.twin.observe('expc03').serving, 10 * MINUTE);
    s.peer(3).save({ 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '', 'Alternates Peer 3 Address': '' }).restartAndWait();
    expect(armedOn(s.twin, 'stale-member')).toEqual([]);
    // A member whose reset is armed (every entry cleared and saved) is still a member until it
    // restarts (DOMAIN §9.1): the peer that lists it is not stale, and its settings do not differ.
    const two = world({ peers: 2, clustered: 2 }).after(MINUTE);
    two.peer(2).save({ 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '' });
    two.after(MINUTE);
    expect(armedOn(two.twin, 'factory-reset')).toEqual(['expc02']);
    expect(armedOn(two.twin, 'stale-member')).toEqual([]);
    expect(armedOn(two.twin, 'cluster-settings-differ')).toEqual([]);
    // The primary drops it before it restarts (DOMAIN §6.4 has it restart first): it still lists the
    // primary, which no longer lists it, yet it is not stale — any restart resets it (its own trap).
    two.peer(1).save({ 'Alternates Peer 2 Address': '' });
    two.after(MINUTE);
    expect(armedOn(two.twin, 'stale-member')).toEqual([]);
    expect(armedOn(two.twin, 'factory-reset')).toEqual(['expc02']);
    // The same order on a peer that was not cleared: stale.
    const kept = world({ peers: 2, clustered: 2 }).after(MINUTE);
    kept.peer(1).save({ 'Alternates Peer 2 Address': '' });
    kept.after(MINUTE);
    expect(armedOn(kept.twin, 'stale-member')).toEqual(['expc02']);
  },
  'replication-disabled': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.partition([1], [2]);
    s.after(2 * REPLICATION_PERIOD);
    expect(armedOn(s.twin, 'replication-disabled')).toEqual(['expc02']);
    s.heal().after(2 * REPLICATION_PERIOD);
    expect(armedOn(s.twin, 'replication-disabled')).toEqual([]);
  },
  'force-config-update-on-primary': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.peer(1).save({ 'Zones Zone 1 Name': 'Precious' });
    s.after(REPLICATION_PERIOD + MINUTE);
    s.twin.forceConfigUpdate('expc01');
    expect(armedOn(s.twin, 'force-config-update-on-primary')).toEqual(['expc01']);
    // Disarmed as the catalog says, before the subordinate replicates: the subordinate that still
    // holds the configuration becomes the primary (DOMAIN §6.8), and the old primary pulls it back.
    s.peer(2).save({ 'Alternates ConfigurationPrimary': 2 });
    s.peer(1).save({ 'Alternates ConfigurationPrimary': 2 });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'force-config-update-on-primary')).toEqual([]);
    s.after(2 * REPLICATION_PERIOD);
    expect(s.twin.observe('expc01').saved['Zones Zone 1 Name']).toBe('Precious');
    // The exposure stays on the record (catalog exposure 'always').
    expect(s.twin.trapExposures().map((t) => t.trap)).toContain('force-config-update-on-primary');
  },
  'platform-not-equivalent': () => {
    // DOMAIN §3 R4: an appliance with a Medium VM is equivalent (a CE500 runs as Medium), with a Large VM it is not.
    const ok = world({ peers: 2, clustered: 2, overrides: { 1: { platform: 'ce500' }, 2: { platform: 'medium-vm' } } }).after(MINUTE);
    expect(armedOn(ok.twin, 'platform-not-equivalent')).toEqual([]);
    const s = world({ peers: 3, clustered: 3, overrides: { 1: { platform: 'ce500' }, 2: { platform: 'large-vm' } } }).after(MINUTE);
    expect(armedOn(s.twin, 'platform-not-equivalent')).toEqual(['expc02']);
    // Disarmed by taking the peer out (DOMAIN §6.10 replaces it): a peer no longer clustered is not judged.
    s.peer(2).save({ 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '', 'Alternates Peer 3 Address': '' }).restartAndWait();
    for (const n of [1, 3]) s.peer(n).save({ 'Alternates Peer 2 Address': '10.0.0.13', 'Alternates Peer 3 Address': '' });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'platform-not-equivalent')).toEqual([]);
  },
  'names-not-unique': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.peer(1).save({ 'SystemUnit Name': 'Expressway C' });
    expect(armedOn(s.twin, 'names-not-unique')).toEqual([]);
    s.peer(2).save({ 'SystemUnit Name': 'expressway c' });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'names-not-unique')).toEqual(['expc01', 'expc02']);
    s.peer(2).save({ 'SystemUnit Name': 'Expressway C2' });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'names-not-unique')).toEqual([]);
    // The host name too (R9).
    s.peer(2).save({ 'IP DNS Hostname': 'expc01' });
    s.after(MINUTE);
    expect(s.twin.armedTraps().find((t) => t.trap === 'names-not-unique' && t.peer === 'expc02')?.detail).toContain('IP DNS Hostname "expc01"');
  },
  'domain-differs': () => {
    const s = world({ peers: 2, clustered: 2, overrides: { 2: { domain: 'other.example.net' } } }).after(MINUTE);
    expect(armedOn(s.twin, 'domain-differs')).toEqual(['expc02']);
    s.peer(2).save({ 'IP DNS Domain Name': 'EXAMPLE.COM' });
    s.after(MINUTE);
    expect(armedOn(s.twin, 'domain-differs')).toEqual([]);
  },
  'peers-neighboured': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.peer(1).save({ 'Zones Zone 2 Name': 'ToExpc02', 'Zones Zone 2 Neighbor Peer 1 Address': '10.0.0.12' });
    expect(armedOn(s.twin, 'peers-neighboured')).toEqual(['expc01']);
    s.after(REPLICATION_PERIOD + MINUTE);
    expect(armedOn(s.twin, 'peers-neighboured')).toEqual(['expc01', 'expc02']);
    s.peer(1).save({ 'Zones Zone 2 Neighbor Peer 1 Address': '10.0.0.50' });
    s.after(REPLICATION_PERIOD + MINUTE);
    expect(armedOn(s.twin, 'peers-neighboured')).toEqual([]);
  },
  'cluster-inconsistent': () => {
    // A cluster change every peer must restart for: Enforce, set on the primary, replicates at once (DOMAIN §6.13).
    const s = world({ peers: 2, clustered: 2, addressing: 'fqdn' }).after(MINUTE);
    s.peer(1).save({ 'Alternates Cluster TLSVerificationMode': 'Enforcing' });
    s.after(1000);
    s.twin.reboot('expc01');
    // A second later: the subordinates' database links have seen the primary go.
    s.after(1000).peer(2).restart();
    s.waitFor(() => s.all().every((o) => o.serving), 10 * MINUTE);
    s.after(MINUTE);
    expect(armedOn(s.twin, 'cluster-inconsistent')).toEqual(['expc01', 'expc02']);
    s.peer(2).restartAndWait();
    s.after(MINUTE);
    expect(armedOn(s.twin, 'cluster-inconsistent')).toEqual([]);
  },
  'force-config-update-needed': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.twin.purgeClusterDatabase('expc02');
    s.after(2 * REPLICATION_PERIOD);
    expect(armedOn(s.twin, 'force-config-update-needed')).toEqual(['expc02']);
    s.twin.forceConfigUpdate('expc02');
    s.after(MINUTE);
    expect(armedOn(s.twin, 'force-config-update-needed')).toEqual([]);
  },
  'purge-without-backup': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.twin.backup('expc01');
    s.twin.purgeClusterDatabase('expc02');
    expect(armedOn(s.twin, 'purge-without-backup')).toEqual(['expc02']);
    s.after(2 * REPLICATION_PERIOD);
    s.twin.forceConfigUpdate('expc02');
    s.after(MINUTE);
    expect(armedOn(s.twin, 'purge-without-backup')).toEqual([]);
    // Rebuilt, but it was a gamble all along (catalog exposure 'always').
    expect(s.twin.trapExposures()).toMatchObject([{ trap: 'purge-without-backup', peer: 'expc02', armedAtMs: MINUTE }]);
    // With a backup of its own taken first, the same purge arms nothing of this kind.
    const t = world({ peers: 2, clustered: 2 }).after(MINUTE);
    t.twin.backup('expc02');
    t.twin.purgeClusterDatabase('expc02');
    expect(armedOn(t.twin, 'purge-without-backup')).toEqual([]);
  },
  'certificate-fails-enforce': () => {
    const s = world({ peers: 3, clustered: 3, addressing: 'fqdn', overrides: { 3: { certificate: { cn: 'wrong.example.com', sans: ['wrong.example.com'] } } } });
    s.after(2 * MINUTE);
    expect(armedOn(s.twin, 'certificate-fails-enforce')).toEqual(['expc01', 'expc02']);
    expect(s.twin.armedTraps().find((t) => t.trap === 'certificate-fails-enforce')?.detail).toContain('Peer 3 (expc03.example.com): Certificate: Invalid (name-mismatch)');
    // On IP addresses the blue "Invalid" is expected (DOMAIN §6.12 step 2): no trap while Permissive.
    const ip = world({ peers: 2, clustered: 2, overrides: { 2: { certificate: { cn: 'wrong.example.com' } } } }).after(2 * MINUTE);
    expect(armedOn(ip.twin, 'certificate-fails-enforce')).toEqual([]);
  },
  'version-differs': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.twin.upgrade('expc02', 'X15.0.2');
    s.peer(2).rebootAndWait();
    expect(armedOn(s.twin, 'version-differs')).toEqual(['expc02']);
    s.twin.upgrade('expc01', 'X15.0.2');
    s.peer(1).rebootAndWait();
    expect(armedOn(s.twin, 'version-differs')).toEqual([]);
  },
  'upgrade-staged': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.twin.upgrade('expc01', 'X15.0.2');
    s.after(MINUTE);
    expect(armedOn(s.twin, 'upgrade-staged')).toEqual(['expc01']);
    s.peer(1).rebootAndWait();
    expect(armedOn(s.twin, 'upgrade-staged')).toEqual([]);
  },
  'option-keys-differ': () => {
    const feature = { key: '116341W00-1-CCCC', kind: 'feature' as const, description: 'Advanced Account Security' };
    const s = world({ peers: 2, clustered: 2, overrides: { 2: { optionKeys: [feature] } } });
    expect(s.twin.armedTraps()).toMatchObject([{ trap: 'option-keys-differ', peer: 'expc02', armedAtMs: 0, armedSeq: 0 }]);
    s.twin.save('expc01', { 'Option Keys': [feature] }, CLI);
    s.after(MINUTE);
    expect(armedOn(s.twin, 'option-keys-differ')).toEqual([]);
  },
  'system-key-inconsistent': () => {
    const s = world({ peers: 2, clustered: 2, overrides: { 2: { systemKeyInconsistent: true } } }).after(MINUTE);
    expect(armedOn(s.twin, 'system-key-inconsistent')).toEqual(['expc02']);
    s.twin.forceSystemKeyUpdate('expc01');
    s.after(MINUTE);
    expect(armedOn(s.twin, 'system-key-inconsistent')).toEqual([]);
  },
  'maintenance-mode': () => {
    const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
    s.peer(2).save({ 'Maintenance Mode': 'On' });
    expect(armedOn(s.twin, 'maintenance-mode')).toEqual(['expc02']);
    s.peer(2).save({ 'Maintenance Mode': 'Off' });
    expect(armedOn(s.twin, 'maintenance-mode')).toEqual([]);
  },
};

describe('trap catalog ↔ the running twin, both ways', () => {
  it('every catalog row has a case below, and every case a row', () => {
    expect(Object.keys(CASES).sort()).toEqual(TRAPS.map((t) => t.id).sort());
  });

  it('every row says what it does, where DOMAIN says so, how it is found and disarmed', () => {
    for (const t of TRAPS) {
      expect(t.id, t.id).toMatch(/^[a-z0-9-]+$/);
      for (const field of [t.title, t.harm, t.detection, t.disarm]) expect(field.length, t.id).toBeGreaterThan(10);
      expect(t.domain, t.id).toMatch(/^DOMAIN §\d/);
      expect(trapKind(t.id)).toBe(t);
    }
  });

  for (const [id, run] of Object.entries(CASES)) it(`${id}: armed by what an operator does, named, then disarmed as the catalog says`, run);

  it('a settled, healthy cluster holds no trap, and every trap the twin names is a catalog row', () => {
    const s = world({ peers: 3, clustered: 3 }).after(5 * MINUTE);
    expect(s.twin.armedTraps()).toEqual([]);
    s.peer(2).save({ 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '', 'Alternates Peer 3 Address': '' });
    s.peer(3).save({ 'Maintenance Mode': 'On' });
    const armed = s.twin.armedTraps();
    expect(armed.length).toBeGreaterThanOrEqual(3);
    for (const t of armed) expect(trapKind(t.trap)?.title).toBe(t.title);
  });

  it('watching traps leaves the trace alone: the same world and actions give the same hash twice', () => {
    const once = () => {
      const s = world({ peers: 2, clustered: 2 }).after(MINUTE);
      s.peer(2).save({ 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '' });
      s.after(MINUTE);
      s.twin.armedTraps();
      return s.twin.hash();
    };
    expect(once()).toBe(once());
    expect(world({ peers: 2, clustered: 2 }).after(MINUTE).twin.events().some((e) => e.kind.startsWith('trap'))).toBe(false);
  });
});
