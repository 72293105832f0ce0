// The invariant catalog (src/check/invariants, STYLE R11): every invariant is shown holding on a run
// where its property is true and breaking on one where it is false. Real twins and runbooks break
// them where the twin can produce the violation; where a correct twin cannot, the run is doctored in
// exactly one place — a trace event removed or added, one observation that lies — because a checker
// exists to catch a twin with that very bug.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { Trace } from '../../sim/index.js';
import { NO_FAULTS, type CheckCase } from '../../src/check/case.js';
import { INVARIANTS, SAME_TRACE, invariantNames, type CheckedRun, type Invariant } from '../../src/check/invariants/catalog.js';
import { runCase } from '../../src/check/runCase.js';
import { parseRunbook } from '../../src/runbook/load.js';
import type { Runbook } from '../../src/runbook/schema.js';
import {
  createTwin, type Certificate, type Platform, type PeerObservation, type Topology,
} from '../../src/twin.js';
import { ROOT } from '../arch/sources.js';
import { runRunbook } from '../../src/runbook/run.js';
import { FORCED, RESTART_YAML, runbookOf, withLifecycleCrash } from '../helpers/modelFault.js';
import { checkedWorld, clustered, event, expectBroken, inv, lyingTwin, withEvents } from '../helpers/checkedRun.js';
import { MINUTE, SECOND } from '../helpers/world.js';


const ADD_PEER = 'scenarios/procedures/add-peer.yaml';
const RESET_TRAP = 'scenarios/wrong-way/factory-reset-trap.yaml';
const RETYPE = 'scenarios/wrong-way/retype-peer-list.yaml';
const ENFORCE = 'scenarios/procedures/enforce-tls.yaml';
const BAD_CERT = 'scenarios/wrong-way/enforce-with-bad-certificate.yaml';
const OLD_PRIMARY_DOWN = 'scenarios/procedures/change-primary-old-primary-down.yaml';

const loaded = new Map<string, Runbook>();
function load(file: string): Runbook {
  const hit = loaded.get(file);
  if (hit) return hit;
  const r = parseRunbook(readFileSync(join(ROOT, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  loaded.set(file, r.runbook);
  return r.runbook;
}

/** Exactly what runCase hands its invariants (captured by a spy invariant), after faults, healing and settling. */
const cases = new Map<string, CheckedRun>();
function checkedCase(runbook: Runbook, c: CheckCase = NO_FAULTS): CheckedRun {
  const key = `${runbook.name}/${JSON.stringify(runbook.topology)}/${JSON.stringify(c)}`;
  const hit = cases.get(key);
  if (hit) return hit;
  let seen: CheckedRun | undefined;
  const spy: Invariant = { name: 'spy', class: 'safety', description: 'captures what invariants see', check: (r) => ((seen = r), { ok: true }) };
  const r = runCase(runbook, c, { seed: runbook.seed ?? 1, invariants: [spy] });
  if (!seen) throw new Error(`the run crashed: ${r.failures[0]?.message ?? '?'}`);
  cases.set(key, seen);
  return seen;
}

const resets = (r: CheckedRun, peer?: string) =>
  r.run.events.filter((e) => e.kind === 'peer.factory-reset' && e.data.ok === true && (peer === undefined || e.source === peer));

// ── The catalog ──────────────────────────────────────────────────────────────────────────────

/** Each name here has its own describe block below with a case where it holds and one where it breaks. */
const COVERED = [
  'converges', 'single-primary', 'no-unplanned-factory-reset', 'no-reset-without-trigger', 'reset-keeps-documented-set',
  'enforcing-links-match-certificates', 'alarms-follow-conditions', 'alarms-held', 'capacity-rule', 'primary-config-kept',
  'no-model-fault',
];

describe('invariant catalog', () => {
  it('names are unique', () => {
    const names = INVARIANTS.map((i) => i.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain(SAME_TRACE.name);
  });

  it('every entry has a one-line description and a class (safety or liveness)', () => {
    for (const i of INVARIANTS) {
      expect(i.name, 'kebab-case name').toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(i.description.trim().length, `${i.name} has a description`).toBeGreaterThan(10);
      expect(i.description, `${i.name}: one line`).not.toMatch(/\n/);
      expect(['safety', 'liveness', 'crash'], `${i.name} has a class`).toContain(i.class);
    }
  });

  it("invariantNames() lists the catalog plus the campaign's same-seed-same-trace check", () => {
    expect(invariantNames()).toEqual([...INVARIANTS.map((i) => i.name), SAME_TRACE.name]);
  });

  it('every invariant in INVARIANTS has a holds and a breaks case in this file', () => {
    // Adding an invariant without tests here fails this (and removing one leaves dead tests).
    expect([...INVARIANTS.map((i) => i.name)].sort()).toEqual([...COVERED].sort());
  });
});

describe('CheckedRun: what runCase hands the invariants', () => {
  it('the whole trace, liveness phase included, with endMs at the end of it', () => {
    // A liveness invariant judged on the trace as it stood before healing would judge the wrong moment.
    const r = checkedCase(load(ADD_PEER));
    expect(r.run.endMs).toBe(r.twin.nowMs);
    expect(r.healedAtMs).toBeLessThan(r.run.endMs);
    expect(r.run.events.at(-1)!.atMs).toBeGreaterThan(r.healedAtMs);
  });

  it('is built without hashing the trace (regression: spreading the run called its lazy traceHash getter)', () => {
    // Hashing a whole trace costs about as much as the run: a campaign must only pay for it when asked.
    const hash = vi.spyOn(Trace.prototype, 'hash');
    try {
      runCase(load(ADD_PEER), NO_FAULTS, { seed: 7, invariants: INVARIANTS });
      expect(hash).not.toHaveBeenCalled();
      runCase(load(ADD_PEER), NO_FAULTS, { seed: 7, invariants: INVARIANTS, withHash: true });
      expect(hash, 'the spy does see a hash when one is asked for').toHaveBeenCalled();
    } finally {
      hash.mockRestore();
    }
  });
});

// ── Liveness: convergence and one primary ────────────────────────────────────────────────────

describe('converges (liveness)', () => {
  it(`holds: ${ADD_PEER} after healing — both subordinates hold the primary's replicated configuration`, () => {
    // The procedure's own end state, after runCase's liveness phase: the case the invariant exists to pass.
    const r = checkedCase(load(ADD_PEER));
    // Not vacuous: two joined subordinates whose primary is joined are compared.
    const subs = r.twin.peerNames().map((n) => r.twin.observe(n)).filter((o) => o.clustering.joined && !o.clustering.isPrimary);
    expect(subs.map((o) => o.name)).toEqual(['expc02', 'expc03']);
    expect(inv('converges').check(r)).toEqual({ ok: true });
  });

  it('breaks: a subordinate still partitioned misses a change saved on the primary; holds again once healed', () => {
    // Same world before and after healing: the partition is the only thing that differs between the verdicts.
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(2 * MINUTE);
    s.peer(3).partitionFrom([1, 2]);
    s.peer(1).save({ 'H323 Mode': 'Off' });
    s.after(10 * MINUTE); // five replication periods: only the partition can explain the difference
    expectBroken(inv('converges').check(checkedWorld(s, topology)), /expc03 has not converged to expc01: .*H323 Mode/);
    s.heal().after(6 * MINUTE);
    expect(inv('converges').check(checkedWorld(s, topology))).toEqual({ ok: true });
  });
});

describe('single-primary (liveness)', () => {
  it(`holds: ${ADD_PEER} — three peers agree on Peer 1 and only expc01 considers itself primary`, () => {
    // Every peer's own view is read (primaryIndex), so agreement is shown, not assumed.
    const r = checkedCase(load(ADD_PEER));
    expect(r.twin.peerNames().map((n) => r.twin.observe(n).clustering.primaryIndex)).toEqual([1, 1, 1]);
    expect(inv('single-primary').check(r)).toEqual({ ok: true });
  });

  it(`holds: ${OLD_PRIMARY_DOWN} — the revived old primary the others removed is not in their cluster`, () => {
    // Two peers think they are primary, yet the invariant holds: it must count clusters, not peers.
    const r = checkedCase(load(OLD_PRIMARY_DOWN));
    // Not vacuous: expc01 came back still believing it is primary, outside the cluster of the other two.
    expect(r.twin.observe('expc01').clustering.isPrimary).toBe(true);
    expect(r.twin.observe('expc02').clustering.isPrimary).toBe(true);
    expect(inv('single-primary').check(r)).toEqual({ ok: true });
  });

  it('breaks: two peers left disagreeing on ConfigurationPrimary (expc02 set to 2, expc01 still 1)', () => {
    // The same two-peer world holds first; one local save on one peer is the only change before it breaks.
    const { s, topology } = clustered({ peers: 2, clustered: 2 });
    s.after(2 * MINUTE);
    expect(inv('single-primary').check(checkedWorld(s, topology))).toEqual({ ok: true });
    s.peer(2).save({ 'Alternates ConfigurationPrimary': 2 });
    s.after(5 * MINUTE);
    expectBroken(inv('single-primary').check(checkedWorld(s, topology)), 'peers disagree on the primary: expc01→1, expc02→2');
  });

  it('breaks: the same primary number in a list typed in another order names another peer (DOMAIN §5.1: the list is ordered)', () => {
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(2 * MINUTE);
    s.peer(3).save({ 'Alternates Peer 1 Address': '10.0.0.12', 'Alternates Peer 2 Address': '10.0.0.11' });
    s.after(5 * MINUTE);
    expectBroken(inv('single-primary').check(checkedWorld(s, topology)), 'peers disagree on the primary: expc01→1, expc03→1, expc02→1 (pointing at expc01, expc02, expc01)');
  });

  it('breaks: peers that agree on Peer 1 but two of which consider themselves primary, or none does', () => {
    // Found by mutation testing: no test had a cluster with the wrong number of self-declared
    // primaries. A correct twin cannot show it, so one observation lies about isPrimary.
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(2 * MINUTE);
    const r = checkedWorld(s, topology);
    const claims = (who: (name: string) => boolean) => lyingTwin(r, (o) => ({ ...o, clustering: { ...o.clustering, isPrimary: who(o.name) } }));
    expect(inv('single-primary').check(claims((n) => n === 'expc01'))).toEqual({ ok: true });
    expectBroken(inv('single-primary').check(claims((n) => n !== 'expc03')), /^2 peers of .*expc01.* consider themselves primary$/);
    expectBroken(inv('single-primary').check(claims(() => false)), /^0 peers of .*expc02.* consider themselves primary$/);
  });

  it('a peer the others no longer list is in no cluster: expc03 still listing them, not primary, breaks nothing', () => {
    // Found by mutation testing: a one-peer "cluster" was never checked. The others' lists lie (expc03 removed).
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(2 * MINUTE);
    const removed = lyingTwin(checkedWorld(s, topology), (o) => (o.name === 'expc03' ? o
      : { ...o, clustering: { ...o.clustering, entries: o.clustering.entries.map((e) => (e.address === '10.0.0.13' ? { ...e, address: '' } : e)) } }));
    expect(removed.twin.observe('expc03').clustering.isPrimary).toBe(false);
    expect(inv('single-primary').check(removed)).toEqual({ ok: true });
  });
});

// ── Factory resets ───────────────────────────────────────────────────────────────────────────

/** A power cut on expc03 five minutes into the twenty it spends with an empty peer list. */
const POWER_CUT_IN_GAP: CheckCase = { faults: [{ atMs: 5 * MINUTE, durationMs: 10 * SECOND, fault: { kind: 'power-loss', peer: 'expc03' } }], waitScale: 1, swaps: [] };

describe('no-unplanned-factory-reset (safety)', () => {
  it(`holds: ${RESET_TRAP} — its reset of expc02 is the one the runbook expects (factoryReset: true)`, () => {
    // A real reset is in the trace, so holding means the runbook's intention excused it — not that none happened.
    const r = checkedCase(load(RESET_TRAP));
    expect(resets(r, 'expc02'), 'a real reset happened').toHaveLength(1);
    expect(inv('no-unplanned-factory-reset').check(r)).toEqual({ ok: true });
  });

  it(`holds: ${RETYPE} without faults — re-entering the list disarms the reset`, () => {
    // The runbook as written (xtwin run passes it): the pair to the break below, which adds only a power cut.
    const r = checkedCase(load(RETYPE));
    expect(resets(r)).toHaveLength(0);
    expect(inv('no-unplanned-factory-reset').check(r)).toEqual({ ok: true });
  });

  it(`breaks: ${RETYPE} with a power cut on expc03 while its list is empty — the evidence is expc03's reset`, () => {
    // A real twin makes the violation: the power cut is a restart, and the armed trigger wipes expc03 (DOMAIN §9.1).
    const r = checkedCase(load(RETYPE), POWER_CUT_IN_GAP);
    const v = inv('no-unplanned-factory-reset').check(r);
    expectBroken(v, 'expc03 factory reset without the runbook intending it');
    expect(v.evidence).toEqual(resets(r, 'expc03'));
  });

  it('holds: a failed reset (ok: false, no image) is not a reset', () => {
    // A fresh OVA without a reset image keeps its configuration (DOMAIN §9.3): nothing was lost, nothing to flag.
    const r = checkedCase(load(RETYPE));
    const failed = event('expc03', 'peer.factory-reset', { ok: false, reason: 'no image in /mnt/harddisk/factory-reset/' });
    expect(inv('no-unplanned-factory-reset').check(withEvents(r, [...r.run.events, failed]))).toEqual({ ok: true });
  });
});

describe('no-reset-without-trigger (safety)', () => {
  const clearing = (r: CheckedRun) => r.run.events.filter((e) => e.kind === 'config.change' && /^Alternates Peer \d Address$/.test(String(e.data.key)) && e.data.to === '');

  it(`holds: ${RESET_TRAP} — expc02's reset follows its saves clearing Peer 1 and Peer 2`, () => {
    // The trigger is replayed from the trace's own config.change events, shown here before the verdict.
    const r = checkedCase(load(RESET_TRAP));
    expect(clearing(r).map((e) => `${e.source} ${String(e.data.key)}`)).toEqual(['expc02 Alternates Peer 1 Address', 'expc02 Alternates Peer 2 Address']);
    expect(inv('no-reset-without-trigger').check(r)).toEqual({ ok: true });
  });

  it(`breaks: the same ${RESET_TRAP} trace with the clearing config.change events taken out`, () => {
    // Only the trigger events differ from the holding case: a twin that reset without them is what this catches.
    const r = checkedCase(load(RESET_TRAP));
    const trigger = new Set(clearing(r));
    const v = inv('no-reset-without-trigger').check(withEvents(r, r.run.events.filter((e) => !trigger.has(e))));
    expectBroken(v, 'expc02 was factory reset with Peer N fields still set');
    expect(v.evidence).toEqual(resets(r, 'expc02'));
  });

  it('synthetic trace on a two-peer cluster: reset after both fields cleared holds; after only Peer 1 cleared breaks', () => {
    // DOMAIN §9.1: the trigger is clearing *every* Peer N field; one field left set must not count.
    const r = checkedCase(load(RESET_TRAP));
    const clear = (n: number) => event('expc02', 'config.change', { key: `Alternates Peer ${n} Address`, from: `10.0.0.1${n}`, to: '', via: 'web' }, 1_000);
    const reset = event('expc02', 'peer.factory-reset', { ok: true, version: 'X14.3.1', kept: [] }, 2_000);
    expect(inv('no-reset-without-trigger').check(withEvents(r, [clear(1), clear(2), reset]))).toEqual({ ok: true });
    expectBroken(inv('no-reset-without-trigger').check(withEvents(r, [clear(1), reset])), /expc02 was factory reset/);
    expectBroken(inv('no-reset-without-trigger').check(withEvents(r, [reset])), /expc02 was factory reset/);
  });

  it('synthetic trace: after the clear, restoring the list in another order leaves the reset due; the same order cancels it (DOMAIN §5.1, §9.1)', () => {
    const r = checkedCase(load(RESET_TRAP));
    const set = (n: number, from: string, to: string, atMs: number) => event('expc02', 'config.change', { key: `Alternates Peer ${n} Address`, from, to, via: 'web' }, atMs);
    const clear = [set(1, '10.0.0.11', '', 1_000), set(2, '10.0.0.12', '', 1_000)];
    const reordered = [set(1, '', '10.0.0.12', 2_000), set(2, '', '10.0.0.11', 2_000)];
    const restored = [set(1, '', '10.0.0.11', 2_000), set(2, '', '10.0.0.12', 2_000)];
    const reset = event('expc02', 'peer.factory-reset', { ok: true, version: 'X14.3.1', kept: [] }, 3_000);
    expect(inv('no-reset-without-trigger').check(withEvents(r, [...clear, ...reordered, reset]))).toEqual({ ok: true });
    expectBroken(inv('no-reset-without-trigger').check(withEvents(r, [...clear, ...restored, reset])), 'expc02 was factory reset although its Peer N list was restored as before');
  });

  it('holds: the root factory-reset script on a clustered subordinate is its own trigger (DOMAIN §9.2; regression: it was flagged)', () => {
    // A real scripted reset with the peer list still set: before the fix this documented procedure broke the invariant.
    const runbook: Runbook = {
      name: 'scripted reset of a subordinate', seed: 3, topology: load(RESET_TRAP).topology,
      steps: [{ wait: '1m' }, { peer: 'expc02', root: 'factory-reset' }, { wait: { until: { peer: 'expc02', state: 'running' }, limit: '40m' } }],
    };
    const r = checkedCase(runbook);
    expect(resets(r, 'expc02'), 'the script did reset it, with its peer list still set').toHaveLength(1);
    expect(inv('no-reset-without-trigger').check(r)).toEqual({ ok: true });
    // …but a reset that merely follows an abandoned script (power cut mid-reset) gets no such excuse.
    const cut = [
      event('expc02', 'peer.state', { state: 'factoryResetting', from: 'running', cause: 'FACTORY_RESET' }, 1_000),
      event('expc02', 'peer.state', { state: 'poweredOff', from: 'factoryResetting', cause: 'POWER_OFF' }, 2_000),
      event('expc02', 'peer.factory-reset', { ok: true, version: 'X14.3.1', kept: [] }, 3_000),
    ];
    expectBroken(inv('no-reset-without-trigger').check(withEvents(r, cut)), /expc02 was factory reset/);
  });
});

describe('reset-keeps-documented-set (safety)', () => {
  const reset = (version: string, kept: string[]) => event('expc02', 'peer.factory-reset', { ok: true, version, kept }, 1_000);

  it(`holds: the real X14.3.1 reset in ${RESET_TRAP} keeps LAN1 and nothing outside the documented set`, () => {
    // The twin's kept list is non-empty (LAN1), so the checker compared something and found it inside the set.
    const r = checkedCase(load(RESET_TRAP));
    const kept = resets(r, 'expc02')[0]!.data.kept as string[];
    expect(kept).toContain('Ethernet 1 IP V4 Address');
    expect(kept).not.toContain('Certificate Server');
    expect(inv('reset-keeps-documented-set').check(r)).toEqual({ ok: true });
  });

  it('holds: a real reset on X12.5.2 keeps the certificate and trust store (allowed before X12.6)', () => {
    // The same trap on an older release: the twin keeps the certificate, and the checker's version rule allows it.
    const trap = load(RESET_TRAP);
    const runbook: Runbook = {
      ...trap, name: 'factory reset on X12.5.2',
      topology: { ...trap.topology, peers: trap.topology.peers.map((p) => ({ ...p, version: 'X12.5.2' })) },
      steps: trap.steps.filter((s) => !('expect' in s)),
    };
    const r = checkedCase(runbook);
    expect(resets(r, 'expc02')[0]!.data.kept).toEqual(expect.arrayContaining(['Certificate Server', 'Certificate TrustedCAs']));
    expect(inv('reset-keeps-documented-set').check(r)).toEqual({ ok: true });
  });

  it("breaks: a reset whose kept list includes 'IP DNS Hostname' (the host name must be wiped)", () => {
    // A correct twin never keeps the host name, so the event is written by hand: the checker must not trust the twin.
    const r = checkedCase(load(RESET_TRAP));
    const bad = reset('X14.3.1', ['Ethernet 1 IP V4 Address', 'IP DNS Hostname']);
    const v = inv('reset-keeps-documented-set').check(withEvents(r, [bad]));
    expectBroken(v, 'expc02: the reset kept IP DNS Hostname');
    expect(v.evidence).toEqual([bad]);
  });

  it.each([
    ['X12.5.2', true],
    ['X8.11.4', true],
    ['X12.6', false],
    ['X12.6.0', false],
    ['X14.3.1', false],
  ])('certificate and trust store kept by a reset on %s: allowed = %s (DOMAIN §9.1: wiped from X12.6)', (version, allowed) => {
    // The same kept list on each side of the X12.6 boundary: the version alone decides the verdict.
    const r = checkedCase(load(RESET_TRAP));
    const v = inv('reset-keeps-documented-set').check(withEvents(r, [reset(version, ['Ethernet 1 IP V4 Address', 'Certificate Server', 'Certificate TrustedCAs'])]));
    expect(v.ok).toBe(allowed);
    if (!allowed) expect(v.message).toBe('expc02: the reset kept Certificate Server, Certificate TrustedCAs');
  });
});

// ── TLS, alarms, capacity, configuration ─────────────────────────────────────────────────────

describe('enforcing-links-match-certificates (safety)', () => {
  const enforced = () => checkedCase(load(ENFORCE));
  const activeUnderEnforcing = (r: CheckedRun) => r.twin.peerNames().flatMap((n) => {
    const o = r.twin.observe(n);
    return o.active['Alternates Cluster TLSVerificationMode'] === 'Enforcing' ? o.clustering.entries.filter((e) => e.status === 'Active') : [];
  });
  /** expc03's active certificate, as every peer sees it, replaced by `cert`. */
  const expc03Shows = (cert: Certificate | null) => (o: PeerObservation): PeerObservation =>
    (o.name === 'expc03' ? { ...o, active: { ...o.active, 'Certificate Server': cert } } : o);

  it(`holds: ${ENFORCE} — six Active links under Enforcing, each to a certificate naming its address from a trusted CA`, () => {
    // Six Active links were judged (3 peers × 2), so holding is not for want of links to check.
    const r = enforced();
    expect(activeUnderEnforcing(r)).toHaveLength(6);
    expect(inv('enforcing-links-match-certificates').check(r)).toEqual({ ok: true });
  });

  it(`holds: ${BAD_CERT} — the links to the badly named expc03 are Failed, not Active`, () => {
    // The bad certificate is real here; the invariant holds because the twin refused the links, as it must.
    const r = checkedCase(load(BAD_CERT));
    expect(r.twin.observe('expc01').clustering.entries.map((e) => e.status)).toEqual(['This system', 'Active', 'Failed', '', '', '']);
    expect(inv('enforcing-links-match-certificates').check(r)).toEqual({ ok: true });
  });

  it('holds: under Permissive an Active link to a badly named certificate is allowed (the rule is about Enforcing)', () => {
    // The same bad certificate with an Active link: only the TLS mode differs from the breaking cases below.
    const bad = load(BAD_CERT);
    const r = checkedCase({ ...bad, name: 'bad certificate, Permissive', topology: { ...bad.topology, cluster: { ...bad.topology.cluster!, tls: 'Permissive' } }, steps: [{ wait: '2m' }] });
    expect(r.twin.observe('expc01').clustering.entries[2]!.status).toBe('Active');
    expect(inv('enforcing-links-match-certificates').check(r)).toEqual({ ok: true });
  });

  it('breaks: an Active link under Enforcing to a certificate that names another host', () => {
    // A correct twin refuses this link, so one observation lies: expc03's certificate names another host.
    const r = lyingTwin(enforced(), expc03Shows({ ...(enforced().twin.observe('expc03').active['Certificate Server'] as Certificate), cn: 'old-name.example.com', sans: ['old-name.example.com'] }));
    expectBroken(inv('enforcing-links-match-certificates').check(r), /Peer 3 \(expc03\.example\.com\) Active under Enforcing, but its certificate names old-name\.example\.com/);
  });

  it("breaks: an Active link under Enforcing to a certificate from a CA the viewer does not trust", () => {
    // Only expc01's trust store differs from the holding case, so the issuer check alone breaks it.
    const r = lyingTwin(enforced(), (o) => (o.name === 'expc01' ? { ...o, active: { ...o.active, 'Certificate TrustedCAs': ['Some Other CA'] } } : o));
    expectBroken(inv('enforcing-links-match-certificates').check(r), /^expc01 shows Peer 2 .* from Example Corp Issuing CA$/);
  });

  it('breaks: an Active link under Enforcing to a peer with no certificate at all', () => {
    // The missing-certificate branch: no names and no issuer to match.
    expectBroken(inv('enforcing-links-match-certificates').check(lyingTwin(enforced(), expc03Shows(null))), /its certificate is missing/);
  });
});

describe('alarms-follow-conditions (liveness)', () => {
  /** expc03 cut off from the other two for `cutMs`, then healed; the cluster settles for 6 minutes. */
  const isolated = (cutMs: number, oneWay = false): CheckedRun => {
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(2 * MINUTE);
    s.peer(3).partitionFrom([1, 2], oneWay ? 'outbound' : 'both');
    s.after(cutMs).heal().after(6 * MINUTE);
    return checkedWorld(s, topology);
  };
  const without20004 = (r: CheckedRun) => withEvents(r, r.run.events.filter((e) => !(e.kind === 'alarm.raise' && e.data.id === '20004')));

  it('holds: expc03 cut off for 10 minutes raises 20004, and every 20004/20006 clears after healing', () => {
    // A real partition long enough to be noticed, with the alarm really raised: both halves of the rule are exercised.
    const r = isolated(10 * MINUTE);
    expect(r.run.events.some((e) => e.kind === 'alarm.raise' && e.data.id === '20004'), 'not vacuous: 20004 was raised').toBe(true);
    expect(inv('alarms-follow-conditions').check(r)).toEqual({ ok: true });
  });

  it('breaks: the same run in which no peer raised 20004 (a twin that forgot the alarm)', () => {
    // Only the 20004 raises are removed from the holding run: their absence is what breaks it.
    const r = isolated(10 * MINUTE);
    const v = inv('alarms-follow-conditions').check(without20004(r));
    expectBroken(v, 'expc03 was cut off for 600 s and no peer raised 20004');
    expect(v.evidence!.map((e) => e.kind)).toEqual(['fault.inject']);
  });

  it('reads the partition from the journal\'s data, not its prose: a description reworded still breaks, one-way still exempt', () => {
    // The fault.inject event carries the groups as arrays (issue #11 §4); the description is for people only.
    const reword = (r: CheckedRun) => withEvents(r, r.run.events.map((e) => (e.kind === 'fault.inject' ? { ...e, data: { ...e.data, description: 'a cut, in other words' } } : e)));
    expectBroken(inv('alarms-follow-conditions').check(reword(without20004(isolated(10 * MINUTE)))), 'expc03 was cut off for 600 s and no peer raised 20004');
    expect(inv('alarms-follow-conditions').check(reword(without20004(isolated(10 * MINUTE, true))))).toEqual({ ok: true });
  });

  it('holds without any 20004: a cut of 30 s (below the one-minute notice time) and a one-way cut are not judged', () => {
    // The same doctoring that breaks a 10-minute cut leaves these alone: the exemptions are real, not accidental.
    expect(inv('alarms-follow-conditions').check(without20004(isolated(30 * SECOND)))).toEqual({ ok: true });
    expect(inv('alarms-follow-conditions').check(without20004(isolated(10 * MINUTE, true)))).toEqual({ ok: true });
  });

  it('breaks: after healing, a peer whose links are all Active still shows 20004', () => {
    // The second half of the rule: links all Active (real) yet a stale alarm shown (one lying observation).
    const r = isolated(10 * MINUTE);
    const stale = lyingTwin(r, (o) => (o.name === 'expc02' ? { ...o, alarms: [...o.alarms, { key: 'cluster-communication-failure', id: '20004', shownId: '20004', severity: 'warning', title: 'Cluster communication failure', detail: '', raisedAtMs: 0 }] } : o));
    expectBroken(inv('alarms-follow-conditions').check(stale), 'expc02 still shows 20004 with every peer Active');
  });

  it('holds: a 20004 raised by an earlier NAT fault, still up when the cut begins and lowered when it heals (the sweep\'s database-failure-recovery run 115)', () => {
    // xtwin check found this case: NAT between the peers (DOMAIN §3 R6) raises 20004 on both just
    // before the 72 s partition starts at T+20.4 s; it heals at T+92 s. The alarms were up throughout
    // the cut; the invariant once counted only the alarms still up when it healed.
    const c: CheckCase = {
      faults: [
        { atMs: 0, durationMs: 19_413, fault: { kind: 'nat', inside: ['expc01'], publicAddress: '192.0.2.200' } },
        { atMs: 20_413, durationMs: 71_587, fault: { kind: 'partition', groups: [['expc02'], ['expc01']] } },
      ],
      waitScale: 1, swaps: [], extraPeers: 0,
    };
    const r = checkedCase(load('scenarios/procedures/database-failure-recovery.yaml'), c);
    const cut = r.run.events.find((e) => e.kind === 'fault.inject' && e.data.kind === 'partition')!;
    const healed = r.run.events.find((e) => e.kind === 'fault.heal' && e.data.id === cut.data.id)!;
    const its20004 = (peer: string) => r.run.events.filter((e) => e.data.id === '20004' && e.source === peer && (e.kind === 'alarm.raise' || e.kind === 'alarm.lower'));
    for (const peer of ['expc01', 'expc02']) expect(its20004(peer).some((e) => e.kind === 'alarm.raise' && e.atMs < cut.atMs), `${peer}: raised before the cut`).toBe(true);
    expect(r.run.events.some((e) => e.kind === 'alarm.raise' && e.data.id === '20004' && e.atMs >= cut.atMs && e.atMs <= healed.atMs + SECOND), 'no peer raised it again during the cut').toBe(false);
    expect(its20004('expc01').find((e) => e.atMs >= cut.atMs), 'expc01: lowered at the heal').toMatchObject({ kind: 'alarm.lower', atMs: healed.atMs });
    // expc02's stays up past the heal: by then the primary has taken it out of its list (the step
    // running at the heal), while expc02's own cleared list waits for its restart (DOMAIN §9.1:
    // nothing but the banner changes at the save), so it still lists a peer that refuses it, until
    // its factory reset.
    const reset = r.run.events.find((e) => e.kind === 'peer.factory-reset' && e.source === 'expc02')!;
    expect(its20004('expc02').find((e) => e.atMs >= cut.atMs), 'expc02: lowered by its factory reset').toMatchObject({ kind: 'alarm.lower', atMs: reset.atMs });
    expect(inv('alarms-follow-conditions').check(r)).toEqual({ ok: true });
    // The same run with the NAT's 20004 lowered just before the cut: nothing showed the cut-off.
    const lowered = withEvents(r, r.run.events.flatMap((e) => (e === cut ? [event('expc01', 'alarm.lower', { id: '20004' }, cut.atMs - 1), event('expc02', 'alarm.lower', { id: '20004' }, cut.atMs - 1), e] : [e])));
    expectBroken(inv('alarms-follow-conditions').check(lowered), 'expc02 was cut off for 72 s and no peer raised 20004');
  });
});

describe('alarms-held (safety)', () => {
  const OPTION_KEYS = 'scenarios/wrong-way/option-keys-differ.yaml';

  it('holds: differing feature option keys hold 20009 across every replication run of the case', () => {
    const r = checkedCase(load(OPTION_KEYS));
    expect(r.run.events.filter((e) => e.kind === 'alarm.raise' && e.data.id === '20009').length, 'not vacuous: 20009 raised').toBeGreaterThan(0);
    expect(r.run.events.filter((e) => e.kind === 'cluster.replicated' && e.source === 'expc02').length, 'several runs').toBeGreaterThan(1);
    expect(inv('alarms-held').check(r)).toEqual({ ok: true });
  });

  it('breaks: the same run with 20009 lowered just before one of its raises, at the same instant (a twin that clears and re-raises)', () => {
    const r = checkedCase(load(OPTION_KEYS));
    const raise = r.run.events.find((e) => e.kind === 'alarm.raise' && e.data.id === '20009')!;
    const events = r.run.events.flatMap((e) => (e === raise ? [{ ...e, kind: 'alarm.lower' }, e] : [e]));
    const v = inv('alarms-held').check(withEvents(r, events));
    expectBroken(v, /expc02 lowered and raised 20009 \(replication-error\) again at the same instant/);
    expect(v.evidence!.map((e) => e.kind)).toEqual(['alarm.lower', 'alarm.raise']);
  });

  it('holds: a lower and a raise at the same instant with a cause between them (one condition ended, another began)', () => {
    const r = checkedCase(load(OPTION_KEYS));
    const raise = r.run.events.find((e) => e.kind === 'alarm.raise' && e.data.id === '20009')!;
    const cause = { ...raise, kind: 'cluster.link.failed', data: { peer: '10.0.0.13', reason: 'refused' } };
    const events = r.run.events.flatMap((e) => (e === raise ? [{ ...e, kind: 'alarm.lower' }, cause, e] : [e]));
    expect(inv('alarms-held').check(withEvents(r, events))).toEqual({ ok: true });
  });
});

/** A release before X14.2: the classic four-peer rule (DOMAIN §2.1). */
const CLASSIC = 'X14.0.2';

describe('capacity-rule (safety)', () => {
  /** `count` peers of one platform with more endpoints than six of them could hold, settled for a minute. */
  const capacityRun = (count: number, platform: Platform, endpoints = 40_000, version = CLASSIC): CheckedRun => {
    const peers = Array.from({ length: count }, (_, i) => ({ name: `expc0${i + 1}`, platform, version, lan1: { ipv4: `10.0.0.${11 + i}` } }));
    const topology: Topology = { peers, cluster: { peers: peers.map((p) => p.name) }, endpoints: { count: endpoints } };
    const twin = createTwin({ seed: 1, topology });
    twin.advance(MINUTE);
    return checkedWorld(twin, topology);
  };
  const registered = (r: CheckedRun) => r.twin.peerNames().reduce((sum, n) => sum + r.twin.observe(n).registrations, 0);

  // DOMAIN §2.1 (classic model before X14.2) and §2.2 (X14 table): medium VM 2,500 registrations a
  // node, large 5,000, small 2,000; peers add capacity up to four, a small VM adds none.
  const DOCUMENTED: Record<'medium-vm' | 'large-vm' | 'small-vm', number[]> = {
    'medium-vm': [2500, 5000, 7500, 10000, 10000, 10000],
    'large-vm': [5000, 10000, 15000, 20000, 20000, 20000],
    'small-vm': [2000, 2000, 2000, 2000, 2000, 2000],
  };
  // DOMAIN §2.1 N+1 model from X14.2 (X14.3.1, same X14 table): n+1 peers give n× one node, at most 5×.
  const DOCUMENTED_N_PLUS_1: Record<'medium-vm' | 'large-vm', number[]> = {
    'medium-vm': [2500, 2500, 5000, 7500, 10000, 12500],
    'large-vm': [5000, 5000, 10000, 15000, 20000, 25000],
  };

  for (const [platform, figures] of Object.entries(DOCUMENTED_N_PLUS_1) as [Platform, number[]][]) {
    it(`X14.3.1 (N+1): holds for 1..6 ${platform} peers flooded with endpoints: the twin registers exactly the documented ${figures.join(', ')}`, () => {
      figures.forEach((registrations, i) => {
        const r = capacityRun(i + 1, platform, 40_000, 'X14.3.1');
        expect(inv('capacity-rule').check(r), `${i + 1} × ${platform}`).toEqual({ ok: true });
        expect(registered(r), `${i + 1} × ${platform} registered`).toBe(registrations);
      });
    });
  }

  for (const [platform, figures] of Object.entries(DOCUMENTED) as [Platform, number[]][]) {
    it(`${CLASSIC} (four-peer rule): holds for 1..6 ${platform} peers flooded with endpoints: the twin registers exactly the documented ${figures.join(', ')}`, () => {
      // The figures are DOMAIN's, written out here: the twin's registrations and the rule are both held to the document.
      figures.forEach((registrations, i) => {
        const r = capacityRun(i + 1, platform);
        expect(inv('capacity-rule').check(r), `${i + 1} × ${platform}`).toEqual({ ok: true });
        expect(registered(r), `${i + 1} × ${platform} registered`).toBe(registrations);
      });
    });
  }

  it('holds vacuously for a world without endpoints (nothing registers, nothing to observe)', () => {
    expect(inv('capacity-rule').check(capacityRun(5, 'medium-vm', 0))).toEqual({ ok: true });
  });

  it('breaks: a twin whose peers register past the four-peer cap (5 medium VMs showing 2,500 each → 12,500)', () => {
    // A correct twin cannot break this rule, so one observation lies: expc05 shows a full load.
    const r = capacityRun(5, 'medium-vm');
    expect(r.twin.observe('expc05').registrations).toBeLessThan(2500);
    const lying = lyingTwin(r, (o) => ({ ...o, registrations: 2500 }));
    expectBroken(inv('capacity-rule').check(withEvents(lying, [])), '12500 endpoints registered to 5 × medium-vm, above its capacity of 10000');
  });

  it('breaks: a twin in which small VMs add capacity — the trace shows 6,000 registered at once on 3 small VMs', () => {
    // DOMAIN §2.1: clustering small VMs is for redundancy only. The run is real; one registration event is added.
    const r = capacityRun(3, 'small-vm', 10_000);
    const over = event('endpoints', 'endpoints.register', { placed: 4000, waiting: 4000 }, r.twin.nowMs);
    expectBroken(inv('capacity-rule').check(withEvents(r, [...r.run.events, over])), '6000 endpoints registered to 3 × small-vm, above its capacity of 2000');
  });

  it('breaks: a twin reporting a capacity other than the rule\'s (4 large VMs reporting 25,000)', () => {
    const r = capacityRun(4, 'large-vm');
    const lying: CheckedRun = { ...r, twin: new Proxy(r.twin, { get: (t, prop) => (prop === 'registrationCapacity' ? () => 25_000 : (Reflect.get(t, prop, t) as (...a: unknown[]) => unknown).bind(t)) }) };
    expectBroken(inv('capacity-rule').check(lying), 'capacity of 4 × large-vm is 25000 registrations, expected 20000');
  });

  it('breaks: a peer holding more than its own platform\'s figure', () => {
    const r = capacityRun(2, 'medium-vm');
    const lying = lyingTwin(r, (o) => (o.name === 'expc02' ? { ...o, registrations: 2501 } : o));
    expectBroken(inv('capacity-rule').check(lying), 'expc02 (medium-vm) holds 2501 registrations, above its 2500');
  });
});

describe('primary-config-kept (safety)', () => {
  /** The primary saves H323 Mode: Off over the CLI; replication runs for five minutes. */
  const savedOnPrimary = (): CheckedRun => {
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    s.peer(1).save({ 'H323 Mode': 'Off' });
    s.after(5 * MINUTE);
    return checkedWorld(s, topology);
  };

  it('holds: a value saved on the primary is still there after replication', () => {
    // Five replication periods after a CLI save on the primary: the value the invariant tracks is really there.
    const r = savedOnPrimary();
    expect(r.twin.observe('expc01').saved['H323 Mode']).toBe('Off');
    expect(inv('primary-config-kept').check(r)).toEqual({ ok: true });
  });

  it('breaks: a primary that silently lost that value (saved shows the old On)', () => {
    // A correct twin keeps the primary's saves; only the primary's observation lies, the trace is real.
    const r = lyingTwin(savedOnPrimary(), (o) => (o.name === 'expc01' ? { ...o, saved: { ...o.saved, 'H323 Mode': 'On' } } : o));
    expectBroken(inv('primary-config-kept').check(r), /^expc01 lost H323 Mode = "Off" saved at 60000 ms \(now "On"\)$/);
  });

  it("holds: a value a subordinate saved and replication replaced is not the primary's to keep", () => {
    // A save that really was lost — on a subordinate, which is what replication does (DOMAIN §5.4) — is not flagged.
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    s.peer(2).save({ 'FindMe Mode': 'On' });
    s.after(5 * MINUTE);
    expect(s.peer(2).saved('FindMe Mode'), 'the primary overwrote it').toBe('Off');
    expect(inv('primary-config-kept').check(checkedWorld(s, topology))).toEqual({ ok: true });
  });
});

describe('no-model-fault (crash)', () => {
  it('holds: the add-peer procedure runs without an error inside the model', () => {
    expect(inv('no-model-fault').check(checkedCase(load(ADD_PEER)))).toEqual({ ok: true });
  });

  it("breaks: a peer's lifecycle actor that throws (the test seam) — the message names time, peer, step and error", () => {
    const runbook = runbookOf(RESTART_YAML);
    const run = withLifecycleCrash(FORCED, () => runRunbook(runbook));
    const v = inv('no-model-fault').check({ runbook, run, twin: run.twin, healedAtMs: run.endMs });
    expectBroken(v, /^the twin itself failed at T\+00:01:00\.000 on expc02 \(its lifecycle\), during step 2 \(expc02: Maintenance > Restart options > Restart\): forced by the test seam$/);
    expect(v.evidence?.map((e) => e.kind)).toEqual(['twin.fault']);
  });

  it('a fault met after the steps (a power loss healed in the liveness phase, expc02 booting) is a crash that says so', () => {
    const runbook = runbookOf(RESTART_YAML.replace(/steps:[\s\S]*$/, 'steps:\n  - wait: 1m\n'));
    const c: CheckCase = { ...NO_FAULTS, faults: [{ atMs: 10 * SECOND, durationMs: 5 * MINUTE, fault: { kind: 'power-loss', peer: 'expc02' } }] };
    const r = withLifecycleCrash({ peer: 'expc02', entering: 'booting', message: 'forced by the test seam' }, () => runCase(runbook, c, { seed: 5, invariants: [] }));
    expect(r.failures).toEqual([{ class: 'crash', invariant: 'no-model-fault', message: 'the twin itself failed at T+00:05:10.000 on expc02 (its lifecycle), after the steps, while the faults healed and the cluster settled: forced by the test seam' }]);
  });

  it('runCase classifies it as a crash of no-model-fault, before any other invariant, whatever the runbook selects', () => {
    const r = withLifecycleCrash(FORCED, () => runCase(runbookOf(RESTART_YAML), NO_FAULTS, { seed: 5, invariants: [inv('converges')] }));
    expect(r.failures).toEqual([{ class: 'crash', invariant: 'no-model-fault', message: expect.stringContaining('on expc02 (its lifecycle), during step 2') }]);
  });
});
