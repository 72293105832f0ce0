// Boot order (DOMAIN §3 R20, §6.15; src/cluster/startOrder.ts): a subordinate restarted into a cluster
// change while its primary restarts comes up first, waits a minute, finds the primary's box answering
// but its database silent, and takes control; 20024 follows on every peer linked to it. A primary
// lost to a power cut is no ordering mistake, and a boot with nothing out of order judges nothing
// (no knock on the primary's database port). The twin's way back: restart it (assumption).
import { describe, expect, it } from 'vitest';
import { CLUSTER_DB_PORT } from '../../src/cluster/protocol.js';
import { fqdnOf, ipOf, MINUTE, nameOf, world, type Scenario } from '../helpers/world.js';

const INCONSISTENT = '20024';

/** A cluster change every peer must restart for: Enforce, saved on the primary, replicates at once (DOMAIN §6.13). */
function enforcePending(peers: number, tracePackets = false): Scenario {
  const s = world({ peers, clustered: peers, addressing: 'fqdn', tracePackets }).after(MINUTE);
  s.peer(1).save({ 'Alternates Cluster TLSVerificationMode': 'Enforcing' });
  return s.after(1000);
}

/**
 * Knocks on the primary's database port from a subordinate (packets are traced only in worlds built
 * with tracePackets). Only the smaller address opens a database link, and the primary expc01 has it.
 */
function probes(s: Scenario): number {
  return s.events('net.send').filter((e) => {
    const d = e.data as { srcHost?: string; dst?: string };
    return d.srcHost !== nameOf(1) && d.dst === `${ipOf(1)}:${CLUSTER_DB_PORT}`;
  }).length;
}

/** Every 20024 raise on a peer lasts at least `minMs` (or to the end of the run): no flap. */
function noFlap(s: Scenario, minMs: number): void {
  const events = s.alarmEvents({ id: INCONSISTENT });
  for (const [i, e] of events.entries()) {
    if (e.event !== 'raise') continue;
    const lower = events.slice(i + 1).find((l) => l.peer === e.peer && l.event === 'lower');
    if (lower) expect(lower.atMs - e.atMs, `${e.peer} 20024 raised at ${e.atMs}, lowered at ${lower.atMs}`).toBeGreaterThanOrEqual(minMs);
  }
}

describe('boot order §3 R20', () => {
  it('the right way (DOMAIN §6.13, §6.15: primary first, then each subordinate) raises no 20024 and probes nothing', () => {
    const s = enforcePending(3, true);
    s.peer(1).restartAndWait();
    s.after(MINUTE);
    s.peer(2).restartAndWait();
    s.after(MINUTE);
    s.peer(3).restartAndWait();
    s.after(MINUTE);
    expect(s.alarmEvents({ id: INCONSISTENT })).toEqual([]);
    expect(probes(s)).toBe(0);
    expect(s.healthy()).toBe(true);
  });

  it('settled subordinates (no cluster change pending) restarted while the primary reboots rejoin it: no 20024, no probe', () => {
    const s = world({ peers: 3, clustered: 3, tracePackets: true }).after(MINUTE);
    s.twin.reboot('expc01');
    // A second later: the subordinates' database links have seen the primary go.
    s.after(1000).peer(2).restart();
    s.peer(3).restart();
    s.waitFor(() => s.all().every((o) => o.serving), 10 * MINUTE);
    s.after(2 * MINUTE);
    expect(s.alarmEvents({ id: INCONSISTENT })).toEqual([]);
    expect(probes(s)).toBe(0);
  });

  it('with a cluster change pending, subordinates restarted while the primary reboots come up first: 20024 on every peer once the primary is back, held without a flap; restarting each subordinate while the primary runs clears it', () => {
    const s = enforcePending(3, true);
    s.twin.reboot('expc01');
    // A second later: the subordinates' database links have seen the primary go.
    s.after(1000).peer(2).restart();
    s.peer(3).restart();
    s.waitFor(() => s.all().every((o) => o.serving), 10 * MINUTE);
    s.after(MINUTE);
    for (const n of [1, 2, 3]) expect(s.peer(n).hasAlarm(INCONSISTENT)).toBe(true);
    // Each subordinate probed the primary's box twice: half a minute and a minute after it came up.
    expect(probes(s)).toBe(4);
    s.peer(2).restartAndWait();
    s.after(MINUTE);
    // expc03 still holds control: the alarm stays wherever a link to it is up.
    expect(s.peer(1).hasAlarm(INCONSISTENT)).toBe(true);
    expect(s.peer(2).hasAlarm(INCONSISTENT)).toBe(true);
    s.peer(3).restartAndWait();
    s.after(MINUTE);
    for (const n of [1, 2, 3]) expect(s.peer(n).hasAlarm(INCONSISTENT)).toBe(false);
    noFlap(s, MINUTE);
  });

  it('a restart gives control up (assumption): subordinates in control restarted while the primary is powered off wait for it and join it, no 20024 from then on', () => {
    const s = enforcePending(3);
    s.twin.reboot('expc01');
    s.after(1000).peer(2).restart();
    s.peer(3).restart();
    s.waitFor(() => s.peer(2).observe().serving && s.peer(3).observe().serving, 10 * MINUTE);
    // A minute after their boot, the primary still rebooting: both took control, and see it in each other.
    s.after(MINUTE + 1000);
    expect(s.peer(1).observe().serving).toBe(false);
    expect(s.peer(2).hasAlarm(INCONSISTENT)).toBe(true);
    expect(s.peer(3).hasAlarm(INCONSISTENT)).toBe(true);
    s.peer(1).powerOff();
    s.peer(2).restart();
    s.peer(3).restartAndWait();
    const since = s.now;
    s.after(2 * MINUTE);
    s.peer(1).powerOn();
    s.waitFor(() => s.peer(1).observe().serving, 10 * MINUTE);
    s.after(MINUTE);
    expect(s.alarmEvents({ id: INCONSISTENT, since, event: 'raise' })).toEqual([]);
    expect(s.healthy()).toBe(true);
  });

  it('a subordinate restarted into the change while cut off from the restarted primary, the network healing just before its wait ends, rejoins the primary: no 20024', () => {
    const s = enforcePending(3);
    s.peer(1).restart();
    // expc03 saw the primary close its link (an orderly restart), then lost the network to it.
    s.after(1000).partition([3], [1, 2]);
    s.waitFor(() => s.peer(1).observe().serving, 10 * MINUTE);
    s.after(MINUTE);
    // expc03 has not relinked to the primary since its restart (the partition): its own restart is out of order.
    s.peer(3).restartAndWait();
    // Healed half a second before its last look: the primary's box answers, and its database relinks a retry period later.
    s.after(59_500);
    s.heal();
    s.after(3 * MINUTE);
    expect(s.alarmEvents({ id: INCONSISTENT })).toEqual([]);
    expect(s.healthy()).toBe(true);
  });

  it("a primary whose database runs but cannot link (its DNS has no answer for the subordinate's name) answers the knock: no 20024", () => {
    const s = enforcePending(3, true);
    // From the primary's restart on, it cannot resolve expc02: its database never links to it (expc03 would show 20024 if expc02 took control).
    s.twin.dnsFailure({ name: fqdnOf(2), failure: 'nxdomain', forHost: nameOf(1) });
    s.peer(1).restartAndWait();
    s.after(MINUTE);
    s.peer(2).restartAndWait();
    s.after(2 * MINUTE);
    // It knocked (out of order: the primary had closed its link and not relinked) and was answered.
    expect(probes(s)).toBeGreaterThan(0);
    expect(s.alarmEvents({ id: INCONSISTENT })).toEqual([]);
  });

  it('a primary lost to a power cut is no ordering mistake: a subordinate restarted into the change meanwhile rejoins it, no 20024', () => {
    const s = enforcePending(2, true);
    s.peer(1).powerOff();
    s.after(1000).peer(2).restartAndWait();
    s.after(MINUTE);
    s.peer(1).powerOn();
    s.waitFor(() => s.peer(1).observe().serving, 10 * MINUTE);
    s.after(2 * MINUTE);
    expect(s.alarmEvents({ id: INCONSISTENT })).toEqual([]);
    expect(probes(s)).toBe(0);
  });

  it('a subordinate that boots while its primary is powered off proves nothing (the probe times out): no 20024 when the primary returns', () => {
    const s = enforcePending(2);
    s.twin.reboot('expc01');
    s.after(1000).peer(2).restart();
    // The primary's box goes dark while it reboots: the subordinate's probe finds nobody.
    s.after(1000).peer(1).powerOff();
    s.waitFor(() => s.peer(2).observe().serving, 10 * MINUTE);
    s.after(2 * MINUTE);
    s.peer(1).powerOn();
    s.waitFor(() => s.peer(1).observe().serving, 10 * MINUTE);
    s.after(2 * MINUTE);
    expect(s.alarmEvents({ id: INCONSISTENT })).toEqual([]);
    expect(s.healthy()).toBe(true);
  });
});
