/**
 * `Alternates` and `Cluster`: the clustered layout is NOT FOUND (INTERFACES §6.4: a standalone
 * status.xml has an empty `Alternates` and no `Cluster`; DOMAIN §13 item 2). assumption: the twin's
 * own layout, marked as the twin's wherever it is listed —
 *   Alternates: Peer n { Address, Status, Certificate, [ResolvedAddress], [Failure] }
 *   Cluster:    Name, Configured, ConfigurationPrimary, ThisPeer, Primary, TLSVerificationMode
 *               (active), DatabaseStatus, Peer n { Address, Status, Certificate }
 * Status and certificate words are the Clustering page's (DOMAIN §5.1), without the page's labels.
 */
import type { PeerEntryView, PeerObservation } from '../../twin.js';
import { flag, type StatusRecord } from './tree.js';

export function alternatesStatus(o: PeerObservation): StatusRecord {
  return { Peer: peerRecords(o.clustering.entries, true) };
}

export function clusterStatus(o: PeerObservation): StatusRecord {
  const c = o.clustering;
  return {
    Name: String(o.saved['Alternates Cluster Name'] ?? ''),
    Configured: flag(c.configured),
    ConfigurationPrimary: c.primaryIndex,
    ThisPeer: c.selfIndex,
    Primary: flag(c.joined && c.isPrimary),
    TLSVerificationMode: c.tlsModeActive,
    DatabaseStatus: c.databaseStatus,
    Peer: peerRecords(c.entries, false),
  };
}

/** The Peer N entries up to the last filled one (the list has no gaps, DOMAIN §5.1). */
function peerRecords(entries: readonly PeerEntryView[], detail: boolean): StatusRecord[] {
  const last = entries.reduce((acc, e, i) => (e.address ? i : acc), -1);
  return entries.slice(0, last + 1).map((e) => ({
    Address: e.address,
    Status: e.status,
    // The page shows "Certificate: Valid"; in status the element name is the label.
    Certificate: e.certificate.replace(/^Certificate: /, ''),
    ...(detail && e.resolvedIp ? { ResolvedAddress: e.resolvedIp } : {}),
    ...(detail && e.failure ? { Failure: e.failure } : {}),
  }));
}
