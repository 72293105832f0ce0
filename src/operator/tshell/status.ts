/**
 * `xStatus` elements built from a peer's observation (DOMAIN §8.1, §8.2): SystemUnit, Cluster,
 * Alternates and Alarms, each a `*s <Element>: /` block. Only `*s SystemUnit` with `Build:` and
 * `ExpresswaySeries:` is attested (DOMAIN §8.1 [GB]); the other layouts are NOT FOUND (DOMAIN §8.3,
 * §13 item 2), so each is an assumption written out below as the tree it prints.
 *
 * assumption (layouts, DOMAIN §13 item 2):
 *   SystemUnit: Product "TANDBERG VCS", Uptime <s>, ExpresswaySeries "True",
 *               Software { Version, Build }, Hardware { Type, Platform, SerialNumber }
 *   Cluster:    Name, Configured, ConfigurationPrimary, ThisPeer, Primary "True"/"False",
 *               TLSVerificationMode (active), DatabaseStatus, Peer n { Address, Status, Certificate }
 *   Alternates: Peer n { Address, Status, Certificate, [ResolvedAddress], [Failure] }
 *   Alarms:     Alarm n { Id, Severity, Title, Description, RaisedAt (virtual time) }
 * `Build` is the version without its X (the twin has no build numbers).
 */
import { formatVirtualTime, type PeerEntryView, type PeerObservation, type Twin } from '../../twin.js';
import { OperatorError, asActionError } from '../errors.js';
import { accepted, joinBlocks, refused, type TshellResult } from './outcome.js';
import { renderHelp, renderStatus, type StatusRecord } from './render.js';

/** What `Product:` says. assumption: the scanners' "TANDBERG VCS" family name (DOMAIN §8.1 [GB]). */
export const STATUS_PRODUCT = 'TANDBERG VCS';

const PLATFORM_NAMES: Readonly<Record<string, string>> = {
  'small-vm': 'Small VM', 'medium-vm': 'Medium VM', 'large-vm': 'Large VM', ce1200: 'CE1200', ce1300: 'CE1300',
  ce500: 'CE500', ce1000: 'CE1000', ce1100: 'CE1100', 'ce1100-10g': 'CE1100 (10 Gbps)',
};

type Builder = (o: PeerObservation, twin: Twin) => StatusRecord;

/** Elements in the order a bare `xStatus` prints them. */
const ELEMENTS: readonly { name: string; aliases: readonly string[]; build: Builder; description: string }[] = [
  { name: 'Alarms', aliases: ['alarm'], build: alarmsStatus, description: 'Active alarms on this peer' },
  { name: 'Alternates', aliases: [], build: (o) => ({ Peer: peerRecords(o.clustering.entries, true) }), description: 'The Peer 1..6 list with each peer\'s status as seen from this peer' },
  { name: 'Cluster', aliases: [], build: clusterStatus, description: 'Cluster name, configuration primary, TLS verification mode, database status and peers' },
  { name: 'SystemUnit', aliases: [], build: systemUnitStatus, description: 'Product, software version, hardware and uptime' },
];

/** `xStatus [element [child…]]`: the element's block, narrowed to the named child records. */
export function readStatus(twin: Twin, o: PeerObservation, path: readonly string[]): TshellResult {
  const [root, ...rest] = path;
  if (root === undefined) return accepted(joinBlocks(ELEMENTS.map((e) => renderStatus(e.name, e.build(o, twin)))));
  const element = ELEMENTS.find((e) => e.name.toLowerCase() === root.toLowerCase() || e.aliases.includes(root.toLowerCase()));
  const narrowed = element ? narrow(element.build(o, twin), rest) : undefined;
  if (!element || narrowed === undefined) {
    const error = asActionError(new OperatorError('XTW_ERR_OP_TSHELL_UNKNOWN_PATH', { family: 'xStatus', value: path.join(' ') }))!;
    return refused(error, { name: 'Status' });
  }
  return accepted(renderStatus(element.name, narrowed));
}

/** `xStatus ?|??` and `xStatus <element> ?`. */
export function statusHelp(path: readonly string[], detailed: boolean): TshellResult {
  const hits = ELEMENTS.filter((e) => path.length === 0 || (path.length === 1 && (e.name.toLowerCase() === path[0]!.toLowerCase() || e.aliases.includes(path[0]!.toLowerCase()))));
  if (hits.length === 0) {
    const error = asActionError(new OperatorError('XTW_ERR_OP_TSHELL_UNKNOWN_PATH', { family: 'xStatus', value: path.join(' ') }))!;
    return refused(error, { name: 'Status' });
  }
  return accepted(renderHelp(hits.map((e) => ({ path: `xStatus ${e.name}`, description: e.description })), detailed));
}

/** Keep only the child records named by `words` (case-insensitive); undefined when one is missing. */
function narrow(tree: StatusRecord, words: readonly string[]): StatusRecord | undefined {
  const [first, ...rest] = words;
  if (first === undefined) return tree;
  const name = Object.keys(tree).find((k) => k.toLowerCase() === first.toLowerCase());
  if (name === undefined) return undefined;
  const child = tree[name]!;
  if (rest.length === 0) return { [name]: child };
  if (typeof child !== 'object' || Array.isArray(child)) return undefined;
  const inner = narrow(child as StatusRecord, rest);
  return inner === undefined ? undefined : { [name]: inner };
}

function systemUnitStatus(o: PeerObservation, twin: Twin): StatusRecord {
  return {
    Product: STATUS_PRODUCT,
    Uptime: Math.floor(uptimeMs(twin, o.name) / 1000),
    // Every product the twin models is an Expressway (a VCS would say "False", DOMAIN §8.1 [GB]).
    ExpresswaySeries: 'True',
    Software: { Version: o.system.version, Build: o.system.version.replace(/^X/i, '') },
    Hardware: {
      Type: o.system.product === 'expressway-e' ? 'Expressway-E' : 'Expressway-C',
      Platform: PLATFORM_NAMES[o.system.platform] ?? o.system.platform,
      SerialNumber: o.system.serial,
    },
  };
}

function clusterStatus(o: PeerObservation): StatusRecord {
  const c = o.clustering;
  return {
    Name: String(o.saved['Alternates Cluster Name'] ?? ''),
    Configured: c.configured ? 'True' : 'False',
    ConfigurationPrimary: c.primaryIndex,
    ThisPeer: c.selfIndex,
    Primary: c.joined && c.isPrimary ? 'True' : 'False',
    TLSVerificationMode: c.tlsModeActive,
    DatabaseStatus: c.databaseStatus,
    Peer: peerRecords(c.entries, false),
  };
}

function alarmsStatus(o: PeerObservation): StatusRecord {
  return {
    Alarm: o.alarms.map((a) => ({
      Id: Number(a.id),
      Severity: titleCase(a.severity),
      Title: a.title,
      Description: a.detail.startsWith(`${a.title}: `) ? a.detail.slice(a.title.length + 2) : a.detail,
      RaisedAt: formatVirtualTime(a.raisedAtMs),
    })),
  };
}

/** The Peer N entries up to the last filled one (the list has no gaps, DOMAIN §5.1). */
function peerRecords(entries: readonly PeerEntryView[], detail: boolean): StatusRecord[] {
  const last = entries.reduce((acc, e, i) => (e.address ? i : acc), -1);
  return entries.slice(0, last + 1).map((e) => ({
    Address: e.address,
    Status: e.status,
    Certificate: e.certificate,
    ...(detail && e.resolvedIp ? { ResolvedAddress: e.resolvedIp } : {}),
    ...(detail && e.failure ? { Failure: e.failure } : {}),
  }));
}

/** Time since the peer last came up (not counting a database recovery), from the trace. */
export function uptimeMs(twin: Twin, peer: string): number {
  const events = twin.events();
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.source === peer && e.kind === 'peer.state' && e.data.state === 'running' && e.data.from !== 'databaseFailure') return twin.nowMs - e.atMs;
  }
  return 0;
}

export function titleCase(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
