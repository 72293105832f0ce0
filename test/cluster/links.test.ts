// Links between peers and the alarms that follow them (DOMAIN §3 R5/R6/R14, §7.1, §10.2 B, §11.4):
// partitions (both ways and one way), power loss, H.323 mode Off, NAT between peers and round trips
// above 80 ms. Timings are read from the trace and from the peers' own log lines.
import { describe, expect, it } from 'vitest';
import { inOrder, ipOf, LINK_ALARMS, MINUTE, REBOOT, REPLICATION_PERIOD, SECOND, utcMs, world, type Scenario } from '../helpers/world.js';

/** A running three-peer cluster one minute in (all links up). */
function cluster3(seed = 1): Scenario {
  const s = world({ peers: 3, clustered: 3, seed });
  s.after(MINUTE);
  expect(s.healthy()).toBe(true);
  return s;
}

const PEER_LOSS = [
  'Detail="Processed mnesia_down event from accessible node"',
  'Detail="Inconsistent Database" Context="from mnesia system - mnesia down"',
  'Detail="Connecting database on mnesia running_partitioned_network event"',
  'Detail="Ready to perform node connection transaction"',
  'Detail="Running node connection transaction"',
  'Detail="Failed connecting to node"',
];

describe('links §10.2 B: a partition as the seed logs it', () => {
  it('partition {expc02}|{expc01,expc03}: expc01 logs mnesia_down … Failed connecting to node for expc02, then raises 20006 at +171 ms and 20004 at +418 ms', () => {
    // Regression (src/cluster/node.ts refreshAlarms): both alarms used to be raised together at +171 ms.
    const s = cluster3();
    const mark = s.peer(1).logLines().length;
    s.partition([2], [1, 3]);
    s.after(30 * SECOND);
    const lines = s.peer(1).logLines().slice(mark);
    const at = inOrder(lines, PEER_LOSS);
    expect(at).not.toContain(-1);
    expect(lines[at[0]!]).toContain('Node="clusterdb@expc02.example.com"');
    const down = s.events('cluster.link.down', { source: 1 }).find((e) => e.data.peer === ipOf(2))!;
    expect(utcMs(lines[at[0]!]!) - utcMs(lines[at[5]!]!)).toBeLessThanOrEqual(0);
    expect(s.raisedAfter(1, '20006', down.atMs)).toBe(171);
    expect(s.raisedAfter(1, '20004', down.atMs)).toBe(418);
    // …and in that order in the log, after the sequence.
    expect(inOrder(lines, ['Id="20006"', 'Id="20004"'], at[5]!)).not.toContain(-1);
  });

  it('partition {expc02}|{expc01,expc03}: expc01 retransmits RAS to 10.0.0.12:1719 (SCI/LRQ Retransmit=True), logs "External Server Communications Failure" gatekeeper timed out, then LRQ and SCI Timeout=True, on the seed\'s spacing', () => {
    const s = cluster3();
    const mark = s.peer(1).logLines().length;
    s.partition([2], [1, 3]);
    s.after(40 * SECOND);
    const lines = s.peer(1).logLines().slice(mark).filter((l) => l.includes('10.0.0.12'));
    const sci = /Sending RAS SCI  SeqNum=(\d+) Retransmit=True/;
    const at = inOrder(lines, [sci, /Sending RAS LRQ  SeqNum=\d+ Retransmit=True/, /Sending RAS LRQ  SeqNum=\d+ Retransmit=True/, sci,
      'Event="External Server Communications Failure" Reason="gatekeeper timed out" Service="NeighbourGatekeeper" Detail="name:10.0.0.12:1719"',
      /Sending RAS LRQ  SeqNum=\d+ Timeout=True/, /Sending RAS SCI  SeqNum=\d+ Timeout=True/]);
    expect(at, lines.join('\n')).not.toContain(-1);
    const t = at.map((i) => utcMs(lines[i]!));
    const t0 = t[0]!;
    // Seed (DOMAIN §10.2 B): LRQ +1 s and +3 s, SCI again +4 s, gatekeeper timeout +5 s, SCI Timeout +8 s.
    expect(t.map((x) => x - t0)).toEqual([0, 1000, 3000, 4000, 5000, 5000, 8000]);
    expect(lines[at[0]!]).toContain('Dst-ip="10.0.0.12" Dst-port="1719"');
    expect(lines[at[0]!]).toContain('Level="INFO":  Action="Sent"');
    // The same SCI sequence number is retransmitted and then times out.
    const seq = sci.exec(lines[at[0]!]!)![1];
    expect(lines[at[3]!]).toContain(`SCI  SeqNum=${seq} Retransmit=True`);
    expect(lines[at[6]!]).toContain(`SCI  SeqNum=${seq} Timeout=True`);
  });

  it('partition {expc02}|{expc01,expc03}: 20004/20006 raised once on every peer and held while it lasts (no lower/raise at each reconnect attempt)', () => {
    // Why exactly ['raise']: the failed link is retried every 10 s; each retry used to lower and
    // re-raise both alarms (regression, src/cluster/node.ts refreshAlarms).
    const s = cluster3();
    const from = s.now;
    s.partition([2], [1, 3]);
    s.after(5 * MINUTE);
    for (const n of [1, 2, 3]) {
      for (const id of LINK_ALARMS) {
        const ev = s.alarmEvents({ peer: n, id, since: from });
        expect(ev.map((e) => e.event), `expc0${n} ${id}`).toEqual(['raise']);
      }
    }
  });

  it('partition {expc02}|{expc01,expc03}, healed after 5 min: 20004/20006 lowered on every peer within one minute, every link Active', () => {
    const s = cluster3();
    s.partition([2], [1, 3]);
    s.after(5 * MINUTE);
    expect(s.peer(2).observe().clustering.databaseStatus).toBe('Inactive');
    expect(s.peer(1).observe().clustering.databaseStatus).toBe('Degraded');
    s.heal();
    const took = s.waitFor(() => s.healthy(), MINUTE);
    expect(took).toBeDefined();
    for (const o of s.all()) expect(o.clustering.entries.filter((e) => e.address && e.status !== 'This system').map((e) => e.status)).toEqual(['Active', 'Active']);
  });

  it.each(['outbound', 'inbound'] as const)('one-way partition (expc02 %s blocked): the links of expc02 fail on both sides, 20004/20006 on all three; heal clears them within one minute', (mode) => {
    const s = cluster3();
    s.peer(2).partitionFrom([1, 3], mode);
    s.after(30 * SECOND);
    for (const n of [1, 2, 3]) expect(s.peer(n).alarmIds(), `expc0${n}`).toEqual(expect.arrayContaining(['20004', '20006']));
    expect(s.peer(1).entry(2).status).toBe('Failed');
    expect(s.peer(3).entry(2).status).toBe('Failed');
    expect(s.peer(1).entry(3).status).toBe('Active');
    s.heal();
    expect(s.waitFor(() => s.healthy(), MINUTE)).toBeDefined();
  });
});

describe('links: power, H.323 mode, NAT, round-trip time', () => {
  it('power off expc03: expc01 and expc02 raise 20006 then 20004 (171/418 ms after the link drops) and show it Failed; after power on and boot all are Active within a minute of the boot', () => {
    const s = cluster3();
    s.peer(3).powerOff();
    s.after(30 * SECOND);
    for (const n of [1, 2]) {
      const down = s.events('cluster.link.down', { source: n }).find((e) => e.data.peer === ipOf(3))!;
      expect(s.raisedAfter(n, '20006', down.atMs)).toBe(171);
      expect(s.raisedAfter(n, '20004', down.atMs)).toBe(418);
      expect(s.peer(n).entry(3).status).toBe('Failed');
    }
    s.peer(3).powerOn();
    s.waitFor(() => s.peer(3).observe().state === 'running', 2 * REBOOT);
    expect(s.waitFor(() => s.healthy(), MINUTE)).toBeDefined();
  });

  it('H.323 mode Off on subordinate expc02: 20018 on expc02; expc01 and expc03 see it Failed (RAS dead) and raise 20004 but not 20006 (the database link is up); replication turns H.323 back On and all clear', () => {
    const s = cluster3();
    // Start right after expc02's replication run, so the primary's value returns a period later.
    const since = s.now;
    s.waitFor(() => s.events('cluster.replicated', { source: 2, since }).length > 0, REPLICATION_PERIOD + SECOND);
    s.peer(2).save({ 'H323 Mode': 'Off' });
    s.after(SECOND);
    expect(s.peer(2).alarmIds()).toContain('20018');
    s.after(30 * SECOND);
    for (const n of [1, 3]) {
      expect(s.peer(n).entry(2).status, `expc0${n} sees expc02`).toBe('Failed');
      expect(s.peer(n).alarmIds()).toContain('20004');
      expect(s.peer(n).alarmIds()).not.toContain('20006');
      expect(s.events('cluster.ras.dead', { source: n }).map((e) => e.data.peer)).toContain(ipOf(2));
    }
    const took = s.waitFor(() => s.peer(2).saved('H323 Mode') === 'On' && s.healthy() && !s.peer(2).hasAlarm('20018'), REPLICATION_PERIOD + 30 * SECOND);
    expect(took).toBeDefined();
  });

  it('NAT between peers: expc02 behind 192.0.2.10 and restarted: expc03 refuses its database connections as unexpected-source (20004/20006 on expc02 and expc03), expc01 gets its RAS answers from the wrong address (Failed, 20004); heal brings the cluster back', () => {
    const s = cluster3();
    s.twin.nat({ inside: ['expc02'], publicAddress: '192.0.2.10' });
    s.peer(2).restartAndWait();
    s.after(MINUTE);
    const rejects = s.events('cluster.db.reject').filter((e) => e.data.from === '192.0.2.10');
    expect(rejects.length).toBeGreaterThan(0);
    expect(new Set(rejects.map((e) => e.data.reason))).toEqual(new Set(['unexpected-source']));
    // The NAT rewrites what expc02 starts (its connection to the larger address, its RAS answers);
    // expc03 cannot match 192.0.2.10 to a Peer N entry (DOMAIN §3 R6).
    for (const n of [2, 3]) expect(s.peer(n).alarmIds(), `expc0${n}`).toEqual(expect.arrayContaining(['20004', '20006']));
    expect(s.peer(1).alarmIds()).toContain('20004');
    expect(s.peer(1).entry(2).status).toBe('Failed');
    expect(s.peer(3).entry(2).status).toBe('Failed');
    expect(s.peer(1).entry(3).status).toBe('Active');
    s.heal();
    expect(s.waitFor(() => s.healthy(), MINUTE)).toBeDefined();
  });

  it('round trip 90.5 ms between expc01 and expc02 (twin.latency +45 ms each way): that link fails with \'latency\' on both sides within 15 s, the others stay Active; heal restores it', () => {
    // Regression (src/cluster/dbLinks.ts): the RTT was checked only at the handshake, so a running
    // cluster never noticed a latency rise; and the waiting side reported 'no-contact' instead.
    const s = cluster3();
    const f = s.twin.latency({ from: 'expc01', to: 'expc02', latencyMsMean: 45, latencyMsJitter: 0 });
    const ok = s.waitFor(() => s.peer(1).entry(2).failure === 'latency' && s.peer(2).entry(1).failure === 'latency', 15 * SECOND);
    expect(ok).toBeDefined();
    s.after(MINUTE);
    expect(s.peer(1).entry(2)).toMatchObject({ status: 'Failed', failure: 'latency' });
    expect(s.peer(2).entry(1)).toMatchObject({ status: 'Failed', failure: 'latency' });
    expect(s.peer(1).entry(3).status).toBe('Active');
    expect(s.peer(2).entry(3).status).toBe('Active');
    expect(s.peer(3).alarmIds().filter((id) => LINK_ALARMS.includes(id))).toEqual([]);
    expect(s.peer(1).alarmIds()).toEqual(expect.arrayContaining(['20004', '20006']));
    s.twin.heal(f.id);
    expect(s.waitFor(() => s.healthy(), MINUTE)).toBeDefined();
  });

  it('round trip 70.5 ms between expc01 and expc02 (+35 ms each way): below the 80 ms limit every link stays Active for 10 min, with no 20004/20006', () => {
    const s = cluster3();
    const from = s.now;
    s.twin.latency({ from: 'expc01', to: 'expc02', latencyMsMean: 35, latencyMsJitter: 0 });
    s.after(10 * MINUTE);
    expect(s.healthy()).toBe(true);
    expect(s.alarmEvents({ since: from }).filter((e) => LINK_ALARMS.includes(e.id))).toEqual([]);
  });

  it('a 90 ms round trip built into the topology: the expc01-expc02 link never forms (\'latency\'), expc03 links do', () => {
    const s = world({ peers: 3, clustered: 3, topology: { network: { links: [{ between: ['expc01', 'expc02'], rttMs: 90 }] } } });
    s.after(MINUTE);
    expect(s.peer(1).entry(2)).toMatchObject({ status: 'Failed', failure: 'latency' });
    expect(s.peer(2).entry(1)).toMatchObject({ status: 'Failed', failure: 'latency' });
    expect(s.peer(3).observe().clustering.databaseStatus).toBe('Active');
  });

  // DOMAIN §3 R5: "RTT ≤ 80 ms". A link's rttMs is the round trip itself (it replaces the base
  // latency), so the supported maximum is written as 80 and works; a hair above it does not.
  it.each([
    [80, 'Active', undefined],
    [80.5, 'Failed', 'latency'],
  ] as const)('a link with rttMs %s between expc01 and expc02: the entry is %s after 5 min', (rttMs, status, failure) => {
    const s = world({ peers: 2, clustered: 2, topology: { network: { links: [{ between: ['expc01', 'expc02'], rttMs }] } } });
    s.after(5 * MINUTE);
    for (const [n, other] of [[1, 2], [2, 1]] as const) {
      expect(s.peer(n).entry(other).status, `expc0${n}`).toBe(status);
      expect(s.peer(n).entry(other).failure, `expc0${n}`).toBe(failure);
    }
  });
});
