// What each runbook condition reports on a running twin (src/runbook/conditions.ts): the verdict, the
// claim a report prints, and, when it fails, what was seen instead. A report reader acts on these
// sentences, so each kind is checked holding and failing, with its words.
import { describe, expect, it } from 'vitest';
import { checkCondition, conditionList, type Verdict } from '../../src/runbook/conditions.js';
import { forwardedLines } from '../../src/operator/index.js';
import type { Condition } from '../../src/runbook/schema.js';
import { CLI, MINUTE, REPLICATION_PERIOD, world, type Scenario } from '../helpers/world.js';

const NO_OUTPUT = { lastOutput: new Map<string, readonly string[]>() };

/** A two-peer cluster (expc01 primary, expc02) and a standalone expc03, settled. */
function settled(): Scenario {
  return world({ peers: 3, clustered: 2 }).after(5 * MINUTE);
}

const check = (w: Scenario, c: Condition, ctx = NO_OUTPUT): Verdict => checkCondition(w.twin, c, ctx);

describe('conditionList', () => {
  it('one condition is a list of one; a list is copied, not shared', () => {
    const one: Condition = { peer: 'expc01', state: 'running' };
    expect(conditionList(one)).toEqual([one]);
    const list: Condition[] = [one, { replicated: true }];
    const copy = conditionList(list);
    expect(copy).toEqual(list);
    expect(copy).not.toBe(list);
  });
});

describe('peer conditions: the claim, and what was seen when it fails', () => {
  const w = settled();

  it('alarm: by id, shown id or catalog key; present defaults to true', () => {
    expect(check(w, { peer: 'expc01', alarm: '40049' })).toEqual({ ok: true, claim: 'expc01: alarm 40049 raised' });
    expect(check(w, { peer: 'expc01', alarm: 'cluster-tls-permissive' })).toEqual({ ok: true, claim: 'expc01: alarm cluster-tls-permissive raised' });
    expect(check(w, { peer: 'expc01', alarm: '40049', present: false })).toEqual({ ok: false, claim: 'expc01: alarm 40049 not raised', seen: 'alarms: 40049' });
    expect(check(w, { peer: 'expc03', alarm: '40049' })).toEqual({ ok: false, claim: 'expc03: alarm 40049 raised', seen: 'alarms: none' });
    expect(check(w, { peer: 'expc03', alarm: '40049', present: false }).ok).toBe(true);
  });

  it('alarm by the id the twin shows for an alarm whose product id is not known ("29902 (twin)")', () => {
    // A clustered peer without an NTP server: 25002 and the id-less replication alarm (DOMAIN §3 R12).
    const v = settled();
    for (let n = 1; n <= 5; n++) v.peer(2).save({ [`NTP Server ${n} Address`]: '' });
    v.peer(2).restartAndWait();
    expect(check(v, { peer: 'expc02', alarm: '29902 (twin)' })).toEqual({ ok: true, claim: 'expc02: alarm 29902 (twin) raised' });
    expect(check(v, { peer: 'expc02', alarm: 'replication-ntp-unreachable' }).ok).toBe(true);
    // A failing alarm condition lists every alarm the peer shows, comma-separated.
    const shown = v.twin.observe('expc02').alarms.map((a) => a.shownId);
    expect(shown.length).toBeGreaterThan(1);
    expect(check(v, { peer: 'expc02', alarm: '20004' }).seen).toBe(`alarms: ${shown.join(', ')}`);
  });

  it('state', () => {
    expect(check(w, { peer: 'expc01', state: 'running' })).toEqual({ ok: true, claim: 'expc01: state running' });
    expect(check(w, { peer: 'expc01', state: 'restarting' })).toEqual({ ok: false, claim: 'expc01: state restarting', seen: 'state running' });
  });

  it('status of a Clustering page entry, and an empty entry', () => {
    expect(check(w, { peer: 'expc01', status: { entry: 2, is: 'Active' } })).toEqual({ ok: true, claim: 'expc01: Peer 2 shows "Active"' });
    expect(check(w, { peer: 'expc01', status: { entry: 1, is: 'Active' } })).toEqual({ ok: false, claim: 'expc01: Peer 1 shows "Active"', seen: '"This system"' });
    expect(check(w, { peer: 'expc01', status: { entry: 9, is: 'Active' } })).toEqual({ ok: false, claim: 'expc01: Peer 9 shows "Active"', seen: '""' });
  });

  it('status of an entry that failed says why', () => {
    const v = settled();
    v.partition([1], [2]);
    v.after(5 * MINUTE);
    const entry = v.twin.observe('expc01').clustering.entries[1]!;
    expect(entry.status).toBe('Failed');
    expect(entry.failure).toBeTruthy();
    expect(check(v, { peer: 'expc01', status: { entry: 2, is: 'Active' } })).toEqual({ ok: false, claim: 'expc01: Peer 2 shows "Active"', seen: `"Failed" (${entry.failure!})` });
  });

  it('certificate: Valid or Invalid from the entry\'s certificate line', () => {
    // Permissive, and the peers' certificates name neither the address nor the cluster: Invalid.
    expect(check(w, { peer: 'expc01', certificate: { entry: 2, is: 'Invalid' } })).toEqual({ ok: true, claim: 'expc01: Peer 2 certificate Invalid' });
    expect(check(w, { peer: 'expc01', certificate: { entry: 2, is: 'Valid' } }))
      .toEqual({ ok: false, claim: 'expc01: Peer 2 certificate Valid', seen: '"Certificate: Invalid (name-mismatch)"' });
    // The own entry shows no certificate line: neither word.
    expect(check(w, { peer: 'expc01', certificate: { entry: 1, is: 'Invalid' } })).toMatchObject({ ok: false, seen: '""' });
    expect(check(w, { peer: 'expc01', certificate: { entry: 9, is: 'Valid' } })).toMatchObject({ ok: false, seen: '""' });
  });

  it('database status', () => {
    expect(check(w, { peer: 'expc01', database: 'Active' })).toEqual({ ok: true, claim: 'expc01: cluster database status Active' });
    expect(check(w, { peer: 'expc01', database: 'Degraded' })).toEqual({ ok: false, claim: 'expc01: cluster database status Degraded', seen: 'Active' });
  });

  it('config (saved) and active: by the key\'s name as the tshell spells it; a wrong one is named with its value', () => {
    expect(check(w, { peer: 'expc01', config: { 'Alternates Cluster Name': 'cluster.example.com', 'Alternates ConfigurationPrimary': 1 } }))
      .toEqual({ ok: true, claim: 'expc01: saved Alternates Cluster Name = "cluster.example.com", Alternates ConfigurationPrimary = 1' });
    expect(check(w, { peer: 'expc01', config: { 'Alternates Cluster Name': 'other', 'Alternates ConfigurationPrimary': 1 } }))
      .toEqual({ ok: false, claim: 'expc01: saved Alternates Cluster Name = "other", Alternates ConfigurationPrimary = 1', seen: 'Alternates Cluster Name = "cluster.example.com"' });
    expect(check(w, { peer: 'expc03', active: { 'Alternates Cluster Name': 'cluster.example.com' } }))
      .toEqual({ ok: false, claim: 'expc03: active Alternates Cluster Name = "cluster.example.com"', seen: 'Alternates Cluster Name = ""' });
    // Every wrong value is named, comma-separated.
    expect(check(w, { peer: 'expc01', config: { 'Alternates Cluster Name': 'other', 'Alternates ConfigurationPrimary': 2 } }).seen)
      .toBe('Alternates Cluster Name = "cluster.example.com", Alternates ConfigurationPrimary = 1');
    // An empty value matches a key that is not set.
    expect(check(w, { peer: 'expc03', active: { 'Alternates Cluster Name': '' } }).ok).toBe(true);
  });

  it('a value the peer does not have (null) matches an expected null or empty value, and nothing else', () => {
    const v = world({ peers: 1, overrides: { 1: { certificate: null } } });
    expect(v.twin.observe('expc01').saved['Certificate Server']).toBeNull();
    expect(check(v, { peer: 'expc01', config: { 'Certificate Server': null } }).ok).toBe(true);
    expect(check(v, { peer: 'expc01', config: { 'Certificate Server': '' } }).ok).toBe(true);
    expect(check(v, { peer: 'expc01', config: { 'Certificate Server': 'x' } })).toMatchObject({ ok: false, seen: 'Certificate Server = null' });
  });

  it('saved and active differ until the restart that applies a change', () => {
    const v = settled();
    v.peer(3).save({ 'Alternates Cluster TLSVerificationMode': 'Enforcing' });
    expect(check(v, { peer: 'expc03', config: { 'Alternates Cluster TLSVerificationMode': 'Enforcing' } }).ok).toBe(true);
    expect(check(v, { peer: 'expc03', active: { 'Alternates Cluster TLSVerificationMode': 'Enforcing' } }))
      .toMatchObject({ ok: false, seen: 'Alternates Cluster TLSVerificationMode = "Permissive"' });
  });

  it('banner, version, factory reset', () => {
    expect(check(w, { peer: 'expc01', banner: false })).toEqual({ ok: true, claim: 'expc01: factory-reset banner not shown' });
    expect(check(w, { peer: 'expc01', banner: true })).toEqual({ ok: false, claim: 'expc01: factory-reset banner shown', seen: 'not shown' });
    expect(check(w, { peer: 'expc01', version: 'X14.3.1' })).toEqual({ ok: true, claim: 'expc01: software version X14.3.1' });
    expect(check(w, { peer: 'expc01', version: 'X15.0' })).toEqual({ ok: false, claim: 'expc01: software version X15.0', seen: 'X14.3.1' });
    expect(check(w, { peer: 'expc01', factoryReset: false })).toEqual({ ok: true, claim: 'expc01: was not factory reset' });
    expect(check(w, { peer: 'expc01', factoryReset: true })).toEqual({ ok: false, claim: 'expc01: was factory reset', seen: 'it was not' });
  });

  it('banner: shown once every Peer N address of a clustered peer is cleared and saved (DOMAIN §9.1)', () => {
    const v = settled();
    const clear: Record<string, string> = {};
    for (let n = 1; n <= 6; n++) clear[`Alternates Peer ${n} Address`] = '';
    v.peer(2).save(clear);
    expect(check(v, { peer: 'expc02', banner: true })).toEqual({ ok: true, claim: 'expc02: factory-reset banner shown' });
    expect(check(v, { peer: 'expc02', banner: false })).toEqual({ ok: false, claim: 'expc02: factory-reset banner not shown', seen: 'shown' });
  });

  it('factoryReset: a peer reset by the root script (its image in place) was factory reset', () => {
    const v = settled();
    v.twin.placeFactoryResetImage('expc03');
    v.twin.factoryReset('expc03');
    v.after(30 * MINUTE);
    expect(v.twin.wasFactoryReset('expc03')).toBe(true);
    expect(check(v, { peer: 'expc03', factoryReset: true })).toEqual({ ok: true, claim: 'expc03: was factory reset' });
    expect(check(v, { peer: 'expc03', factoryReset: false })).toEqual({ ok: false, claim: 'expc03: was not factory reset', seen: 'it was' });
  });

  it('log: a line containing the text, or none with present: false', () => {
    expect(check(w, { peer: 'expc01', log: 'Event="Application Start"' })).toEqual({ ok: true, claim: 'expc01: log has line containing "Event=\\"Application Start\\""' });
    expect(check(w, { peer: 'expc01', log: 'Event="Application Start"', present: false }))
      .toEqual({ ok: false, claim: 'expc01: log has no line containing "Event=\\"Application Start\\""', seen: 'found' });
    expect(check(w, { peer: 'expc01', log: 'no such text' })).toEqual({ ok: false, claim: 'expc01: log has line containing "no such text"', seen: 'not found' });
  });

  it('output: the last tshell output on that peer, the first six lines shown when it fails', () => {
    const lastOutput = new Map([['expc01', ['*s a', '*s b', '*s c', '*s d', '*s e', '*s f', '*s g']]]);
    expect(check(w, { peer: 'expc01', output: '*s g' }, { lastOutput })).toEqual({ ok: true, claim: 'expc01: last CLI output contains "*s g"' });
    expect(check(w, { peer: 'expc01', output: 'OK' }, { lastOutput }))
      .toEqual({ ok: false, claim: 'expc01: last CLI output contains "OK"', seen: '*s a | *s b | *s c | *s d | *s e | *s f' });
    expect(check(w, { peer: 'expc02', output: 'OK' }, { lastOutput })).toEqual({ ok: false, claim: 'expc02: last CLI output contains "OK"', seen: '' });
  });
});

describe('a condition the runner does not know (a runbook that skipped validation)', () => {
  it('fails, quoting it, instead of being read as another kind', () => {
    expect(check(settled(), { peer: 'expc01', reset: true } as never)).toEqual({ ok: false, claim: 'unknown condition {"peer":"expc01","reset":true}' });
  });
});

describe('counts within bounds', () => {
  const w = settled();

  it.each([
    [{}, true, '≤ ∞'], [{ min: 0 }, true, '≥ 0'], [{ min: 1 }, false, '≥ 1'], [{ max: 0 }, true, '≤ 0'],
    [{ min: 0, max: 0 }, true, '0..0'], [{ min: 1, max: 3 }, false, '1..3'],
  ])('registrations %j on a peer with none: %s', (bounds, ok, range) => {
    expect(check(w, { peer: 'expc01', registrations: bounds })).toEqual({ ok, claim: `expc01: endpoints registered ${range}`, ...(ok ? {} : { seen: '0' }) });
  });

  it('endpoints waiting for a peer: the bounds are inclusive on both ends', () => {
    expect(check(w, { endpointsWaiting: { max: 0 } })).toEqual({ ok: true, claim: 'endpoints waiting for a peer ≤ 0' });
    expect(check(w, { endpointsWaiting: { min: 1 } })).toEqual({ ok: false, claim: 'endpoints waiting for a peer ≥ 1', seen: '0' });
  });
});

describe('replicated', () => {
  it('holds on a settled cluster; a standalone peer is no subordinate', () => {
    expect(check(settled(), { replicated: true })).toEqual({ ok: true, claim: "every subordinate's replicated configuration equals its primary's" });
  });

  it('says so when there are no subordinates to compare', () => {
    expect(check(world({ peers: 1 }), { replicated: true })).toEqual({ ok: true, claim: "every subordinate's replicated configuration equals its primary's (no subordinates)" });
  });

  it('names the subordinate and the key that differ, until replication carries the change', () => {
    const w = settled();
    w.partition([1], [2]);
    w.peer(1).save({ 'H323 Gatekeeper TimeToLive': 600 });
    const seen = check(w, { replicated: true });
    expect(seen).toMatchObject({ ok: false, seen: 'expc02: H323 Gatekeeper TimeToLive' });
    w.heal().after(2 * REPLICATION_PERIOD);
    expect(check(w, { replicated: true }).ok).toBe(true);
  });

  it('names at most five differences', () => {
    const w = settled();
    w.partition([1], [2]);
    w.peer(1).save({ 'H323 Gatekeeper TimeToLive': 600, 'FindMe Mode': 'On', 'Call Routed Mode': 'Optimal' });
    const v = world({ peers: 3, clustered: 3 }).after(5 * MINUTE);
    v.partition([1], [2, 3]);
    v.peer(1).save({ 'H323 Gatekeeper TimeToLive': 600, 'FindMe Mode': 'On', 'Call Routed Mode': 'Optimal' });
    // Two subordinates × three keys: six differences, five shown.
    expect(check(v, { replicated: true }).seen!.split(', ')).toHaveLength(5);
    expect(check(w, { replicated: true }).seen!.split(', ')).toHaveLength(3);
  });

  it('finds the primary named by FQDN as well as by address', () => {
    const w = world({ peers: 3, clustered: 3, addressing: 'fqdn', primary: 2 }).after(5 * MINUTE);
    expect(check(w, { replicated: true })).toEqual({ ok: true, claim: "every subordinate's replicated configuration equals its primary's" });
    w.partition([2], [1, 3]);
    w.twin.save('expc02', { 'H323 Gatekeeper TimeToLive': 600 }, CLI);
    expect(check(w, { replicated: true })).toMatchObject({ ok: false, seen: 'expc01: H323 Gatekeeper TimeToLive, expc03: H323 Gatekeeper TimeToLive' });
  });


  it('a subordinate that lists its primary by FQDN finds it while the primary lists itself by address', () => {
    const w = settled();
    w.peer(2).save({ 'Alternates Peer 1 Address': 'expc01.example.com' });
    w.peer(2).restartAndWait();
    expect(w.twin.observe('expc02').clustering.entries[0]!.address).toBe('expc01.example.com');
    expect(w.twin.observe('expc01').clustering.entries[0]).toMatchObject({ address: '10.0.0.11', status: 'This system' });
    expect(check(w, { replicated: true })).toEqual({ ok: true, claim: "every subordinate's replicated configuration equals its primary's" });
  });

  it('and one that lists its primary by address while the primary lists itself by FQDN', () => {
    const w = settled();
    w.peer(1).save({ 'Alternates Peer 1 Address': 'expc01.example.com' });
    w.peer(1).restartAndWait();
    expect(w.twin.observe('expc01').clustering.entries[0]).toMatchObject({ address: 'expc01.example.com', status: 'This system' });
    expect(w.twin.observe('expc02').clustering.entries[0]!.address).toBe('10.0.0.11');
    expect(check(w, { replicated: true })).toEqual({ ok: true, claim: "every subordinate's replicated configuration equals its primary's" });
  });

  it('a subordinate whose Configuration primary names a peer that is not primary has no primary to compare with', () => {
    const w = world({ peers: 3, clustered: 3 }).after(5 * MINUTE);
    w.peer(3).save({ 'Alternates ConfigurationPrimary': 2 });
    w.peer(3).restartAndWait();
    expect(check(w, { replicated: true })).toEqual({
      ok: false, claim: "every subordinate's replicated configuration equals its primary's", seen: 'expc03: no joined primary at Peer 2',
    });
  });

  it('a primary whose subordinates are all down has none to compare, and says so', () => {
    const w = world({ peers: 2, clustered: 2 }).after(5 * MINUTE);
    w.peer(2).powerOff();
    expect(check(w, { replicated: true })).toEqual({ ok: true, claim: "every subordinate's replicated configuration equals its primary's (no subordinates)" });
  });

  it('a subordinate whose primary is down has no primary to compare with, and says so', () => {
    const w = settled();
    w.peer(1).powerOff();
    expect(check(w, { replicated: true })).toEqual({
      ok: false, claim: "every subordinate's replicated configuration equals its primary's (no subordinates)", seen: 'expc02: no joined primary at Peer 1',
    });
  });
});

describe('syslog', () => {
  const w = settled();

  it('every line in a format (default Legacy BSD): the claim names the format; a miss shows the count and the last line', () => {
    expect(check(w, { peer: 'expc01', syslog: { contains: 'Application Start' } }))
      .toEqual({ ok: true, claim: 'expc01: a syslog line in Legacy BSD format containing "Application Start"' });
    const miss = check(w, { peer: 'expc01', syslog: { format: 'IETF', contains: 'no such text' } });
    expect(miss).toMatchObject({ ok: false, claim: 'expc01: a syslog line in IETF format containing "no such text"' });
    // What the server would get: the count, and the last line cut to 160 characters.
    const lines = forwardedLines(w.twin.logLines('expc01'), { format: 'IETF', severity: 'Debug' });
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.at(-1)!.length).toBeGreaterThan(160);
    expect(miss.seen).toBe(`${lines.length} lines, none matching; last: ${lines.at(-1)!.slice(0, 160)}`);
    expect(check(w, { peer: 'expc01', syslog: { contains: 'no such text', present: false } }))
      .toEqual({ ok: true, claim: 'expc01: no syslog line in Legacy BSD format containing "no such text"' });
  });

  it('to a server slot with no address: nothing is forwarded, so only present: false holds', () => {
    expect(check(w, { peer: 'expc01', syslog: { server: 1, contains: 'x', present: false } }))
      .toEqual({ ok: true, claim: 'expc01: no syslog line to server 1 containing "x"' });
    expect(check(w, { peer: 'expc01', syslog: { server: 1, contains: 'x' } }))
      .toEqual({ ok: false, claim: 'expc01: a syslog line to server 1 containing "x"', seen: 'remote syslog server 1 has no address' });
  });
});

describe('syslog to a configured server', () => {
  const w = settled();
  w.peer(1).save({ 'Logging Server 1 Address': '10.0.0.200', 'Logging Server 1 Format': 'IETF', 'Logging Server 1 Severity': 'Debug' });
  w.after(MINUTE);

  it('without a format: the lines that server gets, in its own format', () => {
    expect(check(w, { peer: 'expc01', syslog: { server: 1, contains: '<' } })).toEqual({ ok: true, claim: 'expc01: a syslog line to server 1 containing "<"' });
    expect(check(w, { peer: 'expc01', syslog: { server: 1, contains: 'no such text', present: false } }).ok).toBe(true);
  });

  it('a server whose severity filter passes nothing gets no line', () => {
    const quiet = settled();
    quiet.peer(1).save({ 'Logging Server 1 Address': '10.0.0.200', 'Logging Server 1 Severity': 'Emergency' });
    expect(check(quiet, { peer: 'expc01', syslog: { server: 1, contains: 'expc01' } })).toMatchObject({ ok: false, seen: '0 lines, none matching' });
  });

  it('with the format it is set to, the same; with another, a failure naming both', () => {
    expect(check(w, { peer: 'expc01', syslog: { server: 1, format: 'IETF', contains: '<' } }).ok).toBe(true);
    expect(check(w, { peer: 'expc01', syslog: { server: 1, format: 'Legacy BSD', contains: '<' } }))
      .toEqual({ ok: false, claim: 'expc01: a syslog line to server 1 containing "<" (Legacy BSD)', seen: 'server 1 is set to IETF' });
  });
});

describe('armed', () => {
  it('none: nothing armed anywhere, or on the named peer; a trap by id', () => {
    const w = settled();
    expect(check(w, { armed: 'none' })).toEqual({ ok: true, claim: 'no trap armed' });
    expect(check(w, { armed: 'none', peer: 'expc02' })).toEqual({ ok: true, claim: 'no trap armed on expc02' });
    expect(check(w, { armed: 'stale-member' })).toEqual({ ok: false, claim: 'trap stale-member armed', seen: 'nothing armed' });
  });

  it('what is armed is named with its peer, unless the condition names the peer already', () => {
    const w = settled();
    const clear: Record<string, string> = {};
    for (let n = 1; n <= 6; n++) clear[`Alternates Peer ${n} Address`] = '';
    w.peer(2).save(clear);
    expect(check(w, { armed: 'factory-reset' })).toEqual({ ok: true, claim: 'trap factory-reset armed' });
    expect(check(w, { armed: 'none' }).seen).toMatch(/^factory-reset \(expc02\): /);
    expect(check(w, { armed: 'none', peer: 'expc02' }).seen).toMatch(/^factory-reset: /);
    expect(check(w, { armed: 'none', peer: 'expc01' })).toEqual({ ok: true, claim: 'no trap armed on expc01' });
  });
});
