/**
 * Name resolution for peer addresses (DOMAIN §11.3): an IP address is itself; an FQDN is looked up
 * in the cluster address mapping first (when it is on) and in DNS only on a miss. A DNS failure is
 * retried on the peer name resolver's queue (300,000 ms, DOMAIN §12).
 */
import { isIpAddress, parseAddress, type Dns, type DnsAnswer, type DnsReply, type EventHandler, type Json } from '../../sim/index.js';
import type { AddressMapping } from '../expressway/index.js';

export type Resolution =
  | { readonly ok: true; readonly ip: string; readonly via: 'ip' | 'mapping' | 'dns' }
  | { readonly ok: false; readonly reason: 'nxdomain' | 'servfail' | 'timeout' | 'no-dns-server' };

export interface NameContext {
  readonly dns: Dns;
  readonly fromHost: string;
  readonly mappingOn: boolean;
  readonly mappings: readonly AddressMapping[];
  readonly hasDnsServer: boolean;
  readonly family: 4 | 6;
}

/**
 * Resolve now if no DNS is needed and return the resolution; otherwise ask DNS, whose answer goes
 * to `answer` (a named handler, with `context`: the world stays savable, issue #15) — turn it into a
 * resolution with `resolutionOf`. An FQDN is looked up as A or AAAA by the Cluster IP version
 * (`family`, DOMAIN §5.1, §6.2). Addresses come back in canonical text, so an IPv6 entry matches the
 * address a connection arrives from.
 */
export function resolvePeerAddress(address: string, ctx: NameContext, answer: EventHandler<DnsReply>, context: Json): Resolution | undefined {
  if (isIpAddress(address)) return { ok: true, ip: canonicalIp(address), via: 'ip' };
  if (ctx.mappingOn) {
    const hit = ctx.mappings.find((m) => m.fqdn === address.toLowerCase());
    if (hit) return { ok: true, ip: canonicalIp(hit.ip), via: 'mapping' };
  }
  if (!ctx.hasDnsServer) return { ok: false, reason: 'no-dns-server' };
  ctx.dns.resolve(ctx.fromHost, address, ctx.family === 6 ? 'AAAA' : 'A', { to: answer as EventHandler<DnsReply<'A' | 'AAAA'>>, context });
  return undefined;
}

/** The resolution a DNS answer gives. */
export function resolutionOf(answer: DnsAnswer): Resolution {
  if (answer.status !== 'ok') return { ok: false, reason: answer.status };
  const first = answer.records[0];
  if (typeof first !== 'string') return { ok: false, reason: 'nxdomain' };
  return { ok: true, ip: canonicalIp(first), via: 'dns' };
}

/** An IP address in canonical text (IPv6 lower-case and compressed); anything else unchanged. */
export function canonicalIp(text: string): string {
  return isIpAddress(text) ? parseAddress(text).text : text;
}

/** Whether two addresses are IP addresses of the same family (a socket of one cannot reach the other). */
export function sameFamily(a: string, b: string): boolean {
  return isIpAddress(a) && isIpAddress(b) && parseAddress(a).family === parseAddress(b).family;
}
