// One peer's lifecycle on virtual time (DOMAIN §5.5, §6.14, §6.16, §6.20): power on, restart and
// reboot durations, no service while restarting, maintenance mode ended by a restart, upgrade
// staging and its rules, backup and restore. Time moves only through the event queue.
import { describe, expect, it } from 'vitest';
import { TIMINGS } from '../../src/expressway/timings.js';
import { configAfterRestore, RESTORE_KEEPS_THE_BOX_OWN } from '../../src/expressway/restore.js';
import { alarmIds, buildPeer, CLI, errorCode, peerListEdits, restartAndWait, traceOf } from './helpers.js';

describe('lifecycle: durations', () => {
  it(`power on: poweredOff → booting → running after TIMINGS.bootDurationMs (${TIMINGS.bootDurationMs} ms), not before`, () => {
    const rig = buildPeer({ poweredOn: false });
    expect(rig.peer.state).toBe('poweredOff');
    expect(rig.peer.serving).toBe(false);
    rig.peer.send({ type: 'POWER_ON' });
    expect(rig.peer.state).toBe('booting');
    rig.queue.advance(TIMINGS.bootDurationMs - 1);
    expect(rig.peer.state).toBe('booting');
    rig.queue.advance(1);
    expect(rig.peer.state).toBe('running');
    expect(rig.peer.serving).toBe(true);
    expect(traceOf(rig, 'peer.state').map((e) => e.data.state)).toEqual(['poweredOff', 'booting', 'running']);
  });

  it.each([
    ['restart', 'restarting', TIMINGS.restartDurationMs, 3],
    ['reboot', 'rebooting', TIMINGS.rebootDurationMs, 5],
  ] as const)('%s: the peer is %s for exactly %i ms (≈%i min), then running', (how, during, durationMs, minutes) => {
    expect(durationMs).toBe(minutes * 60_000);
    const rig = buildPeer();
    if (how === 'restart') rig.peer.restart();
    else rig.peer.reboot();
    expect(rig.peer.state).toBe(during);
    rig.queue.advance(durationMs - 1);
    expect(rig.peer.state).toBe(during);
    rig.queue.advance(1);
    expect(rig.peer.state).toBe('running');
    const states = traceOf(rig, 'peer.state');
    expect(states.map((e) => [e.atMs, e.data.state])).toEqual([[0, 'running'], [0, during], [durationMs, 'running']]);
  });

  it('power off while restarting: no timer brings the peer back; it stays off until POWER_ON', () => {
    const rig = buildPeer();
    rig.peer.restart();
    rig.peer.send({ type: 'POWER_OFF' });
    rig.queue.advance(TIMINGS.rebootDurationMs * 4);
    expect(rig.peer.state).toBe('poweredOff');
  });
});

describe('lifecycle: not serving while restarting', () => {
  it.each(['restarting', 'rebooting', 'booting'] as const)('while %s: save, restart, reboot, backup and upgrade throw XTW_ERR_PEER_NOT_RUNNING and change nothing', (during) => {
    const rig = buildPeer({ poweredOn: during !== 'booting' });
    if (during === 'restarting') rig.peer.restart();
    else if (during === 'rebooting') rig.peer.reboot();
    else rig.peer.send({ type: 'POWER_ON' });
    expect(rig.peer.state).toBe(during);
    const saved = rig.peer.config.saved;
    const traceCount = rig.trace.count;
    expect(errorCode(() => rig.peer.save({ 'SystemUnit Name': 'x' }, CLI))).toBe('XTW_ERR_PEER_NOT_RUNNING');
    expect(errorCode(() => rig.peer.restart())).toBe('XTW_ERR_PEER_NOT_RUNNING');
    expect(errorCode(() => rig.peer.reboot())).toBe('XTW_ERR_PEER_NOT_RUNNING');
    expect(errorCode(() => rig.peer.backup())).toBe('XTW_ERR_PEER_NOT_RUNNING');
    expect(errorCode(() => rig.peer.upgrade('X15.0.2'))).toBe('XTW_ERR_PEER_NOT_RUNNING');
    expect(rig.peer.config.saved).toBe(saved);
    expect(rig.peer.system.stagedVersion).toBeUndefined();
    expect(rig.trace.count).toBe(traceCount);
  });

  it('serving again once running: a save after the restart is accepted', () => {
    const rig = buildPeer();
    restartAndWait(rig);
    rig.peer.save({ 'SystemUnit Name': 'after' }, CLI);
    expect(rig.peer.config.active['SystemUnit Name']).toBe('after');
  });
});

describe('lifecycle: maintenance mode (DOMAIN §6.20)', () => {
  it('turning maintenance mode On raises 15015 at once; Off lowers it', () => {
    const rig = buildPeer();
    rig.peer.save({ 'Maintenance Mode': 'On' }, CLI);
    expect(rig.peer.config.active['Maintenance Mode']).toBe('On');
    expect(alarmIds(rig)).toEqual(['15015']);
    rig.peer.save({ 'Maintenance Mode': 'Off' }, CLI);
    expect(alarmIds(rig)).toEqual([]);
  });

  it.each(['restart', 'reboot'] as const)('a %s turns maintenance mode Off (saved and active) and lowers 15015', (how) => {
    const rig = buildPeer();
    rig.peer.save({ 'Maintenance Mode': 'On' }, CLI);
    restartAndWait(rig, how);
    expect(rig.peer.config.saved['Maintenance Mode']).toBe('Off');
    expect(rig.peer.config.active['Maintenance Mode']).toBe('Off');
    expect(rig.peer.alarms.has('maintenance-mode')).toBe(false);
    expect(traceOf(rig, 'alarm.lower').map((e) => e.data.id)).toEqual(['15015']);
  });
});

describe('lifecycle: upgrade (DOMAIN §6.14)', () => {
  it('upgrade stages the version; a restart keeps the old one; the next reboot runs the new one', () => {
    const rig = buildPeer({ system: { version: 'X14.3.1', factoryResetImage: false } });
    rig.peer.upgrade('X15.0.2');
    expect(rig.peer.system.version).toBe('X14.3.1');
    expect(rig.peer.system.stagedVersion).toBe('X15.0.2');
    // The package also lands in the factory-reset folder (DOMAIN §9.3 fix A).
    expect(rig.peer.system.factoryResetImage).toBe(true);
    expect(traceOf(rig, 'peer.upgrade.staged').map((e) => e.data.version)).toEqual(['X15.0.2']);
    restartAndWait(rig, 'restart');
    expect(rig.peer.system.version).toBe('X14.3.1');
    expect(rig.peer.system.stagedVersion).toBe('X15.0.2');
    restartAndWait(rig, 'reboot');
    expect(rig.peer.system.version).toBe('X15.0.2');
    expect(rig.peer.system.stagedVersion).toBeUndefined();
  });

  it('re-installing the running version is allowed (the wrong-order fix re-upgrades the primary, DOMAIN §6.17)', () => {
    const rig = buildPeer();
    rig.peer.upgrade('X14.3.1');
    restartAndWait(rig, 'reboot');
    expect(rig.peer.system.version).toBe('X14.3.1');
  });

  it.each([
    ['X14.3.1', 'X14.2.7', 'XTW_ERR_PEER_DOWNGRADE'],
    ['X14.3.1', 'X8.11.4', 'XTW_ERR_PEER_DOWNGRADE'],
    ['X8.10.3', 'X12.6.2', 'XTW_ERR_PEER_BAD_VERSION'],
    ['X8.9', 'X14.3.1', 'XTW_ERR_PEER_BAD_VERSION'],
    ['X14.3.1', '15.0', 'XTW_ERR_PEER_BAD_VERSION'],
  ] as const)('%s → %s is refused with %s and stages nothing', (from, to, code) => {
    const rig = buildPeer({ system: { version: from, factoryResetImage: false } });
    expect(errorCode(() => rig.peer.upgrade(to))).toBe(code);
    expect(rig.peer.system.stagedVersion).toBeUndefined();
    expect(rig.peer.system.factoryResetImage).toBe(false);
    expect(traceOf(rig, 'peer.upgrade.staged')).toEqual([]);
  });

  it('a pre-X8.11.4 system upgrades in two stages: first to X8.11.4, then (after the reboot) beyond', () => {
    const rig = buildPeer({ system: { version: 'X8.10.3' } });
    rig.peer.upgrade('X8.11.4');
    restartAndWait(rig, 'reboot');
    rig.peer.upgrade('X12.6.2');
    restartAndWait(rig, 'reboot');
    expect(rig.peer.system.version).toBe('X12.6.2');
  });

  it('a downgrade is judged against the staged version: after staging X15.0.2, X14.3.3 is refused', () => {
    const rig = buildPeer();
    rig.peer.upgrade('X15.0.2');
    expect(errorCode(() => rig.peer.upgrade('X14.3.3'))).toBe('XTW_ERR_PEER_DOWNGRADE');
    expect(rig.peer.system.stagedVersion).toBe('X15.0.2');
  });
});

describe('lifecycle: backup and restore (DOMAIN §6.16)', () => {
  it('restore on a clustered peer is refused with XTW_ERR_PEER_RESTORE_CLUSTERED and changes nothing', () => {
    const rig = buildPeer({ config: peerListEdits(['10.0.0.11', '10.0.0.12']) });
    const b = rig.peer.backup('b1');
    rig.peer.save({ 'SystemUnit Name': 'after backup' }, CLI);
    const saved = rig.peer.config.saved;
    expect(errorCode(() => rig.peer.restore(b.name))).toBe('XTW_ERR_PEER_RESTORE_CLUSTERED');
    expect(rig.peer.config.saved).toBe(saved);
    expect(rig.peer.state).toBe('running');
  });

  it('restore across software versions is refused with XTW_ERR_PEER_RESTORE_VERSION', () => {
    const rig = buildPeer();
    const b = rig.peer.backup();
    expect(b.name).toMatch(/^X14\.3\.1_0A1B2C3D_/);
    rig.peer.upgrade('X15.0.2');
    restartAndWait(rig, 'reboot');
    const saved = rig.peer.config.saved;
    expect(errorCode(() => rig.peer.restore(b.name))).toBe('XTW_ERR_PEER_RESTORE_VERSION');
    expect(rig.peer.config.saved).toBe(saved);
  });

  it('restore of an unknown backup name is refused with XTW_ERR_PEER_NO_BACKUP', () => {
    const rig = buildPeer();
    expect(errorCode(() => rig.peer.restore('nope.tar.gz.enc'))).toBe('XTW_ERR_PEER_NO_BACKUP');
  });

  it('restore brings back the backed-up configuration, saved and active, after the restart it triggers', () => {
    const rig = buildPeer({ config: { 'SystemUnit Name': 'before', 'H323 Mode': 'On', 'IP Gateway': '10.0.0.1' } });
    const b = rig.peer.backup('b1');
    rig.peer.save({ 'SystemUnit Name': 'after', 'H323 Mode': 'Off', 'IP Gateway': '10.0.0.254' }, CLI);
    expect(alarmIds(rig)).toEqual(['25010']);
    rig.peer.restore(b.name);
    expect(rig.peer.state).toBe('restarting');
    rig.queue.advance(TIMINGS.restartDurationMs);
    expect(rig.peer.state).toBe('running');
    expect(rig.peer.config.saved).toEqual(b.config);
    expect(rig.peer.config.active).toEqual(b.config);
    expect(rig.peer.config.active['SystemUnit Name']).toBe('before');
    expect(rig.peer.config.active['IP Gateway']).toBe('10.0.0.1');
    expect(alarmIds(rig)).toEqual([]);
  });

  it("a backup taken on another peer of the same version restores onto a standalone peer, address mappings included", () => {
    const mapping = [{ fqdn: 'expc01.example.com', ip: '10.0.0.11' }];
    const source = buildPeer({ id: 'expc02', config: { 'Alternates Cluster AddressMapping Entries': mapping } });
    const b = source.peer.backup('from-expc02');
    const rig = buildPeer();
    rig.peer.restore(b.name, b);
    rig.queue.advance(TIMINGS.restartDurationMs);
    expect(rig.peer.config.active['Alternates Cluster AddressMapping Entries']).toEqual(mapping);
    expect(rig.peer.backupNames()).toContain('from-expc02');
  });

  it('a backup restored onto another box: the box keeps its own LAN1 addressing and option keys (RESTORE_KEEPS_THE_BOX_OWN), takes every other value', () => {
    const keys = [{ key: '116341E00-1-AAAAAAAA', kind: 'feature', description: 'Advanced Networking' }];
    const source = buildPeer({ id: 'expc02', config: {
      'Ethernet 1 IP V4 Address': '10.0.0.12', 'Ethernet 1 IP V6 Address': '2001:db8::12', 'IP Gateway': '10.0.0.1', 'Option Keys': keys,
      'SystemUnit Name': 'old box', 'IP DNS Hostname': 'expc02', 'Logging Server 1 Address': '10.0.0.50',
    } });
    const b = source.peer.backup('from-expc02');
    const rig = buildPeer({ id: 'expc04', system: { serial: '0E0E0E04' }, config: { 'Ethernet 1 IP V4 Address': '10.0.0.14', 'Ethernet 1 IP V6 Address': '2001:db8::14', 'IP Gateway': '10.0.0.254', 'SystemUnit Name': 'new box' } });
    const own = Object.fromEntries(RESTORE_KEEPS_THE_BOX_OWN.map((k) => [k, rig.peer.config.saved[k]]));
    expect(own['Option Keys']).not.toEqual(keys);
    rig.peer.restore(b.name, b);
    rig.queue.advance(TIMINGS.restartDurationMs);
    expect(rig.peer.state).toBe('running');
    const active = rig.peer.config.active;
    for (const k of RESTORE_KEEPS_THE_BOX_OWN) expect(active[k], k).toEqual(own[k]);
    for (const k of Object.keys(b.config).filter((k) => !RESTORE_KEEPS_THE_BOX_OWN.includes(k))) expect(active[k], k).toEqual(b.config[k]);
    expect(active['SystemUnit Name']).toBe('old box');
    expect(active['Ethernet 1 IP V4 Address']).toBe('10.0.0.14');
    // The old box restoring its own backup takes all of it, its LAN1 address and option keys included.
    source.peer.save({ 'IP Gateway': '10.0.0.99', 'SystemUnit Name': 'changed' }, CLI);
    source.peer.restore(b.name);
    source.queue.advance(TIMINGS.restartDurationMs);
    expect(source.peer.config.active).toEqual(b.config);
    expect(configAfterRestore(b.config, b.config)).toEqual(b.config);
  });
});
