// The edges of the invariants (src/check/invariants): the cases test/check/invariants.test.ts does
// not reach, found by mutation testing (issue #12) — which moments, peers and events an invariant
// counts and which it must leave alone, and what its message tells the reader. The run is a real
// twin; where a correct twin cannot show the case, one event is added or removed, or one
// observation lies (test/helpers/checkedRun.ts).
import { describe, expect, it } from 'vitest';
import type { CheckedRun } from '../../src/check/invariants/catalog.js';
import { createTwin, type PeerObservation, type Platform, type Topology, type TraceEvent } from '../../src/twin.js';
import { checkedWorld, clustered, event, expectBroken, inv, lyingTwin, withEvents } from '../helpers/checkedRun.js';
import { MINUTE } from '../helpers/world.js';

const HOLDS = { ok: true };

// ── alarms-follow-conditions ─────────────────────────────────────────────────────────────────

describe('alarms-follow-conditions: which 20004 counts, and which peer was cut off', () => {
  const alarmsFollow = inv('alarms-follow-conditions');
  /** expc03 cut off from the other two for ten minutes at T+2 min, healed, then six quiet minutes. */
  const isolated = (): CheckedRun => {
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(2 * MINUTE);
    s.peer(3).partitionFrom([1, 2]);
    s.after(10 * MINUTE).heal().after(6 * MINUTE);
    return checkedWorld(s, topology);
  };
  const base = isolated();
  const cut = base.run.events.find((e) => e.kind === 'fault.inject')!;
  const healedAt = base.run.events.find((e) => e.kind === 'fault.heal')!.atMs;
  /** The run without any 20004 raise (a twin that forgot the alarm), and with `extra` put in time order. */
  const forgot = (...extra: TraceEvent[]): CheckedRun => {
    const kept = base.run.events.filter((e) => !(e.kind === 'alarm.raise' && e.data.id === '20004'));
    const events = [...kept];
    for (const x of extra) {
      const at = events.findIndex((e) => e.atMs > x.atMs || e === cut && x.atMs === cut.atMs);
      events.splice(at < 0 ? events.length : at, 0, x);
    }
    return withEvents(base, events);
  };
  const raise = (peer: string, atMs: number, id = '20004') => event(peer, 'alarm.raise', { id, key: 'cluster-communication-failure' }, atMs);
  const lower = (peer: string, atMs: number) => event(peer, 'alarm.lower', { id: '20004', key: 'cluster-communication-failure' }, atMs);
  const CUT_OFF = 'expc03 was cut off for 600 s and no peer raised 20004';

  it('the run is what the cases below assume: expc03 linked before the cut, 20004 raised during it', () => {
    expect(cut.data.groups).toEqual([['expc03'], ['expc01', 'expc02']]);
    expect(base.run.events.some((e) => e.source === 'expc03' && e.kind === 'cluster.link.up' && e.atMs < cut.atMs)).toBe(true);
    expect(alarmsFollow.check(base)).toEqual(HOLDS);
    expectBroken(alarmsFollow.check(forgot()), CUT_OFF);
  });

  it('a 20004 already up when the cut begins counts; one lowered again before the cut does not', () => {
    // DOMAIN §7.1: the alarm is up while the condition lasts; being raised earlier and still up is enough.
    expect(alarmsFollow.check(forgot(raise('expc03', cut.atMs - 1_000)))).toEqual(HOLDS);
    expectBroken(alarmsFollow.check(forgot(raise('expc03', cut.atMs - 1_000), lower('expc03', cut.atMs - 500))), CUT_OFF);
    // A lower on another peer does not take down expc03's alarm.
    expect(alarmsFollow.check(forgot(raise('expc03', cut.atMs - 1_000), lower('expc01', cut.atMs - 500)))).toEqual(HOLDS);
    // Up when the cut begins and lowered inside it (at the heal, or earlier): it was up, so it counts.
    expect(alarmsFollow.check(forgot(raise('expc03', cut.atMs - 1_000), lower('expc03', healedAt)))).toEqual(HOLDS);
    expect(alarmsFollow.check(forgot(raise('expc03', cut.atMs - 1_000), lower('expc03', cut.atMs)))).toEqual(HOLDS);
  });

  it('only 20004 counts: another alarm raised during the cut does not stand in for it', () => {
    expectBroken(alarmsFollow.check(forgot(raise('expc03', cut.atMs + MINUTE, '20006'))), CUT_OFF);
  });

  it('a 20004 raised up to one second after healing still counts (assumption: the notice may lag), later does not', () => {
    expect(alarmsFollow.check(forgot(raise('expc03', healedAt + 1_000)))).toEqual(HOLDS);
    expect(alarmsFollow.check(forgot(raise('expc03', healedAt)))).toEqual(HOLDS);
    expectBroken(alarmsFollow.check(forgot(raise('expc03', healedAt + 1_001))), CUT_OFF);
  });

  it('a peer without a working link when the cut began had nothing to lose: not judged', () => {
    const noLinkUp = withEvents(forgot(), forgot().run.events.filter((e) => !(e.source === 'expc03' && e.kind === 'cluster.link.up')));
    expect(alarmsFollow.check(noLinkUp), 'never linked').toEqual(HOLDS);
    expect(alarmsFollow.check(forgot(event('expc03', 'cluster.link.down', {}, cut.atMs - 1))), 'its last link went down').toEqual(HOLDS);
    expect(alarmsFollow.check(forgot(event('expc03', 'cluster.link.failed', {}, cut.atMs - 1))), 'its last link failed').toEqual(HOLDS);
    expect(alarmsFollow.check(forgot(event('expc03', 'peer.state', { state: 'booting' }, cut.atMs - 1))), 'it was booting').toEqual(HOLDS);
  });

  it("a peer whose own saved Peer N list no longer names a peer it linked to (it left, DOMAIN §6.4, §9.1) had nothing to lose; a list that keeps one, or re-orders them, still counts", () => {
    const linkedTo = [...new Set(base.run.events.filter((e) => e.source === 'expc03' && e.kind === 'cluster.link.up' && e.atMs < cut.atMs).map((e) => String(e.data.peer)))];
    expect(linkedTo.length).toBe(2);
    const entry = (n: number, from: string, to: string, atMs = cut.atMs - 1) => event('expc03', 'config.change', { key: `Alternates Peer ${n} Address`, from, to, via: 'web' }, atMs);
    expect(alarmsFollow.check(forgot(entry(1, linkedTo[0]!, ''), entry(2, linkedTo[1]!, ''))), 'both taken out').toEqual(HOLDS);
    expectBroken(alarmsFollow.check(forgot(entry(1, linkedTo[0]!, ''))), CUT_OFF);
    expectBroken(alarmsFollow.check(forgot(entry(1, linkedTo[0]!, linkedTo[1]!), entry(2, linkedTo[1]!, linkedTo[0]!))), CUT_OFF);
    // Taken out, then entered again before the cut: linked once more.
    expectBroken(alarmsFollow.check(forgot(entry(1, linkedTo[0]!, ''), entry(2, linkedTo[1]!, ''), entry(1, '', linkedTo[0]!, cut.atMs - 1))), CUT_OFF);
    // Another peer's list, or a change after the cut began, does not count.
    expectBroken(alarmsFollow.check(forgot(event('expc01', 'config.change', { key: 'Alternates Peer 1 Address', from: linkedTo[0]!, to: '' }, cut.atMs - 1))), CUT_OFF);
    expectBroken(alarmsFollow.check(forgot(entry(1, linkedTo[0]!, '', cut.atMs + 1), entry(2, linkedTo[1]!, '', cut.atMs + 1))), CUT_OFF);
  });

  it('what other peers did, and what happened after the cut began, do not change whether expc03 was linked', () => {
    expectBroken(alarmsFollow.check(forgot(event('expc01', 'cluster.link.down', {}, cut.atMs - 1))), CUT_OFF);
    expectBroken(alarmsFollow.check(forgot(event('expc03', 'peer.state', { state: 'running' }, cut.atMs - 1))), CUT_OFF);
    expectBroken(alarmsFollow.check(forgot(event('expc03', 'cluster.link.down', {}, cut.atMs + 1))), CUT_OFF);
  });

  describe('after healing: a stale 20004/20006 is judged only on a joined peer whose every link is Active', () => {
    const healed = base;
    const shows = (ids: string[], change: (o: PeerObservation) => PeerObservation = (o) => o) => lyingTwin(healed, (o) => (o.name !== 'expc02' ? o : change({
      ...o,
      alarms: [...o.alarms, ...ids.map((id) => ({ key: `stale-${id}`, id, shownId: id, severity: 'warning' as const, title: 'stale', detail: '', raisedAtMs: 0 }))],
    })));

    it('both ids are named', () => {
      expectBroken(alarmsFollow.check(shows(['20004', '20006'])), /^expc02 still shows 20004, 20006 with every peer Active$/);
      expectBroken(alarmsFollow.check(shows(['20006'])), /^expc02 still shows 20006 with every peer Active$/);
    });

    it('another alarm is not stale', () => {
      expect(alarmsFollow.check(shows(['20009']))).toEqual(HOLDS);
    });

    it('not judged while one of its links is not Active, on a peer not joined, or with no other peer listed', () => {
      const oneFailed = (o: PeerObservation) => ({ ...o, clustering: { ...o.clustering, entries: o.clustering.entries.map((e) => (e.address === '10.0.0.13' ? { ...e, status: 'Failed' } : e)) } });
      expect(alarmsFollow.check(shows(['20004'], oneFailed))).toEqual(HOLDS);
      expect(alarmsFollow.check(shows(['20004'], (o) => ({ ...o, clustering: { ...o.clustering, joined: false } })))).toEqual(HOLDS);
      const alone = (o: PeerObservation) => ({ ...o, clustering: { ...o.clustering, entries: o.clustering.entries.filter((e) => e.status === 'This system') } });
      expect(alarmsFollow.check(shows(['20004'], alone))).toEqual(HOLDS);
    });
  });
});

// ── converges ────────────────────────────────────────────────────────────────────────────────

describe('converges: which peers are compared, and what the message lists', () => {
  const converges = inv('converges');
  /** expc03 cut off while the primary saves `edits`; ten minutes of replication without it. */
  const missed = (addressing: 'ip' | 'fqdn', edits: Record<string, string>): CheckedRun => {
    const { s, topology } = clustered({ peers: 3, clustered: 3, addressing });
    s.after(2 * MINUTE);
    s.peer(3).partitionFrom([1, 2]);
    s.peer(1).save(edits);
    s.after(10 * MINUTE);
    return checkedWorld(s, topology);
  };

  it('an FQDN-addressed cluster finds its primary by name: a missed change breaks it', () => {
    expectBroken(converges.check(missed('fqdn', { 'H323 Mode': 'Off' })), /^expc03 has not converged to expc01: H323 Mode$/);
  });

  it('names at most four differing keys', () => {
    const v = converges.check(missed('ip', { 'H323 Mode': 'Off', 'SIP Mode': 'Off', 'FindMe Mode': 'On', 'Call Routed Mode': 'Optimal', 'Alternates Cluster AddressMapping Mode': 'On' }));
    expect(v.ok).toBe(false);
    expect(v.message!.split(': ')[1]!.split(', ')).toHaveLength(4);
  });

  it('a peer that is not joined is not held to the primary', () => {
    const r = missed('ip', { 'H323 Mode': 'Off' });
    expect(converges.check(lyingTwin(r, (o) => (o.name === 'expc03' ? { ...o, clustering: { ...o.clustering, joined: false } } : o)))).toEqual(HOLDS);
  });
});

// ── capacity-rule ──────────────────────────────────────────────────────────────────

describe('capacity-rule: evidence and mixed clusters', () => {
  const capacity = inv('capacity-rule');
  /** `count` peers of one platform in a cluster, flooded with `endpoints`, settled for a minute. */
  const run = (count: number, platform: Platform, endpoints: number): CheckedRun => {
    const peers = Array.from({ length: count }, (_, i) => ({ name: `expc0${i + 1}`, platform, lan1: { ipv4: `10.0.0.${11 + i}` } }));
    const topology: Topology = { peers, cluster: { peers: peers.map((p) => p.name) }, endpoints: { count: endpoints } };
    const twin = createTwin({ seed: 1, topology });
    twin.advance(MINUTE);
    return checkedWorld(twin, topology);
  };

  it('the evidence is exactly the registrations that went past the capacity', () => {
    const r = run(3, 'small-vm', 10_000);
    const over = event('endpoints', 'endpoints.register', { placed: 4000, waiting: 4000 }, r.twin.nowMs);
    const v = capacity.check(withEvents(r, [...r.run.events, over]));
    expect(v.ok).toBe(false);
    expect(v.evidence).toEqual([over]);
  });

  it('a cluster of mixed platforms has no documented figure: not judged', () => {
    const r = run(2, 'medium-vm', 10_000);
    expect(capacity.check(lyingTwin(r, (o) => (o.name === 'expc02' ? { ...o, system: { ...o.system, platform: 'large-vm' } } : o)))).toEqual(HOLDS);
  });
});

// ── primary-config-kept ──────────────────────────────────────────────────────────────────────

describe('primary-config-kept: what counts as a save on the primary', () => {
  const kept = inv('primary-config-kept');
  /** The primary saves H323 Mode: Off (over `via`) at T+1 min; five minutes of replication; then its observation shows On again. */
  const lost = (via: 'cli' | 'web', extra: TraceEvent[] = []): CheckedRun => {
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(MINUTE);
    s.twin.save('expc01', { 'H323 Mode': 'Off' }, via === 'cli' ? { via, user: 'admin' } : { via, web: { httpdPid: 4242, srcIp: '192.0.2.10', srcPort: 51000, user: 'admin' } });
    s.after(5 * MINUTE);
    const r = checkedWorld(s, topology);
    return lyingTwin(withEvents(r, [...r.run.events, ...extra]), (o) => (o.name === 'expc01' ? { ...o, saved: { ...o.saved, 'H323 Mode': 'On' } } : o));
  };

  it('a save from the web UI counts like one from the CLI', () => {
    expectBroken(kept.check(lost('web')), /^expc01 lost H323 Mode = "Off" saved at 60000 ms/);
  });

  it('a factory reset of the primary after the save forgives the loss (DOMAIN §9.1 wipes it)', () => {
    const r = lost('cli');
    expect(kept.check(lost('cli', [event('expc01', 'peer.factory-reset', { ok: true }, r.twin.nowMs)]))).toEqual(HOLDS);
    // A reset of another peer forgives nothing.
    expectBroken(kept.check(lost('cli', [event('expc02', 'peer.factory-reset', { ok: true }, r.twin.nowMs)])), /^expc01 lost H323 Mode/);
  });

  it('a peer that believes it is primary but is not joined is no primary to judge', () => {
    const r = lyingTwin(lost('cli'), (o) => (o.name === 'expc01' ? { ...o, clustering: { ...o.clustering, joined: false } } : o));
    expect(kept.check(r)).toEqual(HOLDS);
  });
});

// ── reset-keeps-documented-set and no-unplanned-factory-reset ────────────────────────────────

describe('factory resets: failed ones, empty kept lists, several peers', () => {
  const { s, topology } = clustered({ peers: 3, clustered: 3 });
  const quiet = checkedWorld(s.after(MINUTE), topology);
  const reset = (peer: string, data: Record<string, unknown>) => event(peer, 'peer.factory-reset', { version: 'X14.3.1', ...data }, quiet.twin.nowMs);

  it('reset-keeps-documented-set: a failed reset keeps what it keeps; a reset that names no kept list keeps nothing', () => {
    const keeps = inv('reset-keeps-documented-set');
    expect(keeps.check(withEvents(quiet, [reset('expc02', { ok: false, kept: ['IP DNS Hostname'] })]))).toEqual(HOLDS);
    expect(keeps.check(withEvents(quiet, [reset('expc02', { ok: true })]))).toEqual(HOLDS);
    expectBroken(keeps.check(withEvents(quiet, [reset('expc02', { ok: true, kept: ['IP DNS Hostname'] })])), /^expc02: the reset kept IP DNS Hostname$/);
  });

  it('no-unplanned-factory-reset names every peer reset without intent, comma-separated', () => {
    const v = inv('no-unplanned-factory-reset').check(withEvents(quiet, [reset('expc02', { ok: true }), reset('expc03', { ok: true })]));
    expectBroken(v, /^expc02, expc03 factory reset without the runbook intending it$/);
  });
});

// ── single-primary ───────────────────────────────────────────────────────────────────────────

describe('single-primary: who is in the cluster', () => {
  const single = inv('single-primary');

  it('an FQDN-addressed cluster is recognised by name: two peers left disagreeing break it', () => {
    const { s, topology } = clustered({ peers: 2, clustered: 2, addressing: 'fqdn' });
    s.after(2 * MINUTE);
    expect(single.check(checkedWorld(s, topology))).toEqual(HOLDS);
    s.peer(2).save({ 'Alternates ConfigurationPrimary': 2 });
    s.after(5 * MINUTE);
    expectBroken(single.check(checkedWorld(s, topology)), /^peers disagree on the primary: expc01→1, expc02→2/);
  });

  /** `o` with the Peer N addresses `keep` allows, in its list in force (the saved one here) and on its page. */
  const listing = (o: PeerObservation, keep: (e: PeerObservation['clustering']['entries'][number]) => boolean): PeerObservation => {
    const entries = o.clustering.entries.map((e) => (keep(e) ? e : { ...e, address: '' }));
    const saved = { ...o.saved, ...Object.fromEntries(entries.map((e) => [`Alternates Peer ${e.index} Address`, e.address])) };
    return { ...o, saved, clustering: { ...o.clustering, entries } };
  };
  /** Three clustered peers, settled; expc03's observation as `lie` has it, the others' lists without expc03 when `removed`. */
  const threePeers = (removed: boolean, lie: (o: PeerObservation) => PeerObservation): CheckedRun => {
    const { s, topology } = clustered({ peers: 3, clustered: 3 });
    s.after(2 * MINUTE);
    return lyingTwin(checkedWorld(s, topology), (o) => {
      if (o.name === 'expc03') return lie(o);
      if (!removed) return o;
      return listing(o, (e) => e.address !== '10.0.0.13');
    });
  };
  /** expc03 believes it is the primary, at its own place (Peer 3) in its list. */
  const selfPrimary = (o: PeerObservation): PeerObservation => ({ ...o, clustering: { ...o.clustering, primaryIndex: 3, isPrimary: true } });

  it('a peer that lists the others but is no longer listed by them is outside their cluster, whatever it believes', () => {
    expect(single.check(threePeers(true, selfPrimary))).toEqual(HOLDS);
    // The same belief inside the cluster is a disagreement.
    expectBroken(single.check(threePeers(false, selfPrimary)), /^peers disagree on the primary/);
  });

  it('a peer that is not joined, or lists only itself, is in no cluster', () => {
    expect(single.check(threePeers(false, (o) => ({ ...selfPrimary(o), clustering: { ...selfPrimary(o).clustering, joined: false } })))).toEqual(HOLDS);
    const onlyItself = (o: PeerObservation): PeerObservation => listing(selfPrimary(o), (e) => e.status === 'This system');
    expect(single.check(threePeers(false, onlyItself))).toEqual(HOLDS);
  });
});

// ── no-reset-without-trigger ─────────────────────────────────────────────────────────────────

describe('no-reset-without-trigger: peers outside the cluster, failed and repeated resets', () => {
  const trigger = inv('no-reset-without-trigger');
  // Three clustered peers and a standalone expc04, whose Peer N list starts empty.
  const { s, topology } = clustered({ peers: 4, clustered: 3 });
  const quiet = checkedWorld(s.after(MINUTE), topology);
  const at = quiet.twin.nowMs;
  const set = (peer: string, n: number, to: string) => event(peer, 'config.change', { key: `Alternates Peer ${n} Address`, from: '', to, via: 'web' }, at);
  const reset = (peer: string, ok = true) => event(peer, 'peer.factory-reset', { ok, version: 'X14.3.1', kept: [] }, at);

  it('a standalone peer has no list to clear: a reset without the script had no trigger (DOMAIN §9.1, §9.2)', () => {
    expectBroken(trigger.check(withEvents(quiet, [reset('expc04')])), /^expc04 was factory reset with no trigger: no Peer N list was cleared and saved/);
  });

  it('a standalone peer that was given a Peer N address has one set: a reset then is not triggered', () => {
    expectBroken(trigger.check(withEvents(quiet, [set('expc04', 1, '10.0.0.14'), reset('expc04')])), /^expc04 was factory reset with Peer N fields still set$/);
  });

  it('a reset that failed is no reset; a successful one uses up its trigger, so a second reset has none', () => {
    expect(trigger.check(withEvents(quiet, [reset('expc02', false)]))).toEqual(HOLDS);
    // Clearing the list as the twin journals it: each slot from its address to empty, in one save.
    const listed = quiet.twin.observe('expc02').clustering.entries.map((e) => e.address).filter(Boolean);
    const clearAll = listed.map((address, i) => event('expc02', 'config.change', { key: `Alternates Peer ${i + 1} Address`, from: address, to: '', via: 'web' }, at));
    expect(clearAll).toHaveLength(3);
    expect(trigger.check(withEvents(quiet, [...clearAll, reset('expc02')]))).toEqual(HOLDS);
    expectBroken(trigger.check(withEvents(quiet, [...clearAll, reset('expc02'), reset('expc02')])), /^expc02 was factory reset with no trigger/);
  });
});
