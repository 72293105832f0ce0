/**
 * The cluster-database handshake (DOMAIN §4.1, §3 R5): the hello each side sends, and the checks a
 * side makes of the other's — product family, round-trip time, and the certificate under this side's
 * *active* TLS verification mode (tls.ts). The TLS handshake is modelled by the certificate in the hello.
 */
import type { Connection } from '../../sim/index.js';
import { licencesOf, TIMINGS, type OptionKey } from '../expressway/index.js';
import type { DbLinksContext } from './context.js';
import type { LinkFailure, PeerLink } from './links.js';
import type { Hello } from './protocol.js';
import { tlsAccepts, tlsProblems } from './tls.js';

/** Who owns each address, as looked up so far (a cache whose answers stand even after a renumbering). */
export type HandshakeState = readonly (readonly [string, string | null])[];

export class Handshake {
  /** hosts and their addresses are fixed when the world is built: who owns an address, once looked up */
  private readonly owners = new Map<string, string | undefined>();

  constructor(private readonly node: DbLinksContext) {}

  saveState(): HandshakeState {
    return [...this.owners].map(([address, host]) => [address, host ?? null]);
  }

  loadState(s: HandshakeState): void {
    this.owners.clear();
    for (const [address, host] of s) this.owners.set(address, host ?? undefined);
  }

  hello(type: 'hello' | 'welcome'): Hello {
    const p = this.node.peer;
    return {
      type, fqdn: p.fqdn, certificate: p.config.active['Certificate Server'] as Hello['certificate'],
      product: p.system.product, series: p.system.series, version: p.system.version,
      primaryIndex: this.node.primaryIndex, ...this.primaryFqdnField(), isPrimary: this.node.isPrimary, tables: this.node.tableValues() as Hello['tables'],
      keyEpoch: this.node.keyEpoch, licences: licencesOf((p.config.active['Option Keys'] ?? []) as readonly OptionKey[]),
      ...(this.node.startedBeforePrimary ? { startedBeforePrimary: true as const } : {}),
    };
  }

  private primaryFqdnField(): { primaryFqdn?: string } {
    const primaryFqdn = this.node.primaryFqdn();
    return primaryFqdn === undefined ? {} : { primaryFqdn };
  }

  /** The handshake checks: product family, round-trip time, and TLS under this side's active mode. */
  verify(link: PeerLink, conn: Connection, remote: Hello): LinkFailure | undefined {
    const node = this.node;
    const p = node.peer;
    if (remote.product !== p.system.product || remote.series !== p.system.series) return 'product-mismatch';
    if (this.rttTooHigh(conn)) return 'latency';
    node.links.certificateChecked(link, tlsProblems({
      certificate: remote.certificate, configuredAddress: link.address, remoteIp: conn.remote.address,
      trustedCas: p.config.active['Certificate TrustedCAs'] as readonly string[], mappingOn: node.mappingOn, mappings: node.mappings,
      nowUtcMs: p.nowUtcMs(),
    }));
    if (!tlsAccepts(node.tlsMode, link.tlsProblems)) return 'tls-rejected';
    return undefined;
  }

  /** Round trip above 80 ms: the database's transactions time out (DOMAIN §3 R5; symptom assumed). */
  rttTooHigh(conn: Connection): boolean {
    const net = this.node.net;
    // Hosts and their addresses are fixed when the world is built: remember who owns an address.
    let remoteHost = this.owners.get(conn.remote.address);
    if (!this.owners.has(conn.remote.address)) this.owners.set(conn.remote.address, (remoteHost = net.ownerOf(conn.remote.address)?.host));
    const rtt = remoteHost === undefined ? undefined : net.rttMs(this.node.host, remoteHost);
    return rtt !== undefined && rtt > TIMINGS.peerRttMaxMs;
  }
}
