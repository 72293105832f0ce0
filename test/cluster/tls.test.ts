// TLS verification between peers (DOMAIN §3 R16, §5.1 statuses, §6.12 address mapping, §6.13
// enforcing, §10.2 C the seed's tls_verify lines, §11.3). Certificates are the topology's: by
// default one per peer naming its FQDN, issued by the CA every peer trusts.
import { describe, expect, it } from 'vitest';
import type { CertificateSpec } from '../../src/twin.js';
import { fqdnOf, inOrder, ipOf, LINK_ALARMS, MINUTE, REPLICATION_PERIOD, SECOND, world, type Scenario } from '../helpers/world.js';

const others = (s: Scenario, n: number) => s.peer(n).observe().clustering.entries.filter((e) => e.address && e.status !== 'This system');

describe('tls §5.1 / §6.12: Permissive on IP addresses', () => {
  it('Permissive on IPs: every link Active, each certificate shown blue "Certificate: Invalid (name-mismatch)" (certificates name FQDNs), 40049 raised', () => {
    const s = world({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    for (const n of [1, 2, 3]) {
      expect(others(s, n).map((e) => [e.status, e.certificate])).toEqual([
        ['Active', 'Certificate: Invalid (name-mismatch)'], ['Active', 'Certificate: Invalid (name-mismatch)'],
      ]);
      expect(s.peer(n).alarmIds()).toContain('40049');
    }
  });
});

describe('tls §6.13: Enforcing', () => {
  it('FQDN addressing + Enforcing + good certificates: every link Active with "Certificate: Valid", no 40049 and no cluster alarm', () => {
    // Regression (src/cluster/node.ts resolve): DNS answers waited for the next 10 s reconcile, and a
    // replication run in between raised a spurious 20016 on a healthy FQDN cluster.
    const s = world({ peers: 3, clustered: 3, addressing: 'fqdn', tls: 'Enforcing' });
    s.after(REPLICATION_PERIOD + 10 * SECOND);
    for (const n of [1, 2, 3]) {
      expect(others(s, n).map((e) => [e.status, e.certificate])).toEqual([['Active', 'Certificate: Valid'], ['Active', 'Certificate: Valid']]);
      expect(s.peer(n).alarmIds()).toEqual([]);
    }
  });

  const BAD: [string, CertificateSpec, string][] = [
    ['CN/SAN naming another host', { cn: 'wrong.example.com', sans: ['wrong.example.com'] }, 'name-mismatch'],
    ['issuer nobody trusts', { cn: fqdnOf(3), issuer: 'Rogue CA' }, 'untrusted-issuer'],
    ['certificate expired before the world started', { cn: fqdnOf(3), notBefore: '2025-01-01T00:00:00Z', notAfter: '2026-01-01T00:00:00Z' }, 'expired'],
    // The world starts 2026-11-24T09:00Z: this certificate is only valid from next year.
    ['certificate not valid until a year after the world started', { cn: fqdnOf(3), notBefore: '2027-11-24T09:00:00Z', notAfter: '2028-11-24T09:00:00Z' }, 'not-yet-valid'],
  ];

  it.each(BAD)('Enforcing, expc03 presents a %s: exactly its two links fail (tls-rejected on the verifiers, tls-rejected-by-peer on expc03), expc01-expc02 stays Active', (_, certificate, problem) => {
    // Regression (src/cluster/dbLinks.ts handshake): the accepting side used to count a link up before
    // the other side had verified it, so a rejected peer logged cluster.link.up at every retry.
    const s = world({ peers: 3, clustered: 3, addressing: 'fqdn', tls: 'Enforcing', overrides: { 3: { certificate } } });
    s.after(MINUTE);
    for (const n of [1, 2]) {
      expect(s.peer(n).entry(3)).toMatchObject({ status: 'Failed', failure: 'tls-rejected', certificate: `Certificate: Invalid (${problem})` });
      expect(s.peer(n).entry(n === 1 ? 2 : 1)).toMatchObject({ status: 'Active', certificate: 'Certificate: Valid' });
      expect(s.peer(n).alarmIds()).toEqual(expect.arrayContaining(['20004', '20006']));
    }
    expect(others(s, 3).map((e) => [e.status, e.failure])).toEqual([['Failed', 'tls-rejected-by-peer'], ['Failed', 'tls-rejected-by-peer']]);
    // Safety, not just a snapshot: no link with expc03 was ever up.
    expect(s.events('cluster.link.up').filter((e) => e.source === 'expc03' || e.data.peer === fqdnOf(3))).toEqual([]);
  });

  it('Enforcing, expc03\'s certificate becomes valid 10 minutes into the run: its links fail as not-yet-valid before, and come up Active (no 20004/20006 left) once it is valid', () => {
    // The validity window is checked against the world's clock at each handshake, not once at boot.
    const s = world({ peers: 3, clustered: 3, addressing: 'fqdn', tls: 'Enforcing', overrides: { 3: { certificate: { cn: fqdnOf(3), notBefore: '2026-11-24T09:10:00Z', notAfter: '2027-11-24T09:00:00Z' } } } });
    s.after(5 * MINUTE);
    expect(s.peer(1).entry(3)).toMatchObject({ status: 'Failed', failure: 'tls-rejected', certificate: 'Certificate: Invalid (not-yet-valid)' });
    expect(s.events('cluster.link.up').filter((e) => e.source === 'expc03' || e.data.peer === fqdnOf(3))).toEqual([]);
    const healed = s.waitFor(() => s.healthy(), 10 * MINUTE);
    expect(healed, JSON.stringify(s.all().map((o) => [o.name, o.alarms.map((a) => a.id)]))).toBeDefined();
    expect(s.now).toBeGreaterThanOrEqual(10 * MINUTE);
    expect(s.peer(1).entry(3)).toMatchObject({ status: 'Active', certificate: 'Certificate: Valid' });
  });

  it('Permissive with the same mismatched certificate on expc03: every link is Active; the page only marks the certificate Invalid', () => {
    const s = world({ peers: 3, clustered: 3, addressing: 'fqdn', overrides: { 3: { certificate: { cn: 'wrong.example.com', sans: ['wrong.example.com'] } } } });
    s.after(MINUTE);
    expect(s.healthy()).toBe(true);
    expect(s.peer(1).entry(3)).toMatchObject({ status: 'Active', certificate: 'Certificate: Invalid (name-mismatch)' });
    expect(s.peer(1).entry(2)).toMatchObject({ status: 'Active', certificate: 'Certificate: Valid' });
  });
});

describe('tls §6.13 / §10.2 C: changing the mode on the primary', () => {
  function enforceOnPrimary(): { s: Scenario; at: number; marks: number[] } {
    const s = world({ peers: 3, clustered: 3, addressing: 'fqdn' });
    s.after(MINUTE);
    const marks = [1, 2, 3].map((n) => s.peer(n).logLines().length);
    const at = s.now;
    s.peer(1).save({ 'Alternates Cluster TLSVerificationMode': 'Enforce' });
    return { s, at, marks };
  }

  it('Enforce saved on the primary: every subordinate holds "Enforcing" within 10 ms (the seed: +6 ms on the primary, +7 ms on the subordinate) and logs the seed line "xconfiguration clusterConfiguration tls_verify - changed from: Permissive to: Enforcing"', () => {
    // Regression (src/expressway/peer.ts): the line used to read "xconfiguration xconfiguration Alternates Cluster TLSVerificationMode …".
    const { s, marks } = enforceOnPrimary();
    s.after(10);
    for (const n of [1, 2, 3]) {
      expect(s.peer(n).saved('Alternates Cluster TLSVerificationMode')).toBe('Enforcing');
      const lines = s.peer(n).logLines().slice(marks[n - 1]);
      expect(lines.some((l) => l.includes('Event="System Configuration Changed"') && l.includes('Detail="xconfiguration clusterConfiguration tls_verify - changed from: Permissive to: Enforcing"')), `expc0${n}`).toBe(true);
    }
  });

  it('Enforce saved on the primary: 20007 (and not 20020, as in the seed) raised on all three within 0.2 s; the active mode stays Permissive until each restarts', () => {
    const { s, at } = enforceOnPrimary();
    s.after(SECOND);
    for (const n of [1, 2, 3]) {
      const after = s.raisedAfter(n, '20007', at);
      expect(after, `expc0${n} 20007`).toBeDefined();
      expect(after!).toBeLessThanOrEqual(200);
      expect(s.peer(n).alarmIds()).not.toContain('20020');
      expect(s.peer(n).observe().clustering.tlsModeActive).toBe('Permissive');
    }
    // Restarting the primary alone clears it there only.
    s.peer(1).restartAndWait();
    expect(s.peer(1).alarmIds()).not.toContain('20007');
    expect(s.peer(1).observe().clustering.tlsModeActive).toBe('Enforcing');
    for (const n of [2, 3]) expect(s.peer(n).alarmIds()).toContain('20007');
  });

  it('Enforce then restart primary, then each subordinate one at a time: all run Enforcing, 20007/20020/40049 cleared, every link Active with "Certificate: Valid"', () => {
    const { s } = enforceOnPrimary();
    for (const n of [1, 2, 3]) {
      s.peer(n).restartAndWait();
      s.after(MINUTE);
    }
    const ok = s.waitFor(() => s.healthy() && s.all().every((o) => o.alarms.length === 0), REPLICATION_PERIOD + 10 * SECOND);
    expect(ok, JSON.stringify(s.all().map((o) => o.alarms.map((a) => a.id)))).toBeDefined();
    for (const n of [1, 2, 3]) {
      expect(s.peer(n).observe().clustering.tlsModeActive).toBe('Enforcing');
      expect(others(s, n).map((e) => e.certificate)).toEqual(['Certificate: Valid', 'Certificate: Valid']);
    }
  });

  it('Enforce on the primary with a mismatched certificate on expc03: after the restarts exactly expc03\'s links fail (tls-rejected), the rest stays Active', () => {
    const s = world({ peers: 3, clustered: 3, addressing: 'fqdn', overrides: { 3: { certificate: { cn: 'wrong.example.com', sans: ['wrong.example.com'] } } } });
    s.after(MINUTE);
    expect(s.healthy()).toBe(true);
    s.peer(1).save({ 'Alternates Cluster TLSVerificationMode': 'Enforce' });
    for (const n of [1, 2, 3]) s.peer(n).restartAndWait();
    s.after(MINUTE);
    expect(s.peer(1).entry(3)).toMatchObject({ status: 'Failed', failure: 'tls-rejected' });
    expect(s.peer(2).entry(3)).toMatchObject({ status: 'Failed', failure: 'tls-rejected' });
    expect(s.peer(1).entry(2).status).toBe('Active');
  });
});

describe('tls §6.12 / §11.3: cluster address mapping', () => {
  it('FQDN cluster with no DNS records at all: with address mapping On every link is Active via the mapped IPs; without it every link fails as unresolved', () => {
    const mapped = world({ peers: 3, clustered: 3, addressing: 'fqdn', tls: 'Enforcing', addressMapping: true, topology: { dns: { registerPeers: false } } });
    mapped.after(MINUTE);
    expect(mapped.healthy()).toBe(true);
    expect(mapped.peer(1).entry(2)).toMatchObject({ status: 'Active', resolvedIp: ipOf(2), certificate: 'Certificate: Valid' });

    const unmapped = world({ peers: 3, clustered: 3, addressing: 'fqdn', tls: 'Enforcing', topology: { dns: { registerPeers: false } } });
    unmapped.after(MINUTE);
    for (const n of [1, 2, 3]) expect(others(unmapped, n).map((e) => [e.status, e.failure])).toEqual([['Failed', 'unresolved'], ['Failed', 'unresolved']]);
  });

  it('mapping is consulted before DNS: a SERVFAIL for expc02.example.com does not matter when mapped (Active after expc01 restarts), and breaks the link when not mapped', () => {
    // Regression (src/cluster/node.ts stop): a restarted peer used to keep its old resolution and
    // connect with it, so the unmapped case stayed Active despite SERVFAIL.
    for (const addressMapping of [true, false]) {
      const s = world({ peers: 3, clustered: 3, addressing: 'fqdn', tls: 'Enforcing', addressMapping });
      s.twin.dnsFailure({ name: fqdnOf(2), failure: 'servfail' });
      s.peer(1).restartAndWait();
      s.after(MINUTE);
      if (addressMapping) expect(s.peer(1).entry(2)).toMatchObject({ status: 'Active', resolvedIp: ipOf(2) });
      else expect(s.peer(1).entry(2)).toMatchObject({ status: 'Failed', failure: 'unresolved' });
      expect(s.peer(1).entry(3).status).toBe('Active');
    }
  });

  it('mapping expc02.example.com to a wrong IP (10.0.0.99) under Enforcing: every peer\'s link to expc02 fails, expc02 is cut off, expc01-expc03 stays Active', () => {
    const entries = [1, 2, 3].map((i) => ({ fqdn: fqdnOf(i), ip: i === 2 ? '10.0.0.99' : ipOf(i) }));
    const config = { config: { 'Alternates Cluster AddressMapping Entries': entries } };
    const s = world({ peers: 3, clustered: 3, addressing: 'fqdn', tls: 'Enforcing', addressMapping: true, overrides: { 1: config, 2: config, 3: config } });
    s.after(MINUTE);
    expect(s.peer(1).entry(2)).toMatchObject({ status: 'Failed', resolvedIp: '10.0.0.99' });
    expect(s.peer(3).entry(2).status).toBe('Failed');
    expect(others(s, 2).map((e) => e.status)).toEqual(['Failed', 'Failed']);
    expect(s.peer(1).entry(3).status).toBe('Active');
    for (const n of [1, 2, 3]) expect(s.peer(n).alarmIds()).toEqual(expect.arrayContaining([...LINK_ALARMS]));
    // The mapping replicates from the primary (§6.12 step 5): fixing it there repairs everyone after restarts.
    s.peer(1).save({ 'Alternates Cluster AddressMapping Entries': [1, 2, 3].map((i) => ({ fqdn: fqdnOf(i), ip: ipOf(i) })) });
    s.after(5);
    expect(s.peer(3).saved('Alternates Cluster AddressMapping Entries')).toEqual([1, 2, 3].map((i) => ({ fqdn: fqdnOf(i), ip: ipOf(i) })));
  });

  it('log: the TLS change lines come in the seed\'s order on the primary (tls_verify changed, then 20007 raised)', () => {
    const s = world({ peers: 2, clustered: 2, addressing: 'fqdn' });
    s.after(MINUTE);
    const mark = s.peer(1).logLines().length;
    s.peer(1).save({ 'Alternates Cluster TLSVerificationMode': 'Enforcing' });
    s.after(SECOND);
    expect(inOrder(s.peer(1).logLines().slice(mark), ['tls_verify - changed from: Permissive to: Enforcing', 'Event="Alarm Raised" Id="20007"'])).not.toContain(-1);
  });
});
