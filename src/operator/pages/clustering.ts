/**
 * System > Clustering as a view model (DOMAIN §5.1): every field with its label and saved value, the
 * address-mapping rows, the Peer 1..6 rows with clustering and certificate status, the bottom status
 * section (cluster database status), the pending-factory-reset banner, the Enforce warning and the
 * restart-required notice. A pure function of one peer's observation. The statuses are read from the
 * status model (`xStatus Alternates` and `Cluster`, ../status/cluster.ts), so the page and the tshell
 * cannot tell a trainee two things; the page adds only its labels and colours.
 * Not shown: the times of the previous and next synchronisation (not in the observation).
 */
import { keySpec, message, peerAddressKey, PEER_INDEXES, type ConfigValue, type KeySpec, type PeerObservation } from '../../twin.js';
import { alternatesStatus, clusterStatus } from '../status/cluster.js';
import type { StatusRecord } from '../status/tree.js';
import { certificateTone, isRestartAlarm, statusTone, type Tone } from './common.js';

export type { Tone } from './common.js';

export interface PageField {
  /** the xConfiguration path, as page saves name it */
  readonly key: string;
  readonly label: string;
  /** the saved value */
  readonly value: ConfigValue;
  /** what the control shows ("Enforce" for the stored "Enforcing", DOMAIN §5.1) */
  readonly display: string;
  /** set on each peer, marked † on the page (DOMAIN §5.3) */
  readonly peerSpecific: boolean;
  /** saved but not active until the next restart (DOMAIN §5.5) */
  readonly pendingRestart: boolean;
  /** the drop-down's options, for a field that is one (enumerations and small number ranges) */
  readonly choices?: readonly { readonly value: string; readonly display: string }[];
}

export interface PeerRow extends PageField {
  readonly index: number;
  /** "This system", "Unknown", "Failed", "Active", or '' for an empty field */
  readonly status: string;
  readonly statusTone: Tone;
  readonly certificate: string;
  readonly certificateTone: Tone;
  readonly failure?: string;
  readonly resolvedIp?: string;
}

export interface ClusteringPage {
  readonly title: 'Clustering';
  readonly peer: string;
  /** the pending-factory-reset reminder, present iff the reset is armed (DOMAIN §5.1, §9.1) */
  readonly banner?: string;
  /** Cluster name, Configuration primary, Cluster IP version, TLS verification mode, Cluster address mapping enabled */
  readonly fields: readonly PageField[];
  /** the FQDN : IP rows; `visible` when address mapping is On (DOMAIN §6.12 step 3) */
  readonly addressMappings: { readonly field: PageField; readonly visible: boolean; readonly rows: readonly { fqdn: string; ip: string }[] };
  readonly peers: readonly PeerRow[];
  readonly warnings: readonly string[];
  readonly status: {
    readonly databaseStatus: string;
    readonly databaseTone: Tone;
    readonly joined: boolean;
    readonly isPrimary: boolean;
    readonly primaryIndex: number;
    readonly selfIndex: number;
    readonly tlsModeActive: string;
  };
  /** restart-required alarm texts and the clustering fields waiting for the restart; absent when none */
  readonly restartRequired?: { readonly notices: readonly string[]; readonly pendingFields: readonly string[] };
}

const FIELD_KEYS = [
  'Alternates Cluster Name', 'Alternates ConfigurationPrimary', 'Alternates Cluster IPVersion',
  'Alternates Cluster TLSVerificationMode', 'Alternates Cluster AddressMapping Mode',
] as const;
const MAPPINGS = 'Alternates Cluster AddressMapping Entries';

export function clusteringPage(o: PeerObservation): ClusteringPage {
  const c = o.clustering;
  const rows = alternatesStatus(o).Peer as readonly StatusRecord[];
  const cluster = clusterStatus(o);
  const peers = PEER_INDEXES.map((n, i): PeerRow => {
    const r = rows[i];
    const status = String(r?.Status ?? '');
    // The status element is the word; the page labels it, as the product's page does (DOMAIN §5.1).
    const certificate = r?.Certificate ? `Certificate: ${String(r.Certificate)}` : '';
    return {
      ...field(o, peerAddressKey(n)), index: n,
      status, statusTone: statusTone(status),
      certificate, certificateTone: certificateTone(certificate),
      ...(r?.Failure ? { failure: String(r.Failure) } : {}), ...(r?.ResolvedAddress ? { resolvedIp: String(r.ResolvedAddress) } : {}),
    };
  });
  const mappingField = field(o, MAPPINGS);
  const restartNotices = o.alarms.filter(isRestartAlarm).map((a) => a.detail);
  const pendingFields = o.pending.filter((k) => keySpec(k)?.page === 'clustering').map((k) => keySpec(k)!.label);
  const enforceWarning = o.saved['Alternates Cluster TLSVerificationMode'] === 'Enforcing' && peers.some((p) => p.certificateTone === 'blue');
  return {
    title: 'Clustering',
    peer: o.name,
    ...(o.factoryResetBanner ? { banner: message('clustering.banner.factoryResetPending') } : {}),
    fields: FIELD_KEYS.map((k) => field(o, k)),
    addressMappings: { field: mappingField, visible: o.saved['Alternates Cluster AddressMapping Mode'] === 'On', rows: [...(o.saved[MAPPINGS] as readonly { fqdn: string; ip: string }[] ?? [])] },
    peers,
    warnings: enforceWarning ? [message('clustering.warning.enforceInvalidCertificates')] : [],
    status: {
      databaseStatus: String(cluster.DatabaseStatus),
      databaseTone: cluster.DatabaseStatus === 'Active' ? 'green' : cluster.DatabaseStatus === 'Not clustered' ? 'none' : 'red',
      joined: c.joined, isPrimary: c.isPrimary, primaryIndex: Number(cluster.ConfigurationPrimary), selfIndex: Number(cluster.ThisPeer), tlsModeActive: String(cluster.TLSVerificationMode),
    },
    ...(restartNotices.length > 0 || pendingFields.length > 0 ? { restartRequired: { notices: restartNotices, pendingFields } } : {}),
  };
}

function field(o: PeerObservation, key: string): PageField {
  const spec = keySpec(key)!;
  const value = o.saved[spec.key] ?? spec.default;
  return {
    key: spec.key,
    label: spec.label,
    value,
    display: display(value),
    peerSpecific: spec.scope === 'local',
    pendingRestart: o.pending.includes(spec.key),
    ...choicesOf(spec.type),
  };
}

/** A drop-down for enumerations and for number ranges short enough to list (Configuration primary 1–6). */
function choicesOf(type: KeySpec['type']): Pick<PageField, 'choices'> {
  const values = type.kind === 'enum' ? type.values
    : type.kind === 'int' && type.max - type.min < 10 ? Array.from({ length: type.max - type.min + 1 }, (_, i) => String(type.min + i))
    : undefined;
  return values ? { choices: values.map((v) => ({ value: v, display: display(v) })) } : {};
}

function display(value: ConfigValue): string {
  if (value === 'Enforcing') return 'Enforce';
  if (value === null) return '';
  if (Array.isArray(value)) return `${value.length} item(s)`;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
