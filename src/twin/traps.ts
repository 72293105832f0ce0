/**
 * THE trap catalog: latent dangers a world can hold — harmless now, harmful at the next restart,
 * power blip, upgrade or Enforce (DOMAIN §3, §5.5, §6, §9.1, §11). One row per kind: what it will do
 * to you, where DOMAIN says so, how it is detected (from what the peers show) and how it is
 * disarmed. `detect` reads only observations of the running twin (and the twin's own record of
 * database purges); trapWatch.ts turns findings into armed/disarmed windows over time.
 */
import { featureKeySet, isFqdn, platformClass, type OptionKey, type Platform } from '../expressway/index.js';
import { peerListInForce, settingsInForce, type PeerObservation } from './observe.js';

/** What the detectors see: every peer's observation, and purges done with no backup of that peer. */
export interface TrapWorld {
  readonly peers: readonly PeerObservation[];
  /** peer → virtual time of a cluster-database purge while it had no backup, until it is rebuilt */
  readonly unbackedPurges: ReadonlyMap<string, number>;
  /** peer → virtual time ForceConfigUpdate ran on it while it was the configuration primary, until restored */
  readonly primaryWipes: ReadonlyMap<string, number>;
}

export interface TrapFinding {
  readonly peer?: string;
  readonly detail: string;
}

export interface TrapKind {
  readonly id: string;
  readonly title: string;
  /** what it will do to you */
  readonly harm: string;
  readonly domain: string;
  /** how the twin detects it, in words */
  readonly detection: string;
  readonly disarm: string;
  /**
   * A window counts even after it closed: 'undone' when closed without the peer restarting (the
   * danger was real all along and bought nothing), 'always' whatever closed it.
   */
  readonly exposure?: 'undone' | 'always';
  readonly detect: (world: TrapWorld) => TrapFinding[];
}

const REPLICATION_DISABLED = ['20008', '20016'];
const NEEDS_FORCE_UPDATE = ['20011', '20014'];
const TLS = 'Alternates Cluster TLSVerificationMode';

const ROWS = [
  {
    id: 'factory-reset', title: 'Factory reset armed for the next restart',
    harm: 'the next restart, reboot or power blip wipes the peer: only LAN1 addresses, passwords, option keys and HTTPS/SSH access survive (X12.6+ also loses its certificate)',
    domain: 'DOMAIN §9.1', detection: 'the factory-reset banner: every saved Peer N address is empty while the running system is clustered',
    disarm: 're-enter the Peer N addresses exactly as before, in the same order, and Save (or restart on purpose if the peer is being removed)',
    exposure: 'undone',
    detect: ({ peers }) => peers.filter((o) => o.factoryResetBanner).map((o) => ({
      peer: o.name,
      detail: `every Peer N address cleared and saved; the running system is still clustered${o.system.factoryResetImage ? '' : ' (and the reset will fail: no image in /mnt/harddisk/factory-reset/, DOMAIN §9.3)'}`,
    })),
  },
  {
    id: 'restart-pending', title: 'Restart pending',
    harm: 'saved changes are not running; the next restart (planned or not) applies them at a moment nobody chose',
    domain: 'DOMAIN §5.5', detection: 'saved values that need a restart differ from the active ones (restart-required alarms 20007, 20020, 25010, 30025, 15028)',
    disarm: 'restart the peer (the primary first, then one peer at a time, DOMAIN §6.15)',
    detect: ({ peers }) => peers.filter((o) => o.pending.length > 0).map((o) => ({ peer: o.name, detail: `saved, not yet active: ${o.pending.join(', ')}` })),
  },
  {
    id: 'cluster-settings-differ', title: "Peer's cluster settings differ from its primary's",
    harm: 'replication stops (20012/20017); a peer that restarts with its own list can leave the cluster inconsistent, and a revived old member acts on settings the others dropped',
    domain: 'DOMAIN §11.2, §6.3 step 2, §6.5', detection: 'Peer N list and order, Configuration primary, Cluster name, IP version or TLS mode differ between a peer and the peer it names as primary',
    disarm: "copy the primary's Peer 1-6, Configuration primary, Cluster name, IP version and TLS mode onto the peer and Save (a dead old member: factory-reset it before it rejoins)",
    detect: ({ peers }) => subordinates(peers).flatMap(({ o, primary }) => {
      const diff = settingsDiff(o, primary);
      return diff.length === 0 ? [] : [{ peer: o.name, detail: `differs from its primary ${primary.name}: ${diff.join('; ')}${o.state === 'poweredOff' ? ' (powered off: it acts on these settings when it comes back)' : ''}` }];
    }),
  },
  {
    id: 'stale-member', title: 'A peer the cluster dropped still holds its cluster configuration',
    harm: 'when it comes back (power, restart) it acts on its old Peer list — an old primary may try to take control of the peers it still lists, leaving the cluster inconsistent',
    domain: 'DOMAIN §6.5 steps 3-4, §6.8 step 5, §3 R20, §9.1', detection: 'a peer lists other peers, and none of those (still configured) lists it any more; a peer whose factory reset is armed still lists what it listed until it restarts, and is not stale itself (its restart resets it)',
    disarm: 'keep it isolated; on it, clear every Peer N address, Save and restart (the factory reset) before it rejoins',
    detect: ({ peers }) => peers.flatMap((o) => {
      // A peer whose factory reset is armed comes back from any restart reset, not acting on its
      // old list (DOMAIN §9.1): its trap is that one. Until then it is still a member, and still lists.
      if (!o.clustering.configured || o.factoryResetBanner) return [];
      const listed = clusterOf(peers, o);
      if (listed.length === 0 || listed.some((q) => peerListInForce(q).some((a) => peerAt(peers, a) === o))) return [];
      return [{ peer: o.name, detail: `lists ${listed.map((q) => q.name).join(', ')}, none of which lists it${o.state === 'poweredOff' ? ' (powered off)' : ''}` }];
    }),
  },
  {
    id: 'replication-disabled', title: 'Replication disabled',
    harm: 'configuration made on the primary does not reach this peer; it serves with a copy that drifts',
    domain: 'DOMAIN §11.2, §5.4', detection: 'the peer reports 20008 (versions differ, upgrade in progress) or 20016 (primary unreachable)',
    disarm: 'finish the upgrade on every peer, or restore the path to the primary',
    detect: ({ peers }) => withAlarms(peers, REPLICATION_DISABLED),
  },
  {
    id: 'cluster-inconsistent', title: 'Cluster in an inconsistent state',
    harm: 'a subordinate started before its primary and took control of the cluster database; the peers no longer agree who runs it — "hard to recover"',
    domain: 'DOMAIN §3 R20, §6.15 (20024 is an INFERRED mapping)', detection: 'the peer reports 20024 "Cluster is in inconsistent state"',
    disarm: 'with the primary running, restart each subordinate in turn, the next only after the previous is back (X15.4 "Master > Peer > Peer"); the alarm\'s own advice is to recreate the cluster',
    detect: ({ peers }) => withAlarms(peers, ['20024']),
  },
  {
    id: 'force-config-update-needed', title: 'Replication awaits ForceConfigUpdate',
    harm: 'the peer keeps its own configuration and never takes the primary\'s until someone forces it',
    domain: 'DOMAIN §6.17', detection: 'the peer reports 20011, 20014 or "manual synchronization of configuration is required"',
    disarm: 'xCommand ForceConfigUpdate on this subordinate (never on the primary); if it persists after a wrong-order upgrade, re-upgrade the primary',
    detect: ({ peers }) => withAlarms(peers, NEEDS_FORCE_UPDATE),
  },
  {
    id: 'force-config-update-on-primary', title: 'ForceConfigUpdate ran on the configuration primary',
    harm: "the primary's configuration was deleted and nothing came back (it pulled from itself); at the next replication every subordinate copies the empty configuration — the cluster's configuration is lost",
    domain: 'DOMAIN §6.17 step 1', detection: 'xCommand ForceConfigUpdate ran on the peer that was the configuration primary, it still is, and its configuration has not been restored since',
    disarm: 'before the subordinates replicate (≈2 min): make a subordinate that still holds the configuration the primary (DOMAIN §6.8); afterwards: restore a backup taken before (remove the peer, restore, rebuild the cluster, DOMAIN §6.16) or enter the configuration again on the primary',
    exposure: 'always',
    detect: ({ peers, primaryWipes }) => peers.filter((o) => primaryWipes.has(o.name) && o.clustering.isPrimary)
      .map((o) => ({ peer: o.name, detail: 'xCommand ForceConfigUpdate ran here while this peer was the configuration primary: its configuration was emptied' })),
  },
  {
    id: 'purge-without-backup', title: 'Cluster database purged without a backup',
    harm: "the peer's own configuration is gone and there is no backup of it to restore (method 2 needs one)",
    domain: 'DOMAIN §6.18', detection: 'clusterdb_destroy_and_purge_data.sh ran on a peer that had no backup taken before, and nothing has rebuilt its configuration since',
    disarm: 'rebuild it: ForceConfigUpdate from a healthy primary, or restore a backup; next time back up first',
    exposure: 'always',
    detect: ({ unbackedPurges }) => [...unbackedPurges.keys()].map((peer) => ({ peer, detail: 'cluster database purged; no backup of this peer existed' })),
  },
  {
    id: 'certificate-fails-enforce', title: 'A certificate will fail Enforce',
    harm: 'once TLS verification is Enforcing (at the next restart if already saved), the link to that peer fails and the cluster splits',
    domain: 'DOMAIN §6.13, §11.3, §3 R16', detection: "a Peer N row shows \"Certificate: Invalid\" while Enforce is saved but not yet active, or while the cluster is addressed by FQDN (the step before Enforce)",
    disarm: 'install a certificate naming the Peer N FQDN, issued by a CA every peer trusts, before switching to (or restarting into) Enforce',
    detect: ({ peers }) => peers.flatMap((o) => {
      const enforceSaved = o.saved[TLS] === 'Enforcing' && o.clustering.tlsModeActive === 'Permissive';
      const bad = o.clustering.entries.filter((e) => e.certificate.startsWith('Certificate: Invalid') && o.clustering.tlsModeActive === 'Permissive' && (enforceSaved || isFqdn(e.address)));
      return bad.map((e) => ({ peer: o.name, detail: `Peer ${e.index} (${e.address}): ${e.certificate}${enforceSaved ? '; Enforce is saved and acts at the next restart' : ''}` }));
    }),
  },
  {
    id: 'version-differs', title: 'Peer runs another software version',
    harm: 'replication is paused while versions differ and changes made now do not replicate; upgrading out of order leaves subordinates unable to decrypt the primary',
    domain: 'DOMAIN §3 R3, §6.14', detection: 'a clustered peer runs another version than the peer it names as primary',
    disarm: 'upgrade the remaining peers, primary first, one at a time; make no configuration changes meanwhile',
    detect: ({ peers }) => subordinates(peers).filter(({ o, primary }) => o.system.version !== primary.system.version)
      .map(({ o, primary }) => ({ peer: o.name, detail: `runs ${o.system.version}; its primary ${primary.name} runs ${primary.system.version}` })),
  },
  {
    id: 'upgrade-staged', title: 'Upgrade installed, waiting for a reboot',
    harm: 'the next reboot (planned or not) changes the version; configuration changes made since the upload are lost',
    domain: 'DOMAIN §6.14', detection: 'a package is installed and not yet running',
    disarm: 'reboot the peer now, in the upgrade order (primary first)',
    detect: ({ peers }) => peers.filter((o) => o.system.stagedVersion !== undefined).map((o) => ({ peer: o.name, detail: `${o.system.stagedVersion} installed; runs ${o.system.version} until it reboots` })),
  },
  {
    id: 'option-keys-differ', title: 'Feature option keys differ',
    harm: 'peers must carry identical feature keys; while they differ replication reports errors and features behave differently per peer',
    domain: 'DOMAIN §3 R15', detection: 'the feature keys of a clustered peer differ from those of the peer it names as primary',
    disarm: 'apply the same feature option keys to every peer (licence keys may differ)',
    detect: ({ peers }) => subordinates(peers).filter(({ o, primary }) => features(o) !== features(primary))
      .map(({ o, primary }) => ({ peer: o.name, detail: `feature keys [${features(o)}]; ${primary.name} has [${features(primary)}]` })),
  },
  // DOMAIN §3 names no symptom for R4, R8/R9, R10 or R18 ("not stated"). assumption: the product
  // lets such a cluster form, so the twin raises no invented alarm; it names the broken requirement
  // as a latent danger instead, against the peer each subordinate names as its primary.
  {
    id: 'platform-not-equivalent', title: 'Peer platform not equivalent',
    harm: 'peers of unequal size share one cluster: the cluster is sized by platforms that differ, and the guides do not support it',
    domain: 'DOMAIN §3 R4 (symptom not stated)', detection: "a clustered peer's platform runs as another size than its primary's (an appliance with a Medium VM is equivalent, with a Large VM it is not)",
    disarm: 'replace the peer with an equivalent platform (DOMAIN §6.10)',
    detect: ({ peers }) => subordinates(peers).filter(({ o, primary }) => sizeOf(o) !== sizeOf(primary))
      .map(({ o, primary }) => ({ peer: o.name, detail: `${o.system.platform} runs as ${sizeOf(o)}; its primary ${primary.name} (${primary.system.platform}) runs as ${sizeOf(primary)}` })),
  },
  {
    id: 'names-not-unique', title: 'System name or host name not unique',
    harm: 'two peers answer to one name: logs, alarms and FQDN-based addressing cannot tell them apart',
    domain: 'DOMAIN §3 R8, R9 (symptom not stated)', detection: 'a clustered peer has the same System name or System host name as another peer of its cluster',
    disarm: 'give each peer its own System name (System > Administration) and System host name (System > DNS)',
    detect: ({ peers }) => peers.flatMap((o) => {
      if (!o.clustering.configured) return [];
      const others = clusterOf(peers, o);
      const clash = (key: string) => String(o.saved[key] ?? '') !== '' && others.some((q) => String(q.saved[key] ?? '').toLowerCase() === String(o.saved[key]).toLowerCase());
      const which = ['SystemUnit Name', 'IP DNS Hostname'].filter(clash);
      return which.length === 0 ? [] : [{ peer: o.name, detail: which.map((k) => `${k} "${String(o.saved[k])}" is also ${others.filter((q) => String(q.saved[k] ?? '').toLowerCase() === String(o.saved[k]).toLowerCase()).map((q) => q.name).join(', ')}'s`).join('; ') }];
    }),
  },
  {
    id: 'domain-differs', title: 'Peer in another domain',
    harm: 'the peers are not in one domain: unqualified names and FQDNs resolve differently on each',
    domain: 'DOMAIN §3 R10 (symptom not stated)', detection: "a clustered peer's Domain name differs from its primary's",
    disarm: 'set the same Domain name (System > DNS) on every peer',
    detect: ({ peers }) => subordinates(peers).filter(({ o, primary }) => domainOf(o) !== domainOf(primary))
      .map(({ o, primary }) => ({ peer: o.name, detail: `Domain name "${domainOf(o)}"; its primary ${primary.name} has "${domainOf(primary)}"` })),
  },
  {
    id: 'peers-neighboured', title: 'Cluster peers neighboured to each other',
    harm: 'a zone sends searches from the cluster back into it: peers must not be neighbours, traversal clients or servers of each other',
    domain: 'DOMAIN §3 R18 (symptom not stated)', detection: 'a clustered peer has a zone whose peer address is a peer of its own cluster (zones replicate, so on that peer it points at itself)',
    disarm: 'delete the zone (or point it elsewhere) on the primary; it replicates to every peer',
    detect: ({ peers }) => peers.flatMap((o) => {
      if (!o.clustering.configured) return [];
      const others = clusterOf(peers, o);
      const zones = [1, 2, 3, 4].flatMap((n) => {
        const target = peerAt(peers, String(o.saved[`Zones Zone ${n} Neighbor Peer 1 Address`] ?? ''));
        return target && (target === o || others.includes(target)) ? [`zone ${n} (${String(o.saved[`Zones Zone ${n} Type`])}) points at ${target === o ? 'this peer itself' : target.name}`] : [];
      });
      return zones.length === 0 ? [] : [{ peer: o.name, detail: zones.join('; ') }];
    }),
  },
  {
    id: 'system-key-inconsistent', title: 'System key file inconsistent',
    harm: 'the node must not join a cluster until it is fixed, and in a cluster the fix run on this node has no effect',
    domain: 'DOMAIN §6.19, §3 R24', detection: 'alarm 40055 "Failed to update key file"',
    disarm: 'xCommand ForceSystemKeyUpdate — on a single node on itself, in a cluster on a node where the alarm is not raised',
    detect: ({ peers }) => withAlarms(peers, ['40055']),
  },
  {
    id: 'maintenance-mode', title: 'Maintenance mode left on',
    harm: 'the peer takes no new calls or registrations: the cluster has less capacity than it seems',
    domain: 'DOMAIN §6.20', detection: 'Maintenance mode On (alarm 15015)',
    disarm: 'turn Maintenance mode Off once the work is done',
    detect: ({ peers }) => peers.filter((o) => o.active['Maintenance Mode'] === 'On').map((o) => ({ peer: o.name, detail: 'maintenance mode is On' })),
  },
] as const satisfies readonly TrapKind[];

/** Every trap kind, in the order reports list them. */
export const TRAPS: readonly TrapKind[] = ROWS;

export type TrapId = (typeof ROWS)[number]['id'];

const BY_ID = new Map(TRAPS.map((t) => [t.id, t]));

export function trapKind(id: string): TrapKind | undefined {
  return BY_ID.get(id);
}

/** Every configured subordinate with the peer at its Configuration primary index. */
function subordinates(peers: readonly PeerObservation[]): { o: PeerObservation; primary: PeerObservation }[] {
  return peers.flatMap((o) => {
    if (!o.clustering.configured) return [];
    const named = o.clustering.isPrimary ? o : primaryNamedBy(peers, o);
    // A peer whose own (reordered) list makes it the primary is held to the primary the peers it
    // lists name instead (DOMAIN §11.2: one list, in one order, on every peer).
    const primary = named === o ? primaryOfOthers(peers, o) : named;
    return primary && primary !== o && primary.clustering.configured ? [{ o, primary }] : [];
  });
}

/** The peer `o`'s saved list and Configuration primary point at. */
function primaryNamedBy(peers: readonly PeerObservation[], o: PeerObservation): PeerObservation | undefined {
  return peerAt(peers, peerListInForce(o)[o.clustering.primaryIndex - 1] ?? '');
}

/**
 * For a peer that names itself primary: the primary its subordinates (the peers it lists that name
 * another) name instead; with no such subordinate, another peer that also names itself. Only peers
 * that list `o` back count: a peer the cluster dropped is a stale member (its own trap), not one
 * whose settings differ.
 */
function primaryOfOthers(peers: readonly PeerObservation[], o: PeerObservation): PeerObservation | undefined {
  const listsO = (q: PeerObservation) => clusterOf(peers, q).includes(o);
  const named = clusterOf(peers, o).filter(listsO).map((q) => ({ q, p: q.clustering.isPrimary ? q : primaryNamedBy(peers, q) }));
  const subs = named.filter(({ q, p }) => p !== q);
  if (subs.length === 0) return named.find(({ p }) => p !== undefined && p !== o)?.p;
  return subs.find(({ p }) => p !== undefined && p !== o)?.p;
}

/** The peer a Peer N address names (its LAN1 address or its FQDN), if any. */
function peerAt(peers: readonly PeerObservation[], address: string): PeerObservation | undefined {
  const a = address.toLowerCase();
  return a === '' ? undefined : peers.find((p) => p.fqdn.toLowerCase() === a || p.active['Ethernet 1 IP V4 Address'] === a);
}

/** The cluster settings in force on `o` and on its primary `p` that differ (a cleared list with the reset armed is not in force yet, DOMAIN §9.1). */
function settingsDiff(o: PeerObservation, p: PeerObservation): string[] {
  const out: string[] = [];
  const [mine, theirs] = [settingsInForce(o), settingsInForce(p)];
  const list = (x: PeerObservation) => peerListInForce(x).filter(Boolean).join(', ');
  if (peerListInForce(o).join('|') !== peerListInForce(p).join('|')) out.push(`Peer list [${list(o)}] vs [${list(p)}]`);
  for (const key of ['Alternates ConfigurationPrimary', 'Alternates Cluster Name', 'Alternates Cluster IPVersion', TLS]) {
    if (String(mine[key]) !== String(theirs[key])) out.push(`${key} ${JSON.stringify(mine[key])} vs ${JSON.stringify(theirs[key])}`);
  }
  return out;
}

/** The other configured peers `o` lists in the list it acts on. */
function clusterOf(peers: readonly PeerObservation[], o: PeerObservation): PeerObservation[] {
  return peerListInForce(o).map((a) => peerAt(peers, a)).filter((q): q is PeerObservation => q !== undefined && q !== o && q.clustering.configured);
}

function sizeOf(o: PeerObservation): string {
  return platformClass(o.system.platform as Platform);
}

function domainOf(o: PeerObservation): string {
  return String(o.saved['IP DNS Domain Name'] ?? '').toLowerCase();
}

function withAlarms(peers: readonly PeerObservation[], ids: readonly string[]): TrapFinding[] {
  return peers.flatMap((o) => {
    const hit = o.alarms.filter((a) => ids.includes(a.id));
    return hit.length === 0 ? [] : [{ peer: o.name, detail: hit.map((a) => `${a.shownId} ${a.detail}`).join('; ') }];
  });
}

function features(o: PeerObservation): string {
  return featureKeySet((o.saved['Option Keys'] ?? []) as readonly OptionKey[]).join(', ');
}
