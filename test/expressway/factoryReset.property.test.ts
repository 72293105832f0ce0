// The cluster-triggered factory reset (DOMAIN §9.1, §9.3). A model-based property over random
// operator sequences — set/clear/restore the peer list, other edits, restarts, reboots, power cycles,
// placing the reset image, upgrades across X12.6 — plus scenario tests for each documented claim.
// The model keeps its own table of what survives (DOMAIN §9.1), checked once against
// keptByFactoryReset, and never asks the twin whether a reset is due (STYLE R12).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultConfig, type Config, type ConfigValue, type OptionKey } from '../../src/expressway/config/schema.js';
import { keptByFactoryReset } from '../../src/expressway/factoryReset.js';
import { TIMINGS } from '../../src/expressway/timings.js';
import { FC_SEED } from '../setup.js';
import { alarmIds, buildPeer, CLI, EPOCH_UTC_MS, peerListEdits, restartAndWait, traceOf, type Rig } from './helpers.js';

// DOMAIN §9.1 "Preserved (LAN1 only)": IP settings, admin/root passwords, option keys, HTTPS and SSH.
const KEPT_ALWAYS = [
  'Ethernet 1 IP V4 Address', 'Ethernet 1 IP V4 SubnetMaskLength', 'Ethernet 1 IP V6 Address', 'IP Gateway',
  'Administration AdminPassword', 'Administration RootPassword', 'Option Keys', 'Administration HTTPS Mode', 'Administration SSH Mode',
];
// "from X12.6 also the server certificate, its private key and the CA trust store" are deleted.
const KEPT_BEFORE_X12_6 = ['Certificate Server', 'Certificate TrustedCAs'];
/** Versions in ascending order; the model compares by index, not with the twin's comparator. */
const VERSIONS = ['X8.11.4', 'X12.5.9', 'X12.6.0', 'X14.3.1', 'X15.0.2'] as const;
const BEFORE_X12_6 = new Set<string>(['X8.11.4', 'X12.5.9']);

function keptBy(version: string): string[] {
  return BEFORE_X12_6.has(version) ? [...KEPT_ALWAYS, ...KEPT_BEFORE_X12_6] : KEPT_ALWAYS;
}

const CERT = { cn: 'expc01.example.com', sans: ['expc01.example.com'], issuer: 'Example Issuing CA', notBeforeMs: EPOCH_UTC_MS, notAfterMs: EPOCH_UTC_MS + 365 * 86_400_000 };
const OPTION_KEYS: readonly OptionKey[] = [{ key: '116341E00-1-AAAAAAAA', kind: 'feature', description: 'Advanced Networking' }];

/**
 * Non-default values everywhere, so both "kept" and "wiped" are visible: a kept key left at its
 * default would survive a reset that wipes it (checked below, for every key any version keeps).
 */
const INITIAL_OTHER: Record<string, ConfigValue> = {
  'SystemUnit Name': 'Edge A', 'H323 Mode': 'Off', 'Alternates Cluster Name': 'cluster1.example.com',
  'Ethernet 2 IP V4 Address': '192.168.10.11', 'Ethernet 1 IP V4 SubnetMaskLength': 16, 'IP Gateway': '10.0.0.1',
  'Ethernet 1 IP V6 Address': '2001:db8::11',
  'Administration AdminPassword': 's3cret', 'Administration RootPassword': 'r00t-s3cret',
  'Administration SSH Mode': 'Off', 'Administration HTTPS Mode': 'Off', 'Option Keys': OPTION_KEYS,
  'Certificate Server': CERT, 'Certificate TrustedCAs': ['Example Root CA'],
};

/** Edits the ChangeOther command makes: [key, typed value, restart-flagged]. */
const OTHER_EDITS: readonly (readonly [string, unknown, boolean])[] = [
  ['SystemUnit Name', 'Edge B', false],
  ['H323 Mode', 'On', false],
  ['Ethernet 2 IP V4 Address', '192.168.10.21', true],
  ['Ethernet 1 IP V4 Address', '10.0.0.21', true],
  ['Administration AdminPassword', 'n3w-s3cret', false],
  ['Administration RootPassword', 'n3w-r00t', false],
  ['Administration HTTPS Mode', 'On', false],
  ['Ethernet 1 IP V6 Address', '2001:db8::21', true],
  ['Option Keys', [], true],
  ['Certificate Server', null, true],
  ['Certificate TrustedCAs', ['Other Root CA'], false],
  ['IP DNS Hostname', 'edge-a', false],
];

const ADDRESSES = ['10.0.0.11', '10.0.0.12', 'expc03.example.com', '10.0.0.14'];
const EMPTY = ['', '', '', '', '', ''];

interface Model {
  savedList: string[];
  activeList: string[];
  /** while a reset is pending: the running list whose exact restore, same order, cancels it (DOMAIN §9.1) */
  cancelList?: string[];
  /** saved values of the keys OTHER_EDITS touches and of INITIAL_OTHER (immediate ones are active too) */
  pendingOther: Map<string, unknown>;
  image: boolean;
  versionIndex: number;
  stagedIndex?: number;
  /** 15013 is shown */
  failedShown: boolean;
  resets: number;
}

const pad = (list: readonly string[]): string[] => [...list, ...EMPTY].slice(0, 6);
const sameList = (a: readonly string[], b: readonly string[]): boolean => a.join('|') === b.join('|');
/**
 * DOMAIN §9.1 with the list ordered (§5.1): clearing every field while a list runs arms the reset;
 * only saving that list again, same order, cancels it — any other list (re-ordered too) keeps it.
 */
function follow(m: Model): void {
  if (!m.activeList.some((a) => a !== '')) delete m.cancelList;
  else if (m.savedList.every((a) => a === '')) m.cancelList ??= [...m.activeList];
  else if (m.cancelList && sameList(m.savedList, m.cancelList)) delete m.cancelList;
}
const armed = (m: Model): boolean => m.cancelList !== undefined && m.activeList.some((a) => a !== '');
const listOf = (c: Config): string[] => [1, 2, 3, 4, 5, 6].map((n) => String(c[`Alternates Peer ${n} Address`]));

function checkModel(m: Model, r: Rig): void {
  expect(r.peer.factoryResetArmed(), 'banner (armed)').toBe(armed(m));
  expect(listOf(r.peer.config.saved), 'saved peer list').toEqual(m.savedList);
  expect(listOf(r.peer.config.active), 'active peer list').toEqual(m.activeList);
  expect(r.peer.system.version).toBe(VERSIONS[m.versionIndex]);
  expect(r.peer.system.stagedVersion).toBe(m.stagedIndex === undefined ? undefined : VERSIONS[m.stagedIndex]);
  expect(r.peer.system.factoryResetImage).toBe(m.image);
  expect(r.peer.alarms.has('factory-reset-failed'), '15013 shown').toBe(m.failedShown);
  expect(r.peer.alarms.has('factory-reset-started'), '15009 only during a reset').toBe(false);
  expect(traceOf(r, 'peer.factory-reset').filter((e) => e.data.ok === true).length, 'successful resets').toBe(m.resets);
  expect(r.peer.state).toBe('running');
}

type Cmd = fc.Command<Model, Rig>;

const setList = (list: readonly string[]): Cmd => ({
  check: () => true,
  run(m, r) {
    r.peer.save(peerListEdits(list), CLI);
    m.savedList = pad(list);
    follow(m);
    checkModel(m, r);
  },
  toString: () => (list.length === 0 ? 'expc01: clear every Peer N address, Save' : `expc01: set Peer list ${list.join(', ')}, Save`),
});

const restoreList: Cmd = {
  check: (m) => m.activeList.some((a) => a !== ''),
  run(m, r) {
    r.peer.save(peerListEdits(m.activeList), CLI);
    m.savedList = [...m.activeList];
    follow(m);
    // Restoring the same list, same order, disarms: banner gone (DOMAIN §9.1 "Cancel").
    expect(r.peer.factoryResetArmed()).toBe(false);
    checkModel(m, r);
  },
  toString: () => 'expc01: restore the running Peer list, Save',
};

/** The running list's addresses, saved in another order (rotated by one): not the cancel. */
const restoreReordered: Cmd = {
  check: (m) => m.activeList.filter((a) => a !== '').length >= 2,
  run(m, r) {
    const running = m.activeList.filter((a) => a !== '');
    const rotated = [...running.slice(1), running[0]!];
    const wasArmed = armed(m);
    r.peer.save(peerListEdits(rotated), CLI);
    m.savedList = pad(rotated);
    follow(m);
    // The same addresses in another order are another list: a pending reset stays pending.
    expect(r.peer.factoryResetArmed()).toBe(wasArmed);
    checkModel(m, r);
  },
  toString: () => 'expc01: re-type the running Peer list in another order, Save',
};

const changeOther = (key: string, value: unknown): Cmd => ({
  check: () => true,
  run(m, r) {
    r.peer.save({ [key]: value }, CLI);
    m.pendingOther.set(key, value);
    expect(r.peer.config.saved[key]).toEqual(value);
    checkModel(m, r);
  },
  toString: () => `expc01: xConfiguration ${key}: ${JSON.stringify(value)}`,
});

const placeImage: Cmd = {
  check: () => true,
  run(m, r) {
    r.peer.placeFactoryResetImage();
    m.image = true;
    checkModel(m, r);
  },
  toString: () => 'root@expc01: scp tandberg-image.tar.gz /mnt/harddisk/factory-reset/',
};

const upgrade = (index: number): Cmd => ({
  check: (m) => index >= (m.stagedIndex ?? m.versionIndex),
  run(m, r) {
    r.peer.upgrade(VERSIONS[index]!);
    m.stagedIndex = index;
    m.image = true; // DOMAIN §9.3 fix A
    checkModel(m, r);
  },
  toString: () => `expc01: Maintenance > Upgrade ${VERSIONS[index]}`,
});

const restart = (how: 'restart' | 'reboot' | 'power-cycle'): Cmd => ({
  check: () => true,
  run(m, r) {
    const willReset = armed(m);
    const before = r.peer.config.saved;
    const startMs = r.queue.nowMs;
    if (how === 'restart') r.peer.restart();
    else if (how === 'reboot') r.peer.reboot();
    else {
      r.peer.send({ type: 'POWER_OFF' });
      r.queue.advance(60_000);
      r.peer.send({ type: 'POWER_ON' });
    }
    if (willReset) {
      // 15009 is up while the reset runs (DOMAIN §9.2, §5.5).
      expect(r.peer.state).toBe('factoryResetting');
      expect(r.peer.alarms.has('factory-reset-started')).toBe(true);
      expect(r.peer.alarms.has('factory-reset-failed')).toBe(false);
    }
    const deadline = r.queue.nowMs + TIMINGS.factoryResetOnRestartMs + TIMINGS.rebootDurationMs;
    r.queue.runUntilTrue(() => r.peer.state === 'running', deadline, { maxEvents: 1_000 });
    expect(r.peer.state).toBe('running');
    const took = r.queue.nowMs - startMs - (how === 'power-cycle' ? 60_000 : 0);
    const versionAtReset = VERSIONS[m.versionIndex]!;
    if (willReset || how !== 'restart') {
      if (m.stagedIndex !== undefined) m.versionIndex = m.stagedIndex;
      delete m.stagedIndex;
    }
    if (!willReset) {
      expect(took).toBe(how === 'restart' ? TIMINGS.restartDurationMs : how === 'reboot' ? TIMINGS.rebootDurationMs : TIMINGS.bootDurationMs);
      m.activeList = [...m.savedList];
      follow(m);
      for (const [k, v] of m.pendingOther) expect(r.peer.config.active[k], `active ${k} after restart`).toEqual(v);
    } else if (!m.image) {
      // Fresh OVA: the reset fails, nothing is lost, and the trigger stays armed (DOMAIN §9.3).
      expect(took).toBe(TIMINGS.factoryResetOnRestartMs);
      m.failedShown = true;
      expect(r.peer.config.saved).toEqual(before);
    } else {
      expect(took).toBe(TIMINGS.factoryResetOnRestartMs);
      m.failedShown = false;
      m.resets++;
      const expected: Record<string, ConfigValue> = { ...defaultConfig() };
      for (const k of keptBy(versionAtReset)) expected[k] = before[k] ?? null;
      expect(r.peer.config.saved).toEqual(expected);
      expect(r.peer.config.active).toEqual(expected);
      expect(r.peer.config.active['Ethernet 2 IP V4 Address']).toBe('');
      m.savedList = [...EMPTY];
      m.activeList = [...EMPTY];
      follow(m);
      m.pendingOther = new Map(keptBy(versionAtReset).filter((k) => m.pendingOther.has(k)).map((k) => [k, before[k]]));
    }
    checkModel(m, r);
  },
  toString: () => `expc01: ${how === 'restart' ? 'xCommand Restart' : how === 'reboot' ? 'xCommand Boot' : 'power off, power on'}`,
});

const listArb = fc.shuffledSubarray(ADDRESSES, { minLength: 1, maxLength: 4 });
const commands = [
  listArb.map(setList),
  fc.constant(setList([])),
  fc.constant(setList([])),
  fc.constant(restoreList),
  fc.constant(restoreReordered),
  fc.constantFrom(...OTHER_EDITS).map(([k, v]) => changeOther(k, v)),
  fc.constantFrom<'restart' | 'reboot' | 'power-cycle'>('restart', 'restart', 'reboot', 'power-cycle').map(restart),
  fc.constant(placeImage),
  fc.integer({ min: 0, max: VERSIONS.length - 1 }).map(upgrade),
];

describe(`factory reset (fast-check seed ${FC_SEED})`, () => {
  it('a reset happens iff the trigger was armed at restart and the image is present; it keeps exactly the DOMAIN §9.1 keys for the running version; without the image 15013 shows and everything is kept, still armed', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 2, 3),
        fc.boolean(),
        fc.oneof(fc.constant([] as string[]), listArb),
        fc.commands(commands, { maxCommands: 25, size: 'max' }),
        (versionIndex, image, initialList, cmds) => {
          const setup = () => {
            const real = buildPeer({ system: { version: VERSIONS[versionIndex]!, factoryResetImage: image }, config: { ...INITIAL_OTHER, ...peerListEdits(initialList) } });
            const model: Model = {
              savedList: pad(initialList), activeList: pad(initialList), pendingOther: new Map(Object.entries(INITIAL_OTHER)),
              image, versionIndex, failedShown: false, resets: 0,
            };
            checkModel(model, real);
            return { model, real };
          };
          fc.modelRun(setup, cmds);
        },
      ),
    );
  });
});

describe('factory reset: what survives (DOMAIN §9.1)', () => {
  it('the property starts with every value any version\'s reset keeps set to a non-default, so wiping any of them shows', () => {
    const start = buildPeer({ config: INITIAL_OTHER }).peer.config.saved;
    const defaults = defaultConfig();
    const atDefault = [...KEPT_ALWAYS, ...KEPT_BEFORE_X12_6].filter((k) => JSON.stringify(start[k]) === JSON.stringify(defaults[k]));
    expect(atDefault).toEqual([]);
  });

  it.each(VERSIONS)('keptByFactoryReset(%s) is exactly the documented list for that version', (version) => {
    expect([...keptByFactoryReset(version)].sort()).toEqual(keptBy(version).sort());
  });

  it.each([
    ['X12.5.9', true],
    ['X14.3.1', false],
  ] as const)('on %s the server certificate and trust store survive: %s; LAN2 and the cluster settings never do', (version, certsKept) => {
    const rig = buildPeer({ system: { version }, config: { ...INITIAL_OTHER, ...peerListEdits(['10.0.0.11', '10.0.0.12']) } });
    rig.peer.save(peerListEdits([]), CLI);
    restartAndWait(rig);
    const c = rig.peer.config.active;
    expect(c['Certificate Server']).toEqual(certsKept ? CERT : null);
    expect(c['Certificate TrustedCAs']).toEqual(certsKept ? ['Example Root CA'] : []);
    expect(c['Ethernet 1 IP V4 Address']).toBe('10.0.0.11');
    expect(c['Ethernet 1 IP V4 SubnetMaskLength']).toBe(16);
    expect(c['IP Gateway']).toBe('10.0.0.1');
    expect(c['Ethernet 1 IP V6 Address']).toBe('2001:db8::11');
    expect(c['Administration AdminPassword']).toBe('s3cret');
    expect(c['Administration RootPassword']).toBe('r00t-s3cret');
    expect(c['Administration SSH Mode']).toBe('Off');
    expect(c['Administration HTTPS Mode']).toBe('Off');
    expect(c['Option Keys']).toEqual(OPTION_KEYS);
    expect(c['Ethernet 2 IP V4 Address']).toBe('');
    expect(c['Alternates Cluster Name']).toBe('');
    expect(c['H323 Mode']).toBe('On');
    expect(c['SystemUnit Name']).toBe('');
    expect(c['IP DNS Hostname']).toBe('');
  });
});

describe('factory reset: scenarios (DOMAIN §9.1, §9.3)', () => {
  const clustered = () => buildPeer({ config: peerListEdits(['10.0.0.11', '10.0.0.12']) });

  it('clearing every Peer N field arms the reset (banner) without changing anything at save time', () => {
    const rig = clustered();
    rig.peer.save(peerListEdits([]), CLI);
    expect(rig.peer.factoryResetArmed()).toBe(true);
    expect(listOf(rig.peer.config.active)).toEqual(pad(['10.0.0.11', '10.0.0.12']));
    expect(rig.peer.state).toBe('running');
    expect(traceOf(rig, 'peer.factory-reset')).toEqual([]);
  });

  it('clearing the list of a peer that never ran clustered does not arm anything', () => {
    const rig = buildPeer();
    rig.peer.save(peerListEdits(['10.0.0.11']), CLI);
    rig.peer.save(peerListEdits([]), CLI);
    expect(rig.peer.factoryResetArmed()).toBe(false);
    restartAndWait(rig);
    expect(traceOf(rig, 'peer.factory-reset')).toEqual([]);
  });

  it('restoring the same list, same order, disarms: banner gone, the restart is an ordinary one', () => {
    const rig = clustered();
    rig.peer.save(peerListEdits([]), CLI);
    rig.peer.save(peerListEdits(['10.0.0.11', '10.0.0.12']), CLI);
    expect(rig.peer.factoryResetArmed()).toBe(false);
    restartAndWait(rig);
    expect(traceOf(rig, 'peer.factory-reset')).toEqual([]);
    expect(rig.queue.nowMs).toBe(TIMINGS.restartDurationMs);
    expect(rig.peer.config.active['IP DNS Hostname']).toBe('expc01');
  });

  it('15009 "Factory reset started" is raised when the reset starts and lowered when it ends', () => {
    const rig = clustered();
    rig.peer.save(peerListEdits([]), CLI);
    restartAndWait(rig);
    const e = traceOf(rig).filter((x) => x.data.id === '15009');
    expect(e.map((x) => [x.kind, x.atMs])).toEqual([['alarm.raise', 0], ['alarm.lower', TIMINGS.factoryResetOnRestartMs]]);
  });

  it('fresh OVA without the image: 15013 "Factory reset failed", configuration kept, still armed; after placeFactoryResetImage() the next restart resets', () => {
    const rig = buildPeer({ system: { factoryResetImage: false }, config: peerListEdits(['10.0.0.11', '10.0.0.12']) });
    rig.peer.save(peerListEdits([]), CLI);
    const before = rig.peer.config.saved;
    restartAndWait(rig);
    expect(alarmIds(rig)).toContain('15013');
    expect(rig.peer.alarms.list().find((a) => a.def.id === '15013')?.detail).toBe('Factory reset failed: Factory reset failed');
    expect(rig.peer.config.saved).toEqual(before);
    expect(rig.peer.config.active['IP DNS Hostname']).toBe('expc01');
    expect(rig.peer.factoryResetArmed()).toBe(true);
    rig.peer.placeFactoryResetImage();
    restartAndWait(rig);
    expect(traceOf(rig, 'peer.factory-reset').map((e) => e.data.ok)).toEqual([false, true]);
    expect(rig.peer.alarms.has('factory-reset-failed')).toBe(false);
    expect(rig.peer.config.active['IP DNS Hostname']).toBe('');
  });

  it('fresh OVA without the image: an upgrade puts the image in place (fix A), and the next restart resets', () => {
    const rig = buildPeer({ system: { factoryResetImage: false }, config: peerListEdits(['10.0.0.11', '10.0.0.12']) });
    rig.peer.save(peerListEdits([]), CLI);
    restartAndWait(rig);
    rig.peer.upgrade('X15.0.2');
    restartAndWait(rig);
    expect(traceOf(rig, 'peer.factory-reset').map((e) => e.data.ok)).toEqual([false, true]);
    expect(rig.peer.factoryResetArmed()).toBe(false);
  });

  it('after a failed reset, restoring the list and restarting activates values saved meanwhile (15013 does not block later restarts)', () => {
    const rig = buildPeer({ system: { factoryResetImage: false }, config: peerListEdits(['10.0.0.11', '10.0.0.12']) });
    rig.peer.save(peerListEdits([]), CLI);
    restartAndWait(rig);
    rig.peer.save({ ...peerListEdits(['10.0.0.11', '10.0.0.12']), 'IP Gateway': '10.0.0.254' }, CLI);
    restartAndWait(rig);
    expect(rig.peer.config.active['IP Gateway']).toBe('10.0.0.254');
    expect(rig.peer.alarms.has('restart-required-ip')).toBe(false);
  });

  it('a power cycle is a restart too: an armed peer resets when powered on again', () => {
    const rig = clustered();
    rig.peer.save(peerListEdits([]), CLI);
    rig.peer.send({ type: 'POWER_OFF' });
    rig.peer.send({ type: 'POWER_ON' });
    expect(rig.peer.state).toBe('factoryResetting');
    rig.queue.advance(TIMINGS.factoryResetOnRestartMs);
    expect(rig.peer.state).toBe('running');
    expect(traceOf(rig, 'peer.factory-reset').map((e) => e.data.ok)).toEqual([true]);
  });

  it('configuration saved between arming and the restart is lost too (DOMAIN §9.1)', () => {
    const rig = clustered();
    rig.peer.save(peerListEdits([]), CLI);
    rig.peer.save({ 'SystemUnit Name': 'saved after arming', 'Ethernet 2 IP V4 Address': '192.168.10.99' }, CLI);
    restartAndWait(rig);
    expect(rig.peer.config.active['SystemUnit Name']).toBe('');
    expect(rig.peer.config.active['Ethernet 2 IP V4 Address']).toBe('');
  });
});
