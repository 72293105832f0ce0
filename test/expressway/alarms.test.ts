// Every alarm a single peer raises by itself (DOMAIN §5.5, §6.19, §6.20, §7, §9): what raises it,
// what lowers it, the trace events (`alarm.raise` / `alarm.lower`) and the log lines — the alarm
// manager's `Raising alarm` developer line, then `Event="Alarm Raised"` from `management:` or
// `alarm:` with the product's exact Detail (DOMAIN §10.2 C). Details are written out from DOMAIN
// §7, not read from the catalog: the wording is the product's and is the point (STYLE R7).
import { describe, expect, it } from 'vitest';
import { alarmDefinition, type AlarmKey } from '../../src/expressway/alarms.js';
import { formatLogLine, type LogClock, type LogRecord } from '../../src/expressway/logLines.js';
import { TIMINGS } from '../../src/expressway/timings.js';
import { buildPeer, CLI, EPOCH_UTC_MS, peerListEdits, restartAndWait, traceOf, type Rig } from './helpers.js';

const UTC: LogClock = { epochUtcMs: EPOCH_UTC_MS, utcOffsetMinutes: 0 };
const text = (r: LogRecord): string => formatLogLine(r, UTC);

interface AlarmCase {
  readonly name: string;
  readonly key: AlarmKey;
  readonly id: string;
  readonly severity: string;
  readonly detail: string;
  readonly build: () => Rig;
  readonly raise: (rig: Rig) => void;
  readonly lower: (rig: Rig) => void;
}

const CERT = { cn: 'expc01.example.com', sans: [], issuer: 'Example Issuing CA', notBeforeMs: EPOCH_UTC_MS, notAfterMs: EPOCH_UTC_MS + 86_400_000 * 365 };
const clusteredArmed = (image: boolean): Rig => {
  const rig = buildPeer({ system: { factoryResetImage: image }, config: peerListEdits(['10.0.0.11', '10.0.0.12']) });
  rig.peer.save(peerListEdits([]), CLI);
  return rig;
};
// A cluster configuration change raises its alarms ≈0.2 s after the save (DOMAIN §10.2 D, §12).
const savedCluster = (rig: Rig, edits: Parameters<Rig['peer']['save']>[0]): void => {
  rig.peer.save(edits, CLI);
  rig.queue.advance(TIMINGS.configChangeTo20007Ms);
};
// A restart lowers every restart-required alarm (DOMAIN §7.3 "stay until the restart").
const byRestart = (rig: Rig): void => restartAndWait(rig);

const CASES: readonly AlarmCase[] = [
  {
    name: 'cluster configuration saved (Peer list)', key: 'restart-required-cluster-configuration', id: '20007', severity: 'warning',
    detail: 'Restart required: Cluster configuration has been changed, however a restart is required for this to take effect',
    build: () => buildPeer(), raise: (r) => savedCluster(r, peerListEdits(['10.0.0.11', '10.0.0.12'])), lower: byRestart,
  },
  {
    name: 'IP configuration saved', key: 'restart-required-ip', id: '25010', severity: 'warning',
    detail: 'Restart required: IP configuration has been changed, however a restart is required for this to take effect',
    build: () => buildPeer(), raise: (r) => r.peer.save({ 'Ethernet 1 IP V4 Address': '10.0.0.21' }, CLI), lower: byRestart,
  },
  {
    name: 'option keys saved', key: 'restart-required-option-key', id: '30025', severity: 'warning',
    detail: 'Restart required: An option key or the type has been changed, however a restart is required for this to take effect',
    build: () => buildPeer(), raise: (r) => r.peer.save({ 'Option Keys': [{ key: '116341E00-1-AAAAAAAA', kind: 'feature', description: 'Advanced Networking' }] }, CLI), lower: byRestart,
  },
  {
    name: 'server certificate saved', key: 'restart-required-server-certificate', id: '15028', severity: 'warning',
    detail: 'Restart required: Server certificate and private key have been changed, however a restart is required for this to take effect.',
    build: () => buildPeer(), raise: (r) => r.peer.save({ 'Certificate Server': CERT }, CLI), lower: byRestart,
  },
  {
    name: 'armed factory reset starts at restart', key: 'factory-reset-started', id: '15009', severity: 'alert',
    detail: 'Factory reset started: Factory reset started',
    build: () => clusteredArmed(true), raise: (r) => r.peer.restart(), lower: (r) => r.queue.advance(TIMINGS.factoryResetOnRestartMs),
  },
  {
    name: 'factory reset without the image', key: 'factory-reset-failed', id: '15013', severity: 'alert',
    detail: 'Factory reset failed: Factory reset failed',
    build: () => clusteredArmed(false), raise: byRestart,
    lower: (r) => {
      r.peer.placeFactoryResetImage();
      r.peer.restart(); // the next reset attempt starts: 15013 gives way to 15009
    },
  },
  {
    name: 'inconsistent system key on X14+ at boot', key: 'key-file-update-failed', id: '40055', severity: 'warning',
    detail: 'Failed to update key file: Failed to update system key file due to inconsistent state',
    build: () => buildPeer({ poweredOn: false, system: { version: 'X14.0.1', systemKeyInconsistent: true } }),
    raise: (r) => {
      r.peer.send({ type: 'POWER_ON' });
      r.queue.advance(TIMINGS.bootDurationMs);
    },
    lower: (r) => r.peer.forceSystemKeyUpdate(),
  },
  {
    name: 'maintenance mode turned On', key: 'maintenance-mode', id: '15015', severity: 'warning',
    detail: 'Maintenance mode: The Expressway is in maintenance mode and will no longer accept calls and registrations',
    build: () => buildPeer(), raise: (r) => r.peer.save({ 'Maintenance Mode': 'On' }, CLI), lower: byRestart,
  },
];

const eventsFor = (rig: Rig, key: AlarmKey) =>
  traceOf(rig).filter((e) => (e.kind === 'alarm.raise' || e.kind === 'alarm.lower') && e.data.key === key).map((e) => e.kind);

const alarmLines = (rig: Rig, id: string, event: 'Alarm Raised' | 'Alarm Lowered'): string[] =>
  rig.logs.map(text).filter((l) => l.includes(`Event="${event}"`) && l.includes(`Id="${id}"`));

describe('alarms a peer raises itself', () => {
  for (const c of CASES) {
    it(`${c.id} (${c.name}): raised with a trace event, the "Raising alarm" line (management alarms) and an Alarm Raised line; lowered with a trace event and an Alarm Lowered line`, () => {
      const rig = c.build();
      const def = alarmDefinition(c.key);
      expect(rig.peer.alarms.has(c.key)).toBe(false);
      const firstLog = rig.logs.length;

      c.raise(rig);
      expect(rig.peer.alarms.has(c.key)).toBe(true);
      expect(rig.peer.alarms.list().find((a) => a.key === c.key)?.detail).toBe(c.detail);
      expect(eventsFor(rig, c.key)).toEqual(['alarm.raise']);
      expect(traceOf(rig, 'alarm.raise').find((e) => e.data.key === c.key)?.data).toEqual({ key: c.key, id: c.id });

      const lines = rig.logs.slice(firstLog).map(text);
      const raisedAt = lines.findIndex((l) => l.includes('Event="Alarm Raised"') && l.includes(`Id="${c.id}"`));
      expect(raisedAt, 'Alarm Raised line').toBeGreaterThanOrEqual(0);
      const raised = lines[raisedAt]!;
      expect(raised).toMatch(/ expc01 (management|alarm): Level="(WARN|ERROR|INFO)" Event="Alarm Raised" /);
      expect(raised).toContain(` ${def.process}: `);
      expect(raised).toContain(`Severity="${c.severity}"`);
      expect(raised).toContain(`Detail="${c.detail}"`);
      expect(raised).toContain(`UUID="${def.uuid}"`);
      // The management process's alarm manager writes its developer line first, naming the same
      // alarm definition (the seed's 20007); the alarm process's alarms have none (its 20004, 20006).
      const raising = lines.slice(0, raisedAt).filter((l) => l.includes('Detail="Raising alarm"') && l.includes(`UUID="${def.uuid}"`));
      expect(raising).toHaveLength(def.process === 'management' ? 1 : 0);
      if (def.process === 'management') expect(raising[0]).toContain('Module="developer.diagnostics.alarmmanager"');

      c.lower(rig);
      expect(rig.peer.alarms.has(c.key)).toBe(false);
      expect(eventsFor(rig, c.key)).toEqual(['alarm.raise', 'alarm.lower']);
      expect(alarmLines(rig, c.id, 'Alarm Raised')).toHaveLength(1);
      const lowered = alarmLines(rig, c.id, 'Alarm Lowered');
      expect(lowered).toHaveLength(1);
      expect(lowered[0]).toContain(`Detail="${c.detail}"`);
    });
  }
});

describe('alarm log lines: the seed layout (DOMAIN §10.2 C)', () => {
  it('20007 is logged by management: exactly as the seed shows it, after Raising alarm with Parameters="null"', () => {
    // The save happens at 09:00:00.000 UTC. The seed raises 20007 ≈0.2 s after the change
    // (DOMAIN §10.2 C); the peer may raise it at once or up to 250 ms later, so the time parts
    // come from the record, while every other character must match the seed's template.
    const rig = buildPeer();
    rig.peer.save({ 'Alternates Peer 1 Address': '10.0.0.11' }, CLI);
    rig.queue.advance(1_000);
    const raised = rig.logs.find((r) => r.fields.some(([k, v]) => k === 'Event' && v === 'Alarm Raised'))!;
    const raising = rig.logs.find((r) => r.fields.some(([k, v]) => k === 'Detail' && v === 'Raising alarm'))!;
    expect(raised.atMs).toBeGreaterThanOrEqual(raising.atMs);
    expect(raised.atMs).toBeLessThanOrEqual(250);
    const at = (ms: number) => ({ header: `2026-11-24T09:00:00.${String(ms).padStart(3, '0')}+00:00`, utc: `2026-11-24 09:00:00,${String(ms).padStart(3, '0')}` });
    const a = at(raised.atMs);
    expect(text(raised)).toBe(
      `${a.header} expc01 management: Level="WARN" Event="Alarm Raised" Id="20007" UUID="e2b8e3d1-b731-4d7d-b606-4682a8f0c2e6" Severity="warning" Detail="Restart required: Cluster configuration has been changed, however a restart is required for this to take effect" UTCTime="${a.utc}"`,
    );
    const b = at(raising.atMs);
    expect(text(raising)).toBe(
      `${b.header} expc01 management: UTCTime="${b.utc}" Module="developer.diagnostics.alarmmanager" Level="INFO" CodeLocation="alarmmanager(173)" Detail="Raising alarm" UUID="e2b8e3d1-b731-4d7d-b606-4682a8f0c2e6" Parameters="null"`,
    );
  });

  it('a TLS mode change raises 20007 and only 20007 (DOMAIN §10.2 D/E: the seed shows 20007 alone for it)', () => {
    const rig = buildPeer();
    rig.peer.save({ 'Alternates Cluster TLSVerificationMode': 'Enforce' }, CLI);
    expect(traceOf(rig, 'alarm.raise'), 'not before ≈0.2 s (DOMAIN §12)').toEqual([]);
    rig.queue.advance(TIMINGS.configChangeTo20007Ms);
    expect(traceOf(rig, 'alarm.raise').map((e) => e.data.id)).toEqual(['20007']);
    expect(traceOf(rig, 'alarm.raise').every((e) => e.atMs === TIMINGS.configChangeTo20007Ms)).toBe(true);
  });
});

describe('alarms: system key (DOMAIN §6.19)', () => {
  it.each(['X8.11.4', 'X12.6.2', 'X12.7'])('40055 is not raised on %s (before X14) even with an inconsistent key', (version) => {
    const rig = buildPeer({ system: { version, systemKeyInconsistent: true } });
    expect(rig.peer.alarms.has('key-file-update-failed')).toBe(false);
    expect(traceOf(rig, 'alarm.raise')).toEqual([]);
  });

  it('40055 on X14+ survives a restart and is cleared only by xCommand ForceSystemKeyUpdate', () => {
    const rig = buildPeer({ system: { version: 'X15.0.2', systemKeyInconsistent: true } });
    expect(rig.peer.alarms.has('key-file-update-failed')).toBe(true);
    restartAndWait(rig);
    expect(rig.peer.alarms.has('key-file-update-failed')).toBe(true);
    rig.peer.forceSystemKeyUpdate();
    expect(rig.peer.alarms.has('key-file-update-failed')).toBe(false);
    expect(rig.peer.system.systemKeyInconsistent).toBe(false);
    restartAndWait(rig);
    expect(rig.peer.alarms.has('key-file-update-failed')).toBe(false);
  });

  it('an upgrade from X12 to X14 with an inconsistent key raises 40055 once the new version runs', () => {
    const rig = buildPeer({ system: { version: 'X12.7', systemKeyInconsistent: true } });
    rig.peer.upgrade('X14.0.1');
    expect(rig.peer.alarms.has('key-file-update-failed')).toBe(false);
    restartAndWait(rig, 'reboot');
    expect(rig.peer.alarms.has('key-file-update-failed')).toBe(true);
  });
});

describe('alarms: raise and lower are idempotent', () => {
  it('raising an active alarm again adds no trace event and no log line; lowering twice lowers once', () => {
    const rig = buildPeer();
    rig.peer.alarms.raise('restart-required-ip');
    const traceCount = rig.trace.count;
    const logCount = rig.logs.length;
    rig.peer.alarms.raise('restart-required-ip');
    expect(rig.trace.count).toBe(traceCount);
    expect(rig.logs.length).toBe(logCount);
    rig.peer.alarms.lower('restart-required-ip');
    rig.peer.alarms.lower('restart-required-ip');
    expect(eventsFor(rig, 'restart-required-ip')).toEqual(['alarm.raise', 'alarm.lower']);
    expect(rig.peer.alarms.list()).toEqual([]);
  });

  it('a second pending cluster key does not raise 20007 again; one restart lowers it once', () => {
    const rig = buildPeer();
    savedCluster(rig, { 'Alternates Peer 1 Address': '10.0.0.11' });
    savedCluster(rig, { 'Alternates Cluster IPVersion': 'IPv6' });
    savedCluster(rig, { 'Alternates Peer 2 Address': '10.0.0.12' });
    expect(eventsFor(rig, 'restart-required-cluster-configuration')).toEqual(['alarm.raise']);
    expect(alarmLines(rig, '20007', 'Alarm Raised')).toHaveLength(1);
    restartAndWait(rig);
    expect(eventsFor(rig, 'restart-required-cluster-configuration')).toEqual(['alarm.raise', 'alarm.lower']);
  });

  it('saving a pending value back to the active one lowers its restart-required alarm without a restart', () => {
    const rig = buildPeer();
    rig.peer.save({ 'IP Gateway': '10.0.0.1' }, CLI);
    rig.peer.save({ 'IP Gateway': '' }, CLI);
    expect(eventsFor(rig, 'restart-required-ip')).toEqual(['alarm.raise', 'alarm.lower']);
  });
});
