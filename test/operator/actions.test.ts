// applyAction: every action kind applies, and every bad input is refused with a typed error in the
// product's (or the twin's) words while the world stays byte-for-byte what it was. "Unchanged" is
// checked on the trace hash, the clock, the fault list and every peer's full observation.
import { describe, expect, it } from 'vitest';
import { applyAction, MAX_WAIT_MS, type Action } from '../../src/operator/index.js';
import type { Twin } from '../../src/twin.js';
import { smallTwin, worldOf } from './helpers.js';
import { FRESH_INSTALL_KEEPS } from '../../src/expressway/restore.js';

/** Apply `action`, expect a refusal with `code`, and the world untouched. */
function expectRefused(twin: Twin, action: unknown, code: string): string {
  const before = worldOf(twin);
  const r = applyAction(twin, action as Action);
  expect(r.ok, JSON.stringify(r)).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error.code).toBe(code);
  expect(r.error.message.length).toBeGreaterThan(0);
  expect(worldOf(twin)).toEqual(before);
  return r.error.message;
}

function expectOk(twin: Twin, action: Action): readonly string[] {
  const r = applyAction(twin, action);
  expect(r.ok, JSON.stringify(r)).toBe(true);
  return r.output;
}

describe('applyAction: input that is not an action', () => {
  it.each([
    ['null', null, 'XTW_ERR_OP_BAD_FIELD'],
    ['a string', 'restart expc01', 'XTW_ERR_OP_BAD_FIELD'],
    ['an array', [], 'XTW_ERR_OP_BAD_FIELD'],
    ['no kind', { peer: 'expc01' }, 'XTW_ERR_OP_BAD_FIELD'],
    ['an unknown kind', { kind: 'explode', peer: 'expc01' }, 'XTW_ERR_OP_BAD_FIELD'],
    ['a peer that is not a string', { kind: 'restart', peer: 7 }, 'XTW_ERR_OP_BAD_FIELD'],
  ])('%s: refused, nothing changes', (_, action, code) => {
    expectRefused(smallTwin(), action, code);
  });

  it('an unknown peer is refused with the twin\'s error naming it and the known peers', () => {
    const message = expectRefused(smallTwin(), { kind: 'restart', peer: 'expc09' }, 'XTW_ERR_TWIN_UNKNOWN_PEER');
    expect(message).toContain('expc09');
    expect(message).toContain('expc01');
  });
});

describe('applyAction: tshell', () => {
  it('runs one line and returns its output lines', () => {
    const output = expectOk(smallTwin(), { kind: 'tshell', peer: 'expc01', line: 'xConfiguration Alternates ConfigurationPrimary' });
    expect(output).toEqual(['*c xConfiguration Alternates ConfigurationPrimary: 1', 'OK']);
  });

  it('a refused line is ok: false with the XACLI error lines, and changes nothing', () => {
    const twin = smallTwin();
    const before = worldOf(twin);
    const r = applyAction(twin, { kind: 'tshell', peer: 'expc01', line: 'xConfiguration Alternates ConfigurationPrimary: 9' });
    expect(r.ok).toBe(false);
    expect(r.output[0]).toBe('*r ConfigurationResult (status=Error):');
    expect(r.ok ? '' : r.error.code).toBe('XTW_ERR_PEER_OUT_OF_RANGE');
    expect(worldOf(twin)).toEqual(before);
  });
});

describe('applyAction: page save', () => {
  it('saves fields named by xConfiguration path, matched case-insensitively', () => {
    const twin = smallTwin();
    const output = expectOk(twin, { kind: 'page', peer: 'expc03', page: 'clustering', set: { 'alternates cluster name': 'lab.example.com' } });
    expect(output).toEqual(['Saved Alternates Cluster Name: "" -> "lab.example.com"']);
    expect(twin.observe('expc03').saved['Alternates Cluster Name']).toBe('lab.example.com');
  });

  it('all or nothing: one bad value refuses the whole save with the peer\'s words', () => {
    const twin = smallTwin();
    const message = expectRefused(twin, {
      kind: 'page', peer: 'expc03', page: 'clustering',
      set: { 'Alternates Cluster Name': 'good.example.com', 'Alternates ConfigurationPrimary': 7 },
    }, 'XTW_ERR_PEER_OUT_OF_RANGE');
    expect(message).toContain('Configuration primary');
    expect(twin.observe('expc03').saved['Alternates Cluster Name']).toBe('');
  });

  it.each([
    ['a key from another page', { 'H323 Mode': 'Off' }, 'clustering', 'XTW_ERR_OP_KEY_NOT_ON_PAGE'],
    ['an unknown key', { 'Alternates Colour': 'blue' }, 'clustering', 'XTW_ERR_PEER_UNKNOWN_KEY'],
    ['a seventh peer', { 'Alternates Peer 7 Address': '10.0.0.17' }, 'clustering', 'XTW_ERR_PEER_TOO_MANY_PEERS'],
    ['the same key twice in different case', { 'Alternates Cluster Name': 'a.example.com', 'ALTERNATES CLUSTER NAME': 'b.example.com' }, 'clustering', 'XTW_ERR_OP_DUPLICATE_KEY'],
    ['a peer list with a gap', { 'Alternates Peer 2 Address': '10.0.0.12' }, 'clustering', 'XTW_ERR_PEER_PEER_GAP'],
    ['an unknown page', { 'Alternates Cluster Name': 'a.example.com' }, 'cluster', 'XTW_ERR_OP_UNKNOWN_PAGE'],
  ])('%s is refused and nothing changes', (_, set, page, code) => {
    expectRefused(smallTwin(), { kind: 'page', peer: 'expc03', page, set }, code);
  });

  it('set must be an object', () => {
    expectRefused(smallTwin(), { kind: 'page', peer: 'expc03', page: 'clustering', set: 'Cluster name = x' }, 'XTW_ERR_OP_BAD_FIELD');
  });
});

describe('applyAction: root shell', () => {
  it('clusterdb_destroy_and_purge_data.sh recovers a failed database (DOMAIN §6.18)', () => {
    const twin = smallTwin();
    expectOk(twin, { kind: 'fault', fault: { kind: 'database-failure', peer: 'expc02' } });
    expect(twin.observe('expc02').state).toBe('databaseFailure');
    expectOk(twin, { kind: 'root', peer: 'expc02', command: 'clusterdb_destroy_and_purge_data.sh' });
    expect(twin.observe('expc02').state).toBe('running');
  });

  it('factory-reset runs the script, answering its prompts as DOMAIN §9.2 recommends', () => {
    const twin = smallTwin();
    const output = expectOk(twin, { kind: 'root', peer: 'expc03', command: 'factory-reset' });
    expect(output[0]).toBe('Keep option keys [YES/NO]? NO');
    expect(output).toHaveLength(8);
    expect(twin.observe('expc03').state).toBe('factoryResetting');
  });

  it.each([
    'scp tandberg-image.tar.gz /mnt/harddisk/factory-reset/',
    'cp /tmp/tandberg-image.tar.gz /mnt/harddisk/factory-reset',
    'mv /tmp/s42700x14_3_1.tar.gz /mnt/harddisk/factory-reset/tandberg-image.tar.gz',
    'scp -p s42700x14_3_1.tar.gz root@expc03:/mnt/harddisk/factory-reset/tandberg-image.tar.gz',
  ])('`%s` puts the image in the factory-reset folder (DOMAIN §9.3 fix B)', (command) => {
    const twin = smallTwin({ peer: { factoryResetImage: false } });
    expect(twin.observe('expc03').system.factoryResetImage).toBe(false);
    expectOk(twin, { kind: 'root', peer: 'expc03', command });
    expect(twin.observe('expc03').system.factoryResetImage).toBe(true);
  });

  it('a package copied under another name would not be found: refused, nothing changes', () => {
    const twin = smallTwin({ peer: { factoryResetImage: false } });
    const message = expectRefused(twin, { kind: 'root', peer: 'expc03', command: 'scp s42700x14_3_1.tar.gz /mnt/harddisk/factory-reset/' }, 'XTW_ERR_OP_ROOT_USAGE');
    expect(message).toContain('tandberg-image.tar.gz');
  });

  it('an unknown command is bash\'s "command not found"', () => {
    const message = expectRefused(smallTwin(), { kind: 'root', peer: 'expc01', command: 'reboot-now --force' }, 'XTW_ERR_OP_COMMAND_NOT_FOUND');
    expect(message).toBe('bash: reboot-now: command not found');
  });

  it('arguments to the scripts are refused; a powered-off peer has no shell', () => {
    const twin = smallTwin();
    expectRefused(twin, { kind: 'root', peer: 'expc01', command: 'factory-reset now' }, 'XTW_ERR_OP_ROOT_USAGE');
    expectOk(twin, { kind: 'power', peer: 'expc03', on: false });
    expectRefused(twin, { kind: 'root', peer: 'expc03', command: 'factory-reset' }, 'XTW_ERR_PEER_NOT_RUNNING');
  });
});

describe('applyAction: power, restart, upgrade', () => {
  it('power off then on; the same state twice is refused', () => {
    const twin = smallTwin();
    expectOk(twin, { kind: 'power', peer: 'expc03', on: false });
    expect(twin.observe('expc03').state).toBe('poweredOff');
    expectRefused(twin, { kind: 'power', peer: 'expc03', on: false }, 'XTW_ERR_OP_POWER_STATE');
    expectOk(twin, { kind: 'power', peer: 'expc03', on: true });
    expect(twin.observe('expc03').state).toBe('booting');
    expectRefused(twin, { kind: 'power', peer: 'expc03', on: true }, 'XTW_ERR_OP_POWER_STATE');
    expectRefused(twin, { kind: 'power', peer: 'expc03', on: 'yes' }, 'XTW_ERR_OP_BAD_FIELD');
  });

  it('restart and reboot (Maintenance > Restart options)', () => {
    const twin = smallTwin();
    expectOk(twin, { kind: 'restart', peer: 'expc02' });
    expect(twin.observe('expc02').state).toBe('restarting');
    expectOk(twin, { kind: 'restart', peer: 'expc03', mode: 'reboot' });
    expect(twin.observe('expc03').state).toBe('rebooting');
    expectRefused(twin, { kind: 'restart', peer: 'expc02' }, 'XTW_ERR_PEER_NOT_RUNNING');
    expectRefused(twin, { kind: 'restart', peer: 'expc01', mode: 'shutdown' }, 'XTW_ERR_OP_BAD_FIELD');
  });

  it('upgrade stages the version for the next reboot; a downgrade is refused', () => {
    const twin = smallTwin();
    expectOk(twin, { kind: 'upgrade', peer: 'expc03', version: 'X15.0.1' });
    expect(twin.observe('expc03').system.stagedVersion).toBe('X15.0.1');
    expectRefused(twin, { kind: 'upgrade', peer: 'expc01', version: 'X12.5' }, 'XTW_ERR_PEER_DOWNGRADE');
    expectRefused(twin, { kind: 'upgrade', peer: 'expc01', version: 'fourteen' }, 'XTW_ERR_PEER_BAD_VERSION');
  });
});

describe('applyAction: backup and restore', () => {
  it('a backup returns its file name; restore works on a standalone peer and is refused on a clustered one', () => {
    const twin = smallTwin();
    const [name] = expectOk(twin, { kind: 'backup', peer: 'expc03' });
    expect(name).toMatch(/^X14\.3\.1_.+_backup\.tar\.gz\.enc$/);
    expectOk(twin, { kind: 'restore', peer: 'expc03', backup: name! });
    const [clustered] = expectOk(twin, { kind: 'backup', peer: 'expc02' });
    expectRefused(twin, { kind: 'restore', peer: 'expc02', backup: clustered! }, 'XTW_ERR_PEER_RESTORE_CLUSTERED');
    expectRefused(twin, { kind: 'restore', peer: 'expc01', backup: 'nothing.tar.gz.enc' }, 'XTW_ERR_PEER_NO_BACKUP');
  });

  it("restore from another box (DOMAIN §6.10): the old peer's latest backup onto a standalone box, which keeps its own LAN1 address; an unknown box or a box with no backup is refused", () => {
    const twin = smallTwin();
    expectOk(twin, { kind: 'page', peer: 'expc02', page: 'system', set: { 'SystemUnit Name': 'old expc02' } });
    expectOk(twin, { kind: 'backup', peer: 'expc02' });
    expectRefused(twin, { kind: 'restore', peer: 'expc03', backup: 'latest', from: 'expc09' }, 'XTW_ERR_TWIN_UNKNOWN_PEER');
    expectRefused(twin, { kind: 'restore', peer: 'expc03', backup: 'latest', from: 'expc01' }, 'XTW_ERR_PEER_NO_BACKUP');
    const [line] = expectOk(twin, { kind: 'restore', peer: 'expc03', backup: 'latest', from: 'expc02' });
    expect(line).toContain('taken on expc02');
    expect(line).toContain('keeps its LAN1 address');
    const saved = twin.observe('expc03').saved;
    expect(saved['SystemUnit Name']).toBe('old expc02');
    expect(saved['Ethernet 1 IP V4 Address']).toBe('10.0.0.13');
    // The backup carries expc02's clustering configuration: expc03 is not in that list (20003, DOMAIN §7.1).
    expect(saved['Alternates Peer 2 Address']).toBe('10.0.0.12');
    expect(twin.observe('expc03').alarms.map((a) => a.id)).toContain('20003');
  });
});

describe('applyAction: redeploy (a fresh OVA, DOMAIN §6.16 rebuild)', () => {
  it('is refused on a VM that is not powered off, and changes nothing', () => {
    expectRefused(smallTwin(), { kind: 'redeploy', peer: 'expc02' }, 'XTW_ERR_PEER_REDEPLOY_NOT_OFF');
  });

  it('gives the powered-off VM a new serial and a fresh configuration that keeps only what the install wizard sets; its own backup then restores all but the LAN1 address', () => {
    const twin = smallTwin();
    expectOk(twin, { kind: 'page', peer: 'expc02', page: 'system', set: { 'SystemUnit Name': 'Kept' } });
    const [name] = expectOk(twin, { kind: 'backup', peer: 'expc02' });
    const before = twin.observe('expc02');
    expectOk(twin, { kind: 'power', peer: 'expc02', on: false });
    const [line] = expectOk(twin, { kind: 'redeploy', peer: 'expc02' });
    expect(line).toContain('fresh OVA');
    const fresh = twin.observe('expc02');
    expect(fresh.state).toBe('poweredOff');
    expect(fresh.system.serial).not.toBe(before.system.serial);
    expect(fresh.system.version).toBe(before.system.version);
    expect(fresh.system.factoryResetImage).toBe(false);
    for (const k of FRESH_INSTALL_KEEPS) expect(fresh.saved[k], k).toEqual(before.saved[k]);
    expect(fresh.saved['IP DNS Hostname']).toBe('');
    expect(fresh.saved['SystemUnit Name']).toBe('');
    expect(fresh.saved['Alternates Peer 1 Address']).toBe('');
    expect(twin.backups('expc02')).toEqual([name]);
    expectOk(twin, { kind: 'power', peer: 'expc02', on: true });
    twin.advance(10 * 60_000);
    expect(twin.observe('expc02').state).toBe('running');
    expectOk(twin, { kind: 'restore', peer: 'expc02', backup: 'latest' });
    twin.advance(10 * 60_000);
    const restored = twin.observe('expc02');
    expect(restored.saved['SystemUnit Name']).toBe('Kept');
    expect(restored.saved['Ethernet 1 IP V4 Address']).toBe('10.0.0.12');
    expect(restored.saved['Alternates Peer 2 Address']).toBe('10.0.0.12');
    expect(restored.clustering.joined).toBe(true);
  });
});

describe('applyAction: dns', () => {
  it('sets and removes a record; a value of the wrong family is refused', () => {
    const twin = smallTwin();
    expect(expectOk(twin, { kind: 'dns', name: 'Cluster1.example.com', type: 'A', value: '10.0.0.11' })).toEqual(['DNS: cluster1.example.com A 10.0.0.11']);
    expectOk(twin, { kind: 'dns', name: 'cluster1.example.com', type: 'A' });
    expectRefused(twin, { kind: 'dns', name: 'cluster1.example.com', type: 'A', value: '2001:db8::1' }, 'XTW_ERR_OP_BAD_FIELD');
    expectRefused(twin, { kind: 'dns', name: 'not a name', type: 'A', value: '10.0.0.1' }, 'XTW_ERR_OP_BAD_FIELD');
    expectRefused(twin, { kind: 'dns', name: 'x.example.com', type: 'MX', value: '10.0.0.1' }, 'XTW_ERR_OP_BAD_FIELD');
  });
});

describe('applyAction: faults and heal', () => {
  it('each network fault installs a healable fault', () => {
    const twin = smallTwin();
    const faults: Action[] = [
      { kind: 'fault', fault: { kind: 'partition', groups: [['expc01'], ['expc02']] } },
      { kind: 'fault', fault: { kind: 'partition', groups: [['expc01'], ['expc02', 'expc03']], oneWay: true } },
      { kind: 'fault', fault: { kind: 'latency', between: ['expc01', 'expc02'], latencyMsMean: 50, latencyMsJitter: 5 } },
      { kind: 'fault', fault: { kind: 'latency', latencyMsMean: 100 } },
      { kind: 'fault', fault: { kind: 'latency', between: ['expc02', 'expc03'], rttMs: 80 } },
      { kind: 'fault', fault: { kind: 'loss', between: ['expc01', 'expc02'], lossRatio: 0.5 } },
      { kind: 'fault', fault: { kind: 'nat', inside: ['expc02'], publicAddress: '192.0.2.10' } },
      { kind: 'fault', fault: { kind: 'dns-failure', name: 'expc02.example.com', failure: 'servfail', forPeer: 'expc01' } },
    ];
    faults.forEach((f, i) => {
      const [line] = expectOk(twin, f);
      expect(line).toMatch(new RegExp(`^fault ${i + 1} `));
    });
    expect(twin.activeFaults()).toHaveLength(faults.length);
    expect(expectOk(twin, { kind: 'heal', id: 3 })).toEqual(['healed fault 3']);
    expectRefused(twin, { kind: 'heal', id: 3 }, 'XTW_ERR_TWIN_UNKNOWN_FAULT');
    expect(expectOk(twin, { kind: 'heal' })).toEqual([`healed ${faults.length - 1} fault(s)`]);
    expect(twin.activeFaults()).toEqual([]);
  });

  it('power loss and database failure act on the peer', () => {
    const twin = smallTwin();
    expectOk(twin, { kind: 'fault', fault: { kind: 'power-loss', peer: 'expc03' } });
    expect(twin.observe('expc03').state).toBe('poweredOff');
    expectRefused(twin, { kind: 'fault', fault: { kind: 'power-loss', peer: 'expc03' } }, 'XTW_ERR_OP_POWER_STATE');
    expectRefused(twin, { kind: 'fault', fault: { kind: 'database-failure', peer: 'expc03' } }, 'XTW_ERR_PEER_NOT_RUNNING');
    expectOk(twin, { kind: 'fault', fault: { kind: 'database-failure', peer: 'expc02' } });
    expect(twin.observe('expc02').state).toBe('databaseFailure');
  });

  it.each([
    ['an unknown peer in a group', { kind: 'partition', groups: [['expc01'], ['expc07']] }, 'XTW_ERR_TWIN_UNKNOWN_PEER'],
    ['overlapping groups', { kind: 'partition', groups: [['expc01'], ['expc01', 'expc02']] }, 'XTW_ERR_OP_BAD_FIELD'],
    ['an empty group', { kind: 'partition', groups: [[], ['expc02']] }, 'XTW_ERR_OP_BAD_FIELD'],
    ['one group', { kind: 'partition', groups: [['expc01']] }, 'XTW_ERR_OP_BAD_FIELD'],
    ['negative latency', { kind: 'latency', latencyMsMean: -1 }, 'XTW_ERR_OP_BAD_FIELD'],
    ['latency with both an added delay and a round trip', { kind: 'latency', latencyMsMean: 10, rttMs: 80 }, 'XTW_ERR_OP_BAD_FIELD'],
    ['latency with neither an added delay nor a round trip', { kind: 'latency' }, 'XTW_ERR_OP_BAD_FIELD'],
    ['a negative round trip', { kind: 'latency', rttMs: -1 }, 'XTW_ERR_OP_BAD_FIELD'],
    ['latency between a peer and itself', { kind: 'latency', between: ['expc01', 'expc01'], latencyMsMean: 10 }, 'XTW_ERR_OP_BAD_FIELD'],
    ['a loss ratio above 1', { kind: 'loss', lossRatio: 1.5 }, 'XTW_ERR_OP_BAD_FIELD'],
    ['a NAT without an IP address', { kind: 'nat', inside: ['expc02'], publicAddress: 'somewhere' }, 'XTW_ERR_OP_BAD_FIELD'],
    ['an unknown DNS failure', { kind: 'dns-failure', name: 'a.example.com', failure: 'slow' }, 'XTW_ERR_OP_BAD_FIELD'],
    ['an unknown fault kind', { kind: 'meteor' }, 'XTW_ERR_OP_BAD_FIELD'],
  ])('%s is refused and nothing changes', (_, fault, code) => {
    expectRefused(smallTwin(), { kind: 'fault', fault }, code);
  });
});

describe('applyAction: wait', () => {
  it('advances virtual time', () => {
    const twin = smallTwin();
    const t = twin.nowMs;
    expectOk(twin, { kind: 'wait', durationMs: 120_000 });
    expect(twin.nowMs).toBe(t + 120_000);
  });

  it.each([[-1], [Number.NaN], [MAX_WAIT_MS + 1], ['2m']])('durationMs %s is refused', (durationMs) => {
    expectRefused(smallTwin(), { kind: 'wait', durationMs }, 'XTW_ERR_OP_BAD_FIELD');
  });
});
