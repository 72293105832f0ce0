/**
 * The status model of one peer: the elements `xStatus` prints, in the product's top-level order
 * (INTERFACES §2.4: SystemUnit … ResourceUsage, Calls, Zones, Alternates … Warnings), each built
 * from the peer's observation. One model, several renderings: the tshell prints it as XACLI, the
 * machine interfaces as XML. `twinLayout` marks an element whose layout no source shows.
 */
import type { PeerObservation, Twin } from '../../twin.js';
import { alternatesStatus, clusterStatus } from './cluster.js';
import { resourceUsageStatus } from './resourceUsage.js';
import { cdrStatus, httpProxyStatus, zonesStatus } from './services.js';
import { systemUnitStatus } from './systemUnit.js';
import type { StatusRecord } from './tree.js';
import { warningsStatus } from './warnings.js';
import { licensing, licensingStatus } from './licensing.js';

export interface StatusElement {
  readonly name: string;
  /** other words an operator may type for it (`xStatus Alarms`) */
  readonly aliases: readonly string[];
  readonly description: string;
  /** true when the layout is the twin's own (no capture of the product's) */
  readonly twinLayout: boolean;
  /** false for an element the product's status document does not have (INTERFACES §2.4: no `Cluster`) */
  readonly inXml: boolean;
  build(o: PeerObservation, twin: Twin): StatusRecord;
}

export const STATUS_ELEMENTS: readonly StatusElement[] = [
  {
    name: 'SystemUnit', aliases: [], twinLayout: false, inXml: true, description: 'Product, software version and licences, hardware, uptime and time',
    build: (o, twin) => systemUnitStatus(o, uptimeMs(twin, o.name), twin.nowMs, twin.logClock),
  },
  { name: 'ResourceUsage', aliases: [], twinLayout: false, inXml: true, description: 'Calls and registrations on this peer', build: resourceUsageStatus },
  // The twin places no calls: the element is there, empty, as on an idle product (INTERFACES §2.4).
  { name: 'Calls', aliases: [], twinLayout: false, inXml: true, description: 'Calls in progress (the twin places none)', build: () => ({}) },
  { name: 'Zones', aliases: [], twinLayout: false, inXml: true, description: 'Default zone, local zone, searches and the configured zones (no zone signalling modelled)', build: zonesStatus },
  { name: 'Alternates', aliases: [], twinLayout: true, inXml: true, description: "The Peer 1..6 list with each peer's status as seen from this peer (twin's layout)", build: alternatesStatus },
  { name: 'Cluster', aliases: [], twinLayout: true, inXml: false, description: "Cluster name, configuration primary, TLS verification mode, database status and peers (twin's layout)", build: clusterStatus },
  {
    name: 'Licensing', aliases: ['licences', 'licenses'], twinLayout: true, inXml: false,
    description: "This peer's licences, the cluster's pool and each peer's share, lost peers' countdown, the capacity model (twin's layout)",
    build: (o, twin) => licensingStatus(licensing(o, twin.nowMs, twin.logClock.epochUtcMs)),
  },
  { name: 'CDR', aliases: [], twinLayout: false, inXml: true, description: 'Call detail record service (off, the default)', build: cdrStatus },
  { name: 'HTTPProxy', aliases: [], twinLayout: false, inXml: true, description: 'HTTP proxy status (not modelled: Inactive)', build: httpProxyStatus },
  { name: 'Warnings', aliases: ['alarm', 'alarms'], twinLayout: false, inXml: true, description: 'Active alarms: ID (alarm type UUID), Reason and State', build: warningsStatus },
];

/** The element an operator named (case-insensitive, aliases included). */
export function statusElement(word: string): StatusElement | undefined {
  const w = word.toLowerCase();
  return STATUS_ELEMENTS.find((e) => e.name.toLowerCase() === w || e.aliases.includes(w));
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
