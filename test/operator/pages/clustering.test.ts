// System > Clustering view model (DOMAIN §5.1) over real observations: fields and labels, per-peer
// statuses and tones, the factory-reset banner iff armed, the Enforce warning, restart notices.
import { describe, expect, it } from 'vitest';
import { applyAction, clusteringPage } from '../../../src/operator/index.js';
import { TIMINGS } from '../../../src/twin.js';
import { MESSAGES } from '../../../src/twin.js';
import { FACTORY_RESET_BANNER, saveClustering, smallTwin } from '../helpers.js';

describe('clusteringPage (DOMAIN §5.1)', () => {
  it('shows every §5.1 field with its label and saved value, peer-specific ones marked', () => {
    const page = clusteringPage(smallTwin().observe('expc01'));
    expect(page.fields.map((f) => [f.label, f.display, f.peerSpecific])).toEqual([
      ['Cluster name', 'cluster1.example.com', true],
      ['Configuration primary', '1', true],
      ['Cluster IP version', 'IPv4', true],
      ['TLS verification mode', 'Permissive', false],
      ['Cluster address mapping enabled', 'Off', false],
    ]);
    expect(page.addressMappings).toMatchObject({ visible: false, rows: [] });
    expect(page.peers.map((p) => [p.label, p.value])).toEqual([
      ['Peer 1 address', '10.0.0.11'], ['Peer 2 address', '10.0.0.12'], ['Peer 3 address', ''],
      ['Peer 4 address', ''], ['Peer 5 address', ''], ['Peer 6 address', ''],
    ]);
  });

  it('drop-downs carry their options from the configuration schema; free-text fields carry none', () => {
    const page = clusteringPage(smallTwin().observe('expc01'));
    const choices = Object.fromEntries(page.fields.map((f) => [f.label, f.choices?.map((c) => c.display)]));
    expect(choices).toEqual({
      'Cluster name': undefined,
      'Configuration primary': ['1', '2', '3', '4', '5', '6'],
      'Cluster IP version': ['IPv4', 'IPv6'],
      'TLS verification mode': ['Permissive', 'Enforce'],
      'Cluster address mapping enabled': ['On', 'Off'],
    });
    expect(page.fields[3]!.choices).toContainEqual({ value: 'Enforcing', display: 'Enforce' });
    expect(page.peers.every((p) => p.choices === undefined)).toBe(true);
  });

  it('per-peer statuses: "This system", a green Active peer whose IP-addressed certificate shows blue Invalid', () => {
    const page = clusteringPage(smallTwin().observe('expc01'));
    expect(page.peers[0]).toMatchObject({ status: 'This system', certificate: '' });
    expect(page.peers[1]).toMatchObject({ status: 'Active', statusTone: 'green', certificateTone: 'blue' });
    expect(page.peers[1]!.certificate).toMatch(/^Certificate: Invalid/);
    expect(page.status).toMatchObject({ databaseStatus: 'Active', databaseTone: 'green', isPrimary: true, tlsModeActive: 'Permissive' });
  });

  it('a partitioned peer shows Failed in red and the database is no longer Active', () => {
    const twin = smallTwin();
    twin.partition(['expc01'], ['expc02']);
    twin.advance(60_000);
    const page = clusteringPage(twin.observe('expc01'));
    expect(page.peers[1]).toMatchObject({ status: 'Failed', statusTone: 'red' });
    expect(page.status.databaseStatus).not.toBe('Active');
  });

  it('the factory-reset banner appears iff the reset is armed: cleared list → banner; restored list → none (DOMAIN §9.1)', () => {
    const twin = smallTwin();
    expect(clusteringPage(twin.observe('expc02')).banner).toBeUndefined();
    saveClustering(twin, 'expc02', { 'Alternates Peer 2 Address': '', 'Alternates Peer 1 Address': '' });
    expect(twin.observe('expc02').factoryResetBanner).toBe(true);
    expect(clusteringPage(twin.observe('expc02')).banner).toBe(FACTORY_RESET_BANNER);
    expect(clusteringPage(twin.observe('expc01')).banner).toBeUndefined();
    saveClustering(twin, 'expc02', { 'Alternates Peer 1 Address': '10.0.0.11', 'Alternates Peer 2 Address': '10.0.0.12' });
    expect(clusteringPage(twin.observe('expc02')).banner).toBeUndefined();
  });

  it('a standalone peer with an empty list has no banner', () => {
    expect(clusteringPage(smallTwin().observe('expc03')).banner).toBeUndefined();
  });

  it('saving Enforce with invalid certificates warns, and the restart-required notice lists the alarms and the field', () => {
    const twin = smallTwin();
    saveClustering(twin, 'expc01', { 'Alternates Cluster TLSVerificationMode': 'Enforce' });
    twin.advance(TIMINGS.configChangeTo20007Ms);
    const page = clusteringPage(twin.observe('expc01'));
    expect(page.fields[3]).toMatchObject({ value: 'Enforcing', display: 'Enforce', pendingRestart: true });
    expect(page.warnings).toEqual([MESSAGES['clustering.warning.enforceInvalidCertificates'].text]);
    expect(page.restartRequired?.pendingFields).toEqual(['TLS verification mode']);
    expect(page.restartRequired?.notices).toContain('Restart required: Cluster configuration has been changed, however a restart is required for this to take effect');
    expect(clusteringPage(smallTwin().observe('expc01')).restartRequired).toBeUndefined();
  });

  it('address mapping rows become visible when mapping is On', () => {
    const twin = smallTwin();
    saveClustering(twin, 'expc01', { 'Alternates Cluster AddressMapping Mode': 'On' });
    applyAction(twin, { kind: 'tshell', peer: 'expc01', line: 'xCommand Cluster Address Mapping Add Fqdn: expc01.example.com IpAddress: 10.0.0.11' });
    expect(clusteringPage(twin.observe('expc01')).addressMappings).toMatchObject({ visible: true, rows: [{ fqdn: 'expc01.example.com', ip: '10.0.0.11' }] });
  });
});

describe('the Clustering page and xStatus read one status model (issue #14)', () => {
  it('each Peer row shows the status and certificate `xStatus Alternates` gives, the bottom section `xStatus Cluster`\'s', () => {
    const twin = smallTwin();
    // A third peer saved but never reachable: a row that is not Active, beside two that are.
    saveClustering(twin, 'expc01', { 'Alternates Peer 3 Address': '10.0.0.13' });
    twin.advance(10 * 60_000);
    const page = clusteringPage(twin.observe('expc01'));
    const tshell = (line: string) => applyAction(twin, { kind: 'tshell', peer: 'expc01', line }).output.join('\n');
    const alternates = tshell('xStatus Alternates');
    for (const row of page.peers.filter((p) => p.value !== '')) {
      expect(alternates).toContain(`Address: "${String(row.value)}"`);
      expect(alternates).toContain(`Status: "${row.status}"`);
      if (row.certificate) expect(alternates).toContain(`Certificate: "${row.certificate.replace(/^Certificate: /, '')}"`);
    }
    expect(new Set(page.peers.slice(0, 3).map((p) => p.status)).size).toBeGreaterThan(1);
    expect(tshell('xStatus Cluster')).toContain(`DatabaseStatus: "${page.status.databaseStatus}"`);
  });
});
