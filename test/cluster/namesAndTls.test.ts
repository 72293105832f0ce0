// Two decisions a peer makes about another before a link forms, at their edges: how a Peer N
// address resolves (DOMAIN §11.3: an IP is itself; an FQDN through the address mapping when on,
// else DNS as A or AAAA by the Cluster IP version, canonical text either way) and what TLS
// verification finds wrong with the other side's certificate (DOMAIN §6.13, §11.3), which only
// Enforcing acts on.
import { describe, expect, it } from 'vitest';
import { canonicalIp, resolutionOf, resolvePeerAddress, sameFamily, type NameContext, type Resolution } from '../../src/cluster/names.js';
import { tlsAccepts, tlsProblems, type TlsCheck } from '../../src/cluster/tls.js';
import type { Dns, DnsAnswer, DnsReply, EventHandler } from '../../sim/index.js';

/** A DNS that answers at once from a table, and remembers what it was asked. */
function fakeDns(answers: Record<string, { status: string; records?: unknown[] }>) {
  const asked: string[] = [];
  const dns = {
    // The answer goes to a named handler in the twin; here it is kept for `resolve` below to read.
    resolve(from: string, name: string, type: string) {
      asked.push(`${from} ${name} ${type}`);
      answered.set(dns, answers[`${name} ${type}`] ?? { status: 'nxdomain' });
    },
  } as unknown as Dns;
  return { dns, asked };
}

const answered = new Map<Dns, unknown>();
const NO_HANDLER = { name: 'test' } as unknown as EventHandler<DnsReply>; // never called: the fake DNS answers through `answered`

/** The resolution known at once, or the one the DNS answer gives. */
function resolve(address: string, ctx: Partial<NameContext> & { dns: Dns }): Resolution | undefined {
  answered.delete(ctx.dns);
  const now = resolvePeerAddress(address, { fromHost: 'expc01', mappingOn: false, mappings: [], hasDnsServer: true, family: 4, ...ctx }, NO_HANDLER, null);
  return now ?? (answered.has(ctx.dns) ? resolutionOf(answered.get(ctx.dns) as DnsAnswer) : undefined);
}

describe('resolvePeerAddress', () => {
  it('an IP address is itself, in canonical text, without asking DNS', () => {
    const { dns, asked } = fakeDns({});
    expect(resolve('10.0.0.12', { dns })).toEqual({ ok: true, ip: '10.0.0.12', via: 'ip' });
    expect(resolve('2001:DB8:0::12', { dns })).toEqual({ ok: true, ip: '2001:db8::12', via: 'ip' });
    expect(asked).toEqual([]);
  });

  it('an FQDN asks DNS for A, or AAAA on an IPv6 cluster, from this peer', () => {
    const { dns, asked } = fakeDns({ 'expc02.example.com A': { status: 'ok', records: ['10.0.0.12'] }, 'expc02.example.com AAAA': { status: 'ok', records: ['2001:DB8::12', '2001:db8::99'] } });
    expect(resolve('expc02.example.com', { dns })).toEqual({ ok: true, ip: '10.0.0.12', via: 'dns' });
    expect(resolve('expc02.example.com', { dns, family: 6 })).toEqual({ ok: true, ip: '2001:db8::12', via: 'dns' });
    expect(asked).toEqual(['expc01 expc02.example.com A', 'expc01 expc02.example.com AAAA']);
  });

  it('a DNS failure is passed on; an answer without records is a name that does not exist', () => {
    const { dns } = fakeDns({ 'a.example.com A': { status: 'servfail' }, 'b.example.com A': { status: 'ok', records: [] } });
    expect(resolve('a.example.com', { dns })).toEqual({ ok: false, reason: 'servfail' });
    expect(resolve('b.example.com', { dns })).toEqual({ ok: false, reason: 'nxdomain' });
  });

  it('without a DNS server an FQDN does not resolve, and DNS is not asked', () => {
    const { dns, asked } = fakeDns({ 'expc02.example.com A': { status: 'ok', records: ['10.0.0.12'] } });
    expect(resolve('expc02.example.com', { dns, hasDnsServer: false })).toEqual({ ok: false, reason: 'no-dns-server' });
    expect(asked).toEqual([]);
  });

  it('with the address mapping on, a mapped FQDN (any case) uses the mapping; a miss falls through to DNS', () => {
    const { dns, asked } = fakeDns({ 'expc03.example.com A': { status: 'ok', records: ['10.0.0.13'] } });
    const mappings = [{ fqdn: 'expc02.example.com', ip: '2001:DB8::12' }];
    expect(resolve('ExpC02.example.com', { dns, mappingOn: true, mappings, hasDnsServer: false })).toEqual({ ok: true, ip: '2001:db8::12', via: 'mapping' });
    expect(resolve('expc03.example.com', { dns, mappingOn: true, mappings })).toEqual({ ok: true, ip: '10.0.0.13', via: 'dns' });
    expect(asked).toEqual(['expc01 expc03.example.com A']);
    // The mapping is ignored while it is off.
    expect(resolve('expc02.example.com', { dns, mappingOn: false, mappings })).toEqual({ ok: false, reason: 'nxdomain' });
  });

  it('canonicalIp and sameFamily', () => {
    expect(canonicalIp('2001:DB8:0:0::1')).toBe('2001:db8::1');
    expect(canonicalIp('expc02.example.com')).toBe('expc02.example.com');
    expect(sameFamily('10.0.0.1', '10.0.0.2')).toBe(true);
    expect(sameFamily('10.0.0.1', '2001:db8::1')).toBe(false);
    expect(sameFamily('2001:db8::1', '2001:db8::2')).toBe(true);
    expect(sameFamily('expc01.example.com', '10.0.0.1')).toBe(false);
    expect(sameFamily('10.0.0.1', 'expc01.example.com')).toBe(false);
  });
});

describe('TLS verification', () => {
  const cert = { cn: 'expc02.example.com', sans: ['cluster.example.com'], issuer: 'Lab CA', notBeforeMs: 0, notAfterMs: 10 };
  const check = (o: Partial<TlsCheck> = {}): TlsCheck => ({
    certificate: cert, configuredAddress: 'expc02.example.com', remoteIp: '10.0.0.12', trustedCas: ['Lab CA'], mappingOn: false, mappings: [], nowUtcMs: 5, ...o,
  });

  it('a clean certificate has no problem; a peer listed by IP does not match a certificate that names FQDNs', () => {
    expect(tlsProblems(check())).toEqual([]);
    expect(tlsProblems(check({ configuredAddress: '10.0.0.12' }))).toEqual(['name-mismatch']);
  });

  it('with the mapping on, the connecting IP must be the mapped one (any case of the FQDN)', () => {
    const mappings = [{ fqdn: 'expc02.example.com', ip: '10.0.0.12' }];
    expect(tlsProblems(check({ mappingOn: true, mappings }))).toEqual([]);
    expect(tlsProblems(check({ mappingOn: true, mappings, remoteIp: '10.0.0.99', configuredAddress: 'EXPC02.example.com' }))).toEqual(['mapping-ip-mismatch']);
    expect(tlsProblems(check({ mappingOn: false, mappings, remoteIp: '10.0.0.99' }))).toEqual([]);
    expect(tlsProblems(check({ mappingOn: true, mappings: [{ fqdn: 'other.example.com', ip: '10.0.0.1' }], remoteIp: '10.0.0.99' }))).toEqual([]);
  });

  it('problems are listed whatever the mode; only Enforcing refuses a link for them', () => {
    const problems = tlsProblems(check({ certificate: null, trustedCas: [] }));
    expect(problems).toEqual(['missing']);
    expect(tlsAccepts('Permissive', problems)).toBe(true);
    expect(tlsAccepts('Enforcing', problems)).toBe(false);
    expect(tlsAccepts('Enforcing', [])).toBe(true);
  });
});
