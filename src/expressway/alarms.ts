/**
 * THE alarm catalog: every alarm the twin can raise, with the product's id, UUID, severity and exact
 * texts (DOMAIN §7.1, §7.2; procedures in §6.17-6.19, §9). It owns definitions only — when an alarm
 * is raised or cleared is the peer machine's job; `raisedWhen`/`clearedWhen` document the intent.
 * Key decisions: an alarm gets the product's id wherever DOMAIN names one, even through a mapping
 * DOMAIN marks INFERRED (`idInferred`); only alarms DOMAIN names with no id at all get twin ids in
 * the reserved range 29901-29999 (`idAssumed`), and every surface shows those as `shownId`
 * ("29902 (twin)") so nobody learns them as product numbers. Fields DOMAIN does not quote are listed
 * in `assumedFields`, so the catalog test can check every other field against DOMAIN both ways.
 * A row whose condition the twin does not model says why in `notModelled`.
 */
import { fillPlaceholders, noParams, type MessageParams } from './messages.js';

export type AlarmSeverity = 'emergency' | 'alert' | 'critical' | 'error' | 'warning' | 'notice' | 'info';

/** A field whose text DOMAIN does not quote (NOT FOUND, elided or split from a combined row). */
export type AssumedAlarmField = 'title' | 'description' | 'solution' | 'severity' | 'process';

/** What every alarm says of itself, as the catalog rows and the definitions share it. */
interface AlarmFields {
  /** Product id; twin ids (29901-29999) for alarms DOMAIN names without an id (`idAssumed`). */
  readonly id: string;
  readonly idAssumed?: boolean;
  /** The product id comes from a mapping DOMAIN marks INFERRED (a cluster-guide text to an alarm-list id). */
  readonly idInferred?: boolean;
  /** Why nothing in the twin raises this alarm (shown wherever the catalog is listed); absent when it is modelled. */
  readonly notModelled?: string;
  readonly severity: AlarmSeverity;
  readonly title: string;
  /** Exact product text; placeholders `{peers}`, `{ports}`, `{nodename}`, `{peer}`, `{n}`, `{date}`, `{details}`. */
  readonly description: string;
  readonly solution: string;
  /** The syslog process that logs the raise (`alarm:` or `management:`). */
  readonly process: 'alarm' | 'management';
  readonly raisedWhen: string;
  readonly clearedWhen: string;
  readonly source: string;
  /** Fields DOMAIN does not quote; the twin's plausible stand-ins (assumption, DOMAIN §13). */
  readonly assumedFields?: readonly AssumedAlarmField[];
}

interface AlarmRow extends AlarmFields {
  readonly key: string;
}

// Process choice (DOMAIN §7.3, §10.2): the seed raises 20004/20006 from `alarm:` and 20007 from
// `management:`. assumption: alarms raised by the management framework on a configuration change or
// check (restart required, invalid configuration, TLS permissive, FIPS, configuration warning) use
// 'management'; runtime conditions (links, database, replication, NTP, licences, certificates) use 'alarm'.
/** The marker a twin-only alarm id carries on every surface, so it is never taken for a product number. */
export const TWIN_ID_MARK = '(twin)';

const RESTART_CLEARED = 'the peer restarts (restart-required alarms stay until the restart, DOMAIN §7.3)';
const REPL = 'Cluster replication error';
const REPL_FIX = 'View cluster replication instructions';
const LOST_PEER = 'License usage of lost cluster peer';

const ROWS = [
  // ── DOMAIN §7.1 cluster alarms ──────────────────────────────────────────────────────────────
  { key: 'invalid-cluster-configuration', id: '20003', severity: 'warning', title: 'Invalid cluster configuration', description: 'The cluster configuration is invalid', solution: "Check the Clustering page and ensure that this system's IP address is included and there are no duplicate IP addresses", process: 'management', raisedWhen: 'the local address is missing from the Peer list, or two peers share an address (DOMAIN §3 R7, §11.2)', clearedWhen: 'the Peer list includes this system once and has no duplicates', source: 'DOMAIN §7.1 [AG-REF]' },
  { key: 'cluster-communication-failure', id: '20004', severity: 'warning', title: 'Cluster communication failure', description: 'The system is unable to communicate with one or more of the cluster peers', solution: 'Check the clustering configuration', process: 'alarm', raisedWhen: 'a peer is unreachable (≈418 ms after mnesia_down); on a new peer until its required restart; while forming or upgrading', clearedWhen: 'every listed peer is reachable again (a new peer: after its restart)', source: 'DOMAIN §7.1, §6.3, §10.2 [AG-REF], [SEED]' },
  { key: 'invalid-peer-address', id: '20005', severity: 'warning', title: 'Invalid peer address', description: 'One or more peer addresses are invalid', solution: 'Check the Clustering page and ensure that all Peer fields use a valid IP address', process: 'management', raisedWhen: 'a Peer N address is malformed', clearedWhen: 'every Peer N address is a valid IP address or FQDN', source: 'DOMAIN §7.1 [AG-REF]', notModelled: "a malformed Peer N address is refused when it is saved (XTW_ERR_PEER_BAD_ADDRESS), so the twin never holds one" },
  { key: 'cluster-database-communication-failure', id: '20006', severity: 'warning', title: 'Cluster database communication failure', description: 'The database is unable to replicate with one or more of the cluster peers', solution: 'Check the clustering configuration and restart', process: 'alarm', raisedWhen: 'the cluster database cannot replicate with a peer (≈171 ms after mnesia_down)', clearedWhen: 'the cluster database reconnects to every peer', source: 'DOMAIN §7.1, §10.2 [AG-REF], [SEED]' },
  { key: 'restart-required-cluster-configuration', id: '20007', severity: 'warning', title: 'Restart required', description: 'Cluster configuration has been changed, however a restart is required for this to take effect', solution: 'Restart the system', process: 'management', raisedWhen: 'any cluster configuration change (e.g. TLS verification mode), on the primary and every subordinate (≈0.2 s)', clearedWhen: RESTART_CLEARED, source: 'DOMAIN §7.1, §5.5, §10.2 [AG-REF], [SEED]' },
  { key: 'replication-upgrade-in-progress', id: '20008', severity: 'warning', title: REPL, description: 'Automatic replication of configuration has been temporarily disabled because an upgrade is in progress', solution: 'Please wait until the upgrade has completed', process: 'alarm', raisedWhen: 'peers run different software versions during an upgrade (DOMAIN §11.2)', clearedWhen: 'all peers run the same version (typically within 10 min of the last upgrade, DOMAIN §6.14)', source: 'DOMAIN §7.1 [AG-REF]' },
  { key: 'replication-error', id: '20009', severity: 'warning', title: REPL, description: 'There was an error during automatic replication of configuration', solution: REPL_FIX, process: 'alarm', raisedWhen: 'a replication run fails for a reason no more specific alarm covers', clearedWhen: 'the next replication run succeeds', source: 'DOMAIN §7.1 [AG-REF]' },
  { key: 'replication-manual-sync-conflict', id: '20011', severity: 'warning', title: REPL, description: "This peer's configuration conflicts with the primary's configuration, manual synchronization of configuration is required", solution: REPL_FIX, process: 'alarm', raisedWhen: "a subordinate's local changes conflict with the primary's configuration (DOMAIN §11.2)", clearedWhen: 'xCommand ForceConfigUpdate on that subordinate, then a successful replication (DOMAIN §6.17)', source: 'DOMAIN §7.1, §6.17 [AG-REF], [CG-TS]' },
  { key: 'replication-cluster-settings-mismatch', id: '20012', severity: 'warning', title: REPL, description: "This peer's cluster configuration settings do not match the configuration primary peer's settings", solution: "Configure this peer's cluster settings", process: 'alarm', raisedWhen: "Peer list/order, Cluster name, IP version or TLS mode differ from the primary (DOMAIN §11.2). assumption (DOMAIN §6.2, §11.2 silent on how the product compares): the peer compares its saved settings with the primary's over the cluster database, so a differing Cluster IP version shows 20012 only while it is saved and not yet active; once the peer restarts onto the other family it reaches no peer (each listens in its own family): with IP address entries its own address is missing from its list (20003), with FQDN entries its links fail (20004/20006, 20016), and the others show it Failed (20004)", clearedWhen: "this peer's clustering fields equal the primary's", source: 'DOMAIN §7.1 [AG-REF]' },
  { key: 'replication-missing-configuration-file', id: '20014', severity: 'warning', title: REPL, description: "Cannot find primary or this peer's configuration file, manual synchronization of configuration is required", solution: REPL_FIX, process: 'alarm', raisedWhen: "the primary's or this peer's configuration file cannot be found during replication", clearedWhen: 'xCommand ForceConfigUpdate on this subordinate (DOMAIN §6.17)', source: 'DOMAIN §7.1 [AG-REF]' },
  { key: 'replication-missing-subordinate-configuration-file', id: '20014', severity: 'warning', title: REPL, description: "Cannot find primary or this subordinate's peer configuration file", solution: 'Restart the node', process: 'alarm', raisedWhen: "the cluster-guide variant of 20014: the subordinate's peer configuration file is missing", clearedWhen: 'the node restarts', source: 'DOMAIN §7.1 (2nd 20014 row) [CG-TS]', notModelled: "the missing configuration file (a purged cluster database) raises the alarm list's 20014 text; this cluster-guide wording of the same id is not told apart" },
  { key: 'replication-local-not-in-peer-list', id: '20015', severity: 'warning', title: REPL, description: 'The local Expressway does not appear in the list of peers', solution: 'Check the list of peers for this cluster', process: 'alarm', raisedWhen: "this peer's own address is absent from the replicated Peer list (DOMAIN §11.2)", clearedWhen: 'the list is fixed on the primary and copied to all peers', source: 'DOMAIN §7.1 [AG-REF], [CG-TS]', notModelled: "the synchroniser checks for it, but a primary whose list leaves this peer out drops its database link to it first, so the peer reports the primary unreachable (20016) instead — the twin has no path to this alarm yet" },
  { key: 'replication-primary-unreachable', id: '20016', severity: 'warning', title: REPL, description: 'The primary peer is unreachable', solution: 'Check the list of peers for this cluster', process: 'alarm', raisedWhen: 'a subordinate cannot reach the primary (network, power, addresses, Enforce with bad certificates, versions, DNS)', clearedWhen: 'the primary is reachable and replication succeeds', source: 'DOMAIN §7.1, §11.2 [AG-REF], [AG-CLU]' },
  { key: 'cluster-primary-mismatch', id: '20017', idInferred: true, severity: 'warning', title: REPL, description: 'Configuration primary ID is inconsistent, manual synchronization of configuration is required', solution: REPL_FIX, process: 'alarm', raisedWhen: "peers disagree on Configuration primary (e.g. mid primary change) — the TechNote's \"Cluster primary mismatch\"", clearedWhen: 'all peers agree (≈2 min after the last change, DOMAIN §6.8)', source: 'DOMAIN §7.1 (mapping of "Cluster primary mismatch" to 20017 INFERRED), §6.8, §11.2 [AG-REF], [TN]' },
  { key: 'h323-mode-off', id: '20018', severity: 'warning', title: 'Invalid clustering configuration', description: 'H.323 mode must be turned On - clustering uses H.323 communications between peers', solution: 'Configure H.323 mode', process: 'management', raisedWhen: 'the peer is clustered with H.323 mode Off (DOMAIN §3 R14)', clearedWhen: 'H.323 mode is turned On', source: 'DOMAIN §7.1 [AG-REF], [TN]' },
  { key: 'cluster-name-not-configured', id: '20019', severity: 'warning', title: 'Cluster name not configured', description: 'If FindMe or clustering are in use a cluster name must be defined.', solution: 'Configure the cluster name', process: 'management', raisedWhen: 'the peer is clustered (or FindMe is on) with an empty Cluster name', clearedWhen: 'a Cluster name is set', source: 'DOMAIN §7.1 [AG-REF]' },
  { key: 'restart-required-tls-verification', id: '20020', severity: 'warning', title: 'Restart required', description: 'TLS verification configuration does not match active status.', solution: 'Restart the system.', process: 'management', raisedWhen: 'the saved TLS verification mode differs from the active one', clearedWhen: RESTART_CLEARED, source: 'DOMAIN §7.1, §5.5 [AG-REF]', notModelled: "the seed's TLS verification change raises 20007 alone, on the primary and the subordinate (DOMAIN §10.2 D/E), so the twin does the same; no source shows an event that raises 20020" },
  { key: 'cluster-tcp-connection-failure', id: '20021', severity: 'warning', title: 'Cluster communication failure', description: 'Unable to establish a TCP connection with {peers} on ports {ports}', solution: 'Check the port reference guide.', process: 'alarm', raisedWhen: 'TCP 4371/4372 to a peer is blocked (INFERRED, DOMAIN §4.1)', clearedWhen: 'the TLS connections to every peer succeed', source: 'DOMAIN §7.1, §4.1 [AG-REF]', notModelled: "DOMAIN's trigger is INFERRED; a peer the cluster database cannot reach raises 20006 and 20004, as the seed shows" },
  { key: 'cluster-inconsistent-state', id: '20024', severity: 'warning', title: 'Cluster configuration error', description: 'Cluster is in inconsistent state', solution: 'View Cisco Expressway Cluster Creation and Maintenance Deployment Guide to recreate the cluster', process: 'alarm', raisedWhen: 'a subordinate restarted into a cluster change before its primary was back started first and took control; raised on it and on every peer linked to it (INFERRED, DOMAIN §3 R20)', clearedWhen: 'assumption: that subordinate restarts and comes back as a subordinate of the running primary (DOMAIN §6.15 X15.4 order "Master > Peer > Peer"); the alarm advises recreating the cluster', source: 'DOMAIN §7.1 [AG-REF]' },
  { key: 'database-synchronize-failed', id: '20025', severity: 'critical', title: 'Failed to synchronize database', description: 'Database synchronization failed on node {nodename}, reboot node {nodename} from CLI', solution: 'Reboot the affected node from Command Line Interface (CLI)', process: 'alarm', raisedWhen: 'the cluster database cannot synchronise with a node ({nodename} = IP or FQDN)', clearedWhen: 'the named node is rebooted from the CLI', source: 'DOMAIN §7.1 [AG-REF]', notModelled: "DOMAIN gives no trigger for it" },
  { key: 'clusterdb-log-server-frozen', id: '20026', severity: 'critical', title: 'Failed to recover ClusterDB log server', description: 'ClusterDB log server is frozen and CDB log messages are not processed.', solution: 'If the problem persists, contact your Cisco representative.', process: 'alarm', raisedWhen: 'the ClusterDB log server stops processing messages', clearedWhen: 'the log server recovers (e.g. after a restart)', source: 'DOMAIN §7.1 [AG-REF]', notModelled: "DOMAIN gives no trigger for it, and the twin has no ClusterDB log server" },

  // ── DOMAIN §7.1 alarm texts with no id (ids NOT FOUND, DOMAIN §13 item 5): twin ids 299xx ──
  { key: 'replication-manual-sync-required', id: '20011', idInferred: true, severity: 'warning', title: REPL, description: 'manual synchronization of configuration is required', solution: REPL_FIX, process: 'alarm', raisedWhen: "a subordinate's configuration cannot be reconciled automatically (e.g. it cannot decrypt the primary's after a wrong-order upgrade, DOMAIN §6.14)", clearedWhen: 'xCommand ForceConfigUpdate, or re-upgrading the primary (10-20 min after its reboot, DOMAIN §6.17)', source: "DOMAIN §7.1 (the cluster guide's text without an id; its words are 20011's remedy clause — mapping INFERRED), §6.17 [CG-TS], [TN]", assumedFields: ['severity', 'solution'] },
  { key: 'replication-ntp-unreachable', id: '29902', idAssumed: true, severity: 'warning', title: REPL, description: 'the NTP server is unreachable', solution: 'Configure a reachable NTP server', process: 'alarm', raisedWhen: 'no NTP server is reachable (DOMAIN §3 R12)', clearedWhen: 'NTP synchronises', source: 'DOMAIN §7.1 (no id), §3 R12 [CG-TS]', assumedFields: ['severity', 'solution'] },
  { key: 'expressway-database-failure', id: '29903', idAssumed: true, severity: 'warning', title: 'Expressway database failure', description: 'Please contact your Cisco support representative', solution: 'Contact your Cisco support representative', process: 'alarm', raisedWhen: "the peer's cluster database fails (DOMAIN §6.18; whether it is 15005 is NOT FOUND)", clearedWhen: "the peer is removed, its own backup restored (or clusterdb_destroy_and_purge_data.sh run) and it is re-added (DOMAIN §6.18)", source: 'DOMAIN §7.1 (no id), §6.18 [TN], [CG-TS]', assumedFields: ['severity', 'solution'] },
  { key: 'cluster-config-error', id: '29905', idAssumed: true, severity: 'warning', title: 'Cluster config error', description: 'Set a new configuration primary to restore replication', solution: 'Set a new Configuration primary; revert once the replication alarms are lowered', process: 'alarm', raisedWhen: 'replication cannot proceed with the current configuration primary (DOMAIN §6.17 step 3)', clearedWhen: 'a new Configuration primary is set and replication alarms are lowered', source: 'DOMAIN §7.1 (no id), §6.17 [AG-CLU]', assumedFields: ['description', 'severity', 'solution'], notModelled: "DOMAIN names it (no id) with no trigger of its own; replication that cannot proceed raises the specific 200xx alarm" },

  // ── DOMAIN §7.2 other alarms (solutions are not in DOMAIN unless it quotes one) ─────────────
  { key: 'database-failure', id: '15005', severity: 'warning', title: 'Database failure', description: 'Please remove database and restore from backup, then reboot the system', solution: 'Remove the database, restore from backup and reboot the system', process: 'alarm', raisedWhen: 'the local database fails', clearedWhen: 'the database is restored from backup and the system rebooted', source: 'DOMAIN §7.2 [AG-REF]', assumedFields: ['solution'], notModelled: "a failed cluster database raises the cluster guide's 'Expressway database failure' (29903 (twin)); DOMAIN does not say whether 15005 is the same alarm" },
  { key: 'system-busy', id: '15007', severity: 'alert', title: 'The system is busy', description: 'The system is shutting down, or starting', solution: 'Wait until the system has started', process: 'alarm', raisedWhen: 'the peer is starting or shutting down', clearedWhen: 'the peer is running', source: 'DOMAIN §7.2 [AG-REF]', assumedFields: ['solution'], notModelled: "the twin does not model the moments a starting or stopping peer can show an alarm (its pages answer only once it runs)" },
  { key: 'database-load-failed', id: '15008', severity: 'warning', title: 'Failed to load database', description: 'The database failed to load; some configuration data has been lost', solution: 'Restore the configuration from a backup', process: 'alarm', raisedWhen: 'the configuration database fails to load at boot', clearedWhen: 'the configuration is restored', source: 'DOMAIN §7.2 [AG-REF]', assumedFields: ['solution'], notModelled: "the twin's configuration database always loads at boot (a failed database is 29903 (twin))" },
  { key: 'factory-reset-started', id: '15009', severity: 'alert', title: 'Factory reset started', description: 'Factory reset started', solution: 'Wait for the factory reset to complete', process: 'alarm', raisedWhen: 'a factory reset begins (the cluster-triggered one on restart is an INFERRED link, DOMAIN §5.5, §9)', clearedWhen: 'the factory reset completes', source: 'DOMAIN §7.2, §9.2 [AG-REF]', assumedFields: ['solution'] },
  { key: 'factory-reset-failed', id: '15013', severity: 'alert', title: 'Factory reset failed', description: 'Factory reset failed', solution: 'Copy the software image into /mnt/harddisk/factory-reset/ and retry', process: 'alarm', raisedWhen: 'the factory-reset image is missing (fresh OVA never upgraded, DOMAIN §9.3)', clearedWhen: 'a factory reset succeeds', source: 'DOMAIN §7.2, §9.3 [AG-REF], [TN]', assumedFields: ['solution'] },
  { key: 'maintenance-mode', id: '15015', severity: 'warning', title: 'Maintenance mode', description: 'The Expressway is in maintenance mode and will no longer accept calls and registrations', solution: 'Turn maintenance mode off when maintenance is complete', process: 'management', raisedWhen: 'maintenance mode is turned On (DOMAIN §6.20)', clearedWhen: 'maintenance mode is turned Off, or the peer restarts', source: 'DOMAIN §7.2, §6.20 [AG-REF]', assumedFields: ['solution'] },
  { key: 'restart-required-domain-certificate', id: '15022', severity: 'warning', title: 'Restart required', description: 'Domain certificate configuration has been changed, however a restart is required for this to take effect.', solution: 'Restart the system', process: 'management', raisedWhen: 'domain certificate configuration changed', clearedWhen: RESTART_CLEARED, source: 'DOMAIN §7.2 [AG-REF]', assumedFields: ['solution'], notModelled: "the twin has no domain certificate configuration" },
  { key: 'restart-required-server-certificate', id: '15028', severity: 'warning', title: 'Restart required', description: 'Server certificate and private key have been changed, however a restart is required for this to take effect.', solution: 'Restart the system', process: 'management', raisedWhen: 'server certificate and key replaced', clearedWhen: RESTART_CLEARED, source: 'DOMAIN §7.2, §5.5 [AG-REF]', assumedFields: ['solution'] },
  { key: 'restart-required-network', id: '25001', severity: 'warning', title: 'Restart required', description: 'Network configuration has been changed, however a restart is required for this to take effect', solution: 'Restart the system', process: 'management', raisedWhen: 'network configuration changed', clearedWhen: RESTART_CLEARED, source: 'DOMAIN §7.2 [AG-REF]', assumedFields: ['solution'], notModelled: "the twin's network changes are IP configuration, which raises 25010" },
  { key: 'date-time-not-validated', id: '25002', severity: 'warning', title: 'Date and time not validated', description: 'The system is unable to obtain the correct time and date from an NTP server', solution: 'Configure a reachable NTP server', process: 'alarm', raisedWhen: 'NTP has not synchronised (DOMAIN §3 R12)', clearedWhen: 'NTP synchronises', source: 'DOMAIN §7.2 [AG-REF]', assumedFields: ['solution'] },
  { key: 'restart-required-ip', id: '25010', severity: 'warning', title: 'Restart required', description: 'IP configuration has been changed, however a restart is required for this to take effect', solution: 'Restart the system', process: 'management', raisedWhen: 'IP configuration (LAN address, gateway) changed', clearedWhen: RESTART_CLEARED, source: 'DOMAIN §7.2, §5.5 [AG-REF]', assumedFields: ['solution'] },
  { key: 'ntp-client-failure', id: '25020', severity: 'warning', title: 'NTP client failure', description: 'The system is unable to run the NTP client', solution: 'Restart the system', process: 'alarm', raisedWhen: 'the NTP client cannot run', clearedWhen: 'the NTP client runs', source: 'DOMAIN §7.2 (row 25020 / 25021) [AG-REF]', assumedFields: ['description', 'solution'], notModelled: "the twin runs no NTP client" },
  { key: 'ntp-server-not-available', id: '25021', severity: 'warning', title: 'NTP server not available', description: 'The system is unable to contact an NTP server', solution: 'Check the NTP server configuration and reachability', process: 'alarm', raisedWhen: 'no configured NTP server answers', clearedWhen: 'an NTP server answers', source: 'DOMAIN §7.2 (row 25020 / 25021) [AG-REF]', assumedFields: ['description', 'solution'], notModelled: "the twin sends no NTP traffic: a peer without an NTP server raises 25002 (and 29902 (twin) in a cluster)" },
  { key: 'lost-peer-licences-hours', id: '30012', severity: 'warning', title: LOST_PEER, description: 'Cluster peer {peer} has been unavailable for more than {n} hours. Its licenses will be removed from the total available for use across the cluster on {date}.', solution: 'Restore the cluster peer or remove it from the cluster', process: 'alarm', raisedWhen: 'one peer has been out of contact for hours (licences kept two weeks, DOMAIN §2.3)', clearedWhen: 'the peer is back, or the countdown moves on to 30014/30016', source: 'DOMAIN §7.2, §2.3 [AG-REF], [AG-LIC]', assumedFields: ['solution'] },
  { key: 'lost-peers-licences-hours', id: '30013', severity: 'warning', title: LOST_PEER, description: 'Several cluster peers have been unavailable for more than {n} hours. Their licenses will be removed from the total available for use across the cluster as follows: {details}.', solution: 'Restore the cluster peers or remove them from the cluster', process: 'alarm', raisedWhen: 'several peers have been out of contact for hours', clearedWhen: 'the peers are back, or the countdown moves on to 30015/30017', source: 'DOMAIN §7.2, §2.3 [AG-REF]', assumedFields: ['description', 'solution'] },
  { key: 'lost-peer-licences-days', id: '30014', severity: 'warning', title: LOST_PEER, description: 'Cluster peer {peer} has been unavailable for more than {n} days. Its licenses will be removed from the total available for use across the cluster on {date}.', solution: 'Restore the cluster peer or remove it from the cluster', process: 'alarm', raisedWhen: 'one peer has been out of contact for days', clearedWhen: 'the peer is back, or its licences are removed (30016)', source: 'DOMAIN §7.2 ("as 30012 but days") [AG-REF]', assumedFields: ['description', 'solution'] },
  { key: 'lost-peers-licences-days', id: '30015', severity: 'warning', title: LOST_PEER, description: 'Several cluster peers have been unavailable for more than {n} days. Their licenses will be removed from the total available for use across the cluster as follows: {details}.', solution: 'Restore the cluster peers or remove them from the cluster', process: 'alarm', raisedWhen: 'several peers have been out of contact for days', clearedWhen: 'the peers are back, or their licences are removed (30017)', source: 'DOMAIN §7.2 ("as 30013 but days") [AG-REF]', assumedFields: ['description', 'solution'] },
  { key: 'lost-peer-licences-removed', id: '30016', severity: 'warning', title: 'Licenses of lost cluster peer have been taken off the license pool', description: 'Cluster peer {peer} has been unavailable for more than {n} days. Its licenses have been removed from the total available for use across the cluster on {date}.', solution: 'Restore the cluster peer or remove it from the cluster', process: 'alarm', raisedWhen: 'two weeks after one peer lost contact its licences leave the pool (DOMAIN §2.3)', clearedWhen: 'the peer is back or removed from the cluster', source: 'DOMAIN §7.2, §2.3 [AG-REF], [AG-LIC]', assumedFields: ['description', 'solution'] },
  { key: 'lost-peers-licences-removed', id: '30017', severity: 'warning', title: 'Licenses of lost cluster peer have been taken off the license pool', description: 'Several cluster peers have been unavailable for more than {n} days. Their licenses have been removed from the total available for use across the cluster on {date}.', solution: 'Restore the cluster peers or remove them from the cluster', process: 'alarm', raisedWhen: 'two weeks after several peers lost contact their licences leave the pool', clearedWhen: 'the peers are back or removed from the cluster', source: 'DOMAIN §7.2, §2.3 [AG-REF]', assumedFields: ['description', 'solution'] },
  { key: 'restart-required-option-key', id: '30025', severity: 'warning', title: 'Restart required', description: 'An option key or the type has been changed, however a restart is required for this to take effect', solution: 'Restart the system', process: 'management', raisedWhen: 'an option key or the Type changed', clearedWhen: RESTART_CLEARED, source: 'DOMAIN §7.2, §5.5 [AG-REF]', assumedFields: ['solution'] },
  { key: 'capacity-warning-registrations', id: '30027', severity: 'warning', title: 'Capacity warning', description: 'The number of concurrent registered TelePresence room systems and registered desktop systems has reached the physical limit in one or more peer(s)', solution: 'Spread registrations across peers or add capacity', process: 'alarm', raisedWhen: "a peer's registrations reach its physical limit (DOMAIN §2.2, §2.3)", clearedWhen: 'registrations fall below the limit', source: 'DOMAIN §7.2 [AG-REF]', assumedFields: ['solution'] },
  { key: 'fips-clustered', id: '40046', severity: 'warning', title: 'FIPS140-2 compliance restriction', description: 'Clustered systems are not FIPS140-2 compliant', solution: 'Disband the cluster', process: 'management', raisedWhen: 'FIPS140-2 mode is on while the peer is clustered', clearedWhen: 'the cluster is disbanded or FIPS mode left', source: 'DOMAIN §7.2, §3 [AG-REF]', notModelled: "the twin has no FIPS140-2 mode" },
  { key: 'cluster-tls-permissive', id: '40049', severity: 'notice', title: 'Cluster TLS permissive', description: 'Cluster TLS verification mode permits invalid certificates', solution: "Change the cluster's TLS verification mode to Enforcing", process: 'management', raisedWhen: 'the peer is clustered with TLS verification mode Permissive (DOMAIN §6.13)', clearedWhen: 'TLS verification mode Enforce is active (after the restart)', source: 'DOMAIN §7.2, §6.13 [AG-REF]' },
  { key: 'key-file-update-failed', id: '40055', severity: 'warning', title: 'Failed to update key file', description: 'Failed to update system key file due to inconsistent state', solution: "Restart the system. If that doesn't clear the problem, contact your Cisco representative", process: 'alarm', raisedWhen: 'the system key file is in an inconsistent state (X14+, DOMAIN §6.19)', clearedWhen: 'xCommand ForceSystemKeyUpdate, run on a node without the alarm in a cluster (DOMAIN §6.19)', source: 'DOMAIN §7.2, §6.19 [AG-REF], [AG-CLU], [TN]' },
  { key: 'server-certificate-expired', id: '40068', severity: 'critical', title: 'Server certificate validity', description: 'Server certificate expired or expires today', solution: 'Replace the server certificate', process: 'alarm', raisedWhen: 'the server certificate has expired or expires today', clearedWhen: 'a valid server certificate is installed', source: 'DOMAIN §7.2 (row 40068 / 40069) [AG-REF]', assumedFields: ['description', 'solution'] },
  { key: 'server-certificate-expiring', id: '40069', severity: 'alert', title: 'Server certificate validity', description: 'Server certificate expires in {n} days', solution: 'Replace the server certificate before it expires', process: 'alarm', raisedWhen: 'the server certificate expires within days', clearedWhen: 'a certificate with a later expiry is installed', source: 'DOMAIN §7.2 (row 40068 / 40069) [AG-REF]', assumedFields: ['description', 'solution'] },
  { key: 'default-subzone-link-missing', id: '45006', severity: 'warning', title: 'Configuration warning', description: 'Expected default link between the Default Subzone and the Cluster Subzone is missing', solution: 'Restore the default links (xCommand Default Links Add)', process: 'management', raisedWhen: 'the Default Subzone ↔ Cluster Subzone link is missing (DOMAIN §1 Cluster Subzone)', clearedWhen: 'the default links are restored', source: 'DOMAIN §7.2, §8.3 [AG-REF]', assumedFields: ['solution'], notModelled: "the twin models no subzone links" },
] as const satisfies readonly AlarmRow[];

/** The stable name of an alarm definition. Two definitions may share a product id (20014). */
export type AlarmKey = (typeof ROWS)[number]['key'];

export interface AlarmDefinition extends AlarmFields {
  readonly key: AlarmKey;
  /** The id as every surface shows it: the product's id, or a twin id marked "29902 (twin)". */
  readonly shownId: string;
  /** The product's UUID where a source gives it (`PRODUCT_ALARM_UUIDS`); a twin-made version-8 one otherwise (`twinAlarmUuid`). */
  readonly uuid: string;
}

/**
 * Alarm-type UUIDs as the product reports them: the seed's log lines (20004, 20006, 20007) and a live
 * X8.11.4's alarm definitions (management API and status.xml `Warning/ID`), which agree wherever they
 * overlap — one UUID per alarm type, the same on every system and release (DOMAIN §7.3). Rows that
 * share an id (20014's two texts) share its UUID.
 */
export const PRODUCT_ALARM_UUIDS: Readonly<Record<string, string>> = {
  '20003': 'c3bb003b-e268-4af1-a35c-b1cf8241be37', '20004': '3bca6888-f622-11df-93be-07cc953d7b99',
  '20005': '5f46be07-a979-4740-af95-dfb0c5065455', '20006': '0f96695e-d954-4f6f-85c1-2ef1eae6f764',
  '20007': 'e2b8e3d1-b731-4d7d-b606-4682a8f0c2e6', '20008': 'b8e77ffd-1a4a-43d9-983d-46da31a343d0',
  '20009': '74111534-b4b3-452c-b456-c8579e756e2a', '20011': '66484acf-7b27-4089-b868-43b1799f1e5a',
  '20012': '97b231c6-7215-407d-88d0-71ada9b14b19', '20014': 'fcbdaabf-5e6b-4b72-a743-03fbc537d5a3',
  '20015': '3e48d921-3646-46ff-98cb-d1ec25ac4584', '20016': 'a274d1a2-293a-429e-ae90-923726368285',
  '20017': '919b1712-758a-48a7-8512-202b39daa680', '20018': '8dc6a9be-26de-43cc-a3a1-4cbb15a790b7',
  '20019': '7dc742f5-c732-4c71-885a-78fac407e759', '20020': '56130540-e12e-11e5-a5e4-537d1dd4c150',
  '20021': 'b98aaa00-356f-46aa-adf4-2edfbf558dd6', '40049': 'e1b1371e-e130-11e5-83d2-d310aba28a39',
  '25002': '992bace4-fac4-11de-91d1-00223ff026c1', '25021': '56571d3a-66de-11e1-9891-534a0e304347',
  '15009': '509481d0-2338-4d32-b62e-f64900938539', '15013': 'eed3941c-ee3d-45cc-a42b-49be966c9e46',
};

/**
 * A deterministic UUID for an alarm definition no source gives a UUID for. assumption (DOMAIN §7.3):
 * one UUID per alarm definition. Built from four FNV-1a hashes of the key, stamped as an RFC 9562
 * version-8 ("custom") UUID so it can never be mistaken for a product UUID.
 * @internal
 */
export function twinAlarmUuid(key: string): string {
  const words = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => fnv1a(`${seed}:${key}`));
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h >>> 0;
}

/** Every alarm definition, in DOMAIN order (§7.1, §7.1 id-less, §7.2). */
export const ALARMS: readonly AlarmDefinition[] = Object.freeze(
  ROWS.map((row): AlarmDefinition => Object.freeze({ ...row, shownId: shownAlarmId(row), uuid: productUuid(row) ?? twinAlarmUuid(row.key) })),
);

function shownAlarmId(row: AlarmRow): string {
  return row.idAssumed === true ? `${row.id} ${TWIN_ID_MARK}` : row.id;
}

function productUuid(row: AlarmRow): string | undefined {
  if (row.idAssumed === true) return undefined;
  return PRODUCT_ALARM_UUIDS[row.id];
}

const BY_KEY = new Map<string, AlarmDefinition>(ALARMS.map((a) => [a.key, a]));

/**
 * The definition for a key.
 *
 * @example
 * alarmDefinition('cluster-communication-failure').id // '20004'
 */
export function alarmDefinition(key: AlarmKey): AlarmDefinition {
  const def = BY_KEY.get(key);
  if (def === undefined) throw new RangeError(`unknown alarm key: ${JSON.stringify(key)}`);
  return def;
}

/** Every definition with this product id (two for 20014), in catalog order. */
export function alarmsWithId(id: string): AlarmDefinition[] {
  return ALARMS.filter((a) => a.id === id);
}

/**
 * The alarm's display text `"<Title>: <Description>"` (Status > Alarms and the log's `Detail`,
 * DOMAIN §7.1) with placeholders filled.
 *
 * @example
 * alarmDetail(alarmDefinition('cluster-tcp-connection-failure'), { peers: '10.0.0.2', ports: '4371, 4372' })
 * // 'Cluster communication failure: Unable to establish a TCP connection with 10.0.0.2 on ports 4371, 4372'
 */
export function alarmDetail(def: AlarmDefinition, params: MessageParams = {}): string {
  // Most alarms take no parameters: their text is computed once (raising is on hot paths).
  const plain = noParams(params);
  const cached = plain ? PLAIN_DETAILS.get(def.key) : undefined;
  if (cached !== undefined) return cached;
  const text = fillPlaceholders(`${def.title}: ${def.description}`, params, `alarm ${def.key}`);
  if (plain) PLAIN_DETAILS.set(def.key, text);
  return text;
}

const PLAIN_DETAILS = new Map<string, string>();
