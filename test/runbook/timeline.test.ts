// The story of a run (src/runbook/timeline.ts): outages from peer state changes, alarm spans from
// raises and lowers, and degraded time as the union of 20004/20006 spans on any peer — checked on
// tiny runbooks whose answers are known from the timings table, on a synthetic trace whose answer
// is worked out by hand, and against an independent sweep over real runs.
import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../src/runbook/timeline.js';
import { textReport } from '../../src/runbook/report/text.js';
import { runRunbook, type RunResult } from '../../src/runbook/run.js';
import type { Runbook, Step } from '../../src/runbook/schema.js';
import { createTwin, TIMINGS, type Topology, type TraceEvent } from '../../src/twin.js';

const TWO_PEERS: Topology = {
  peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }, { name: 'expc02', lan1: { ipv4: '10.0.0.12' } }],
  cluster: { peers: ['expc01', 'expc02'] },
};

function run(steps: Step[], faults: Runbook['faults'] = []): RunResult {
  return runRunbook({ name: 'tiny', seed: 5, topology: TWO_PEERS, faults, steps });
}

/** A RunResult around a hand-written trace (buildTimeline reads only events, steps and endMs). */
function synthetic(events: Omit<TraceEvent, 'seq'>[], endMs: number): RunResult {
  const twin = createTwin({ seed: 1, topology: TWO_PEERS });
  return { name: 'synthetic', seed: 1, passed: true, twinFaults: [], steps: [], failures: [], events: events.map((e, seq) => ({ ...e, seq })), endMs, twin, traceHash: '', armedTraps: [] };
}

const KEYS: Record<string, string> = { '20004': 'cluster-communication-failure', '20006': 'cluster-database-communication-failure', '20007': 'restart-required-cluster-configuration' };
const raise = (peer: string, id: string, atMs: number) => ({ atMs, source: peer, kind: 'alarm.raise', data: { key: KEYS[id], id } });
const lower = (peer: string, id: string, atMs: number) => ({ atMs, source: peer, kind: 'alarm.lower', data: { key: KEYS[id], id } });

/** Degraded time by a sweep over the trace (a different method from the timeline's sort-and-merge). */
function sweptDegradedMs(r: RunResult): number {
  const up = new Set<string>();
  let total = 0;
  let since = 0;
  for (const e of r.events) {
    if ((e.kind !== 'alarm.raise' && e.kind !== 'alarm.lower') || (e.data.id !== '20004' && e.data.id !== '20006')) continue;
    const key = `${e.source}/${String(e.data.key)}`;
    const before = up.size;
    if (e.kind === 'alarm.raise') up.add(key);
    else up.delete(key);
    if (before === 0 && up.size > 0) since = e.atMs;
    if (before > 0 && up.size === 0) total += e.atMs - since;
  }
  return total + (up.size > 0 ? r.endMs - since : 0);
}

describe('outages', () => {
  it('a restart gives one outage of exactly TIMINGS.restartDurationMs, from the restart step', () => {
    const r = run([{ wait: '1m' }, { peer: 'expc02', restart: 'restart' }, { wait: { until: { peer: 'expc02', state: 'running' }, limit: '10m' } }, { wait: '1m' }]);
    expect(buildTimeline(r).outages).toEqual([
      { peer: 'expc02', state: 'restarting', fromMs: r.steps[1]!.startMs, toMs: r.steps[1]!.startMs + TIMINGS.restartDurationMs },
    ]);
  });

  it('a reboot gives one outage of TIMINGS.rebootDurationMs', () => {
    const r = run([{ wait: '1m' }, { peer: 'expc01', restart: 'reboot' }, { wait: '10m' }]);
    const [o] = buildTimeline(r).outages;
    expect(buildTimeline(r).outages).toHaveLength(1);
    expect({ peer: o!.peer, state: o!.state, ms: o!.toMs! - o!.fromMs }).toEqual({ peer: 'expc01', state: 'rebooting', ms: TIMINGS.rebootDurationMs });
  });

  it('a peer powered off and never back is an open outage, reported as still down', () => {
    const r = run([{ wait: '1m' }, { peer: 'expc02', power: 'off' }, { wait: '2m' }]);
    expect(buildTimeline(r).outages).toEqual([{ peer: 'expc02', state: 'poweredOff', fromMs: r.steps[1]!.startMs }]);
    expect(textReport(r)).toContain(`outage: expc02 poweredOff from T+00:01:00.000 (still down)`);
  });

  it('a run with no state changes after boot has no outage', () => {
    expect(buildTimeline(run([{ wait: '5m' }])).outages).toEqual([]);
  });
});

describe('alarm spans and degraded time', () => {
  it('synthetic: overlapping 20004/20006 on two peers count once, 20007 not at all, an open span runs to the end', () => {
    // 20004 expc01 [10 s, 30 s] ∪ 20006 expc02 [20 s, 50 s] = 40 s; 20004 expc02 from 90 s to the end (120 s) = 30 s.
    const r = synthetic([
      raise('expc01', '20007', 0), raise('expc01', '20004', 10_000), raise('expc02', '20006', 20_000), lower('expc01', '20004', 30_000),
      lower('expc02', '20006', 50_000), raise('expc02', '20004', 90_000), lower('expc01', '20007', 100_000),
    ], 120_000);
    const t = buildTimeline(r);
    expect(t.degradedMs).toBe(70_000);
    expect(t.alarms.map((a) => [a.peer, a.id, a.fromMs, a.toMs])).toEqual([
      ['expc01', '20004', 10_000, 30_000], ['expc02', '20006', 20_000, 50_000], ['expc01', '20007', 0, 100_000], ['expc02', '20004', 90_000, undefined],
    ]);
  });

  it('synthetic: spans that only touch are merged without double counting', () => {
    const r = synthetic([raise('expc01', '20004', 0), lower('expc01', '20004', 10_000), raise('expc02', '20004', 10_000), lower('expc02', '20004', 25_000)], 60_000);
    expect(buildTimeline(r).degradedMs).toBe(25_000);
  });

  it('a healthy cluster left alone is never degraded', () => {
    const r = run([{ wait: '10m' }]);
    expect(buildTimeline(r).degradedMs).toBe(0);
  });

  it('a partition of expc02 for 5 minutes degrades the cluster for about that long, as a sweep over the trace finds', () => {
    const r = run([{ wait: '1m' }, { fault: { kind: 'partition', groups: [['expc01'], ['expc02']] } }, { wait: '5m' }, { heal: 'all' }, { wait: '5m' }]);
    const t = buildTimeline(r);
    expect(t.degradedMs).toBe(sweptDegradedMs(r));
    // Alarms rise within a minute of the cut and clear within a minute of the heal.
    expect(t.degradedMs).toBeGreaterThan(4 * 60_000);
    expect(t.degradedMs).toBeLessThan(7 * 60_000);
  });

  it('the add-peer style restart: degraded time equals an independent sweep over the same trace', () => {
    const r = run([{ wait: '1m' }, { peer: 'expc02', restart: 'restart' }, { wait: '10m' }]);
    expect(sweptDegradedMs(r)).toBeGreaterThan(0);
    expect(buildTimeline(r).degradedMs).toBe(sweptDegradedMs(r));
  });
});

describe('entries', () => {
  it('are in time order, and at the same instant the operator step comes before what it caused', () => {
    const r = run([{ wait: '1m' }, { peer: 'expc02', restart: 'restart' }, { wait: '5m' }]);
    const e = buildTimeline(r).entries;
    expect(e.map((x) => x.atMs)).toEqual([...e.map((x) => x.atMs)].sort((a, b) => a - b));
    const restart = e.findIndex((x) => x.kind === 'step' && x.text.startsWith('#2 '));
    const stateChange = e.findIndex((x) => x.kind === 'state' && x.source === 'expc02' && x.text === 'running → restarting');
    expect(restart).toBeGreaterThanOrEqual(0);
    expect(e[restart]!.atMs).toBe(e[stateChange]!.atMs);
    expect(restart).toBeLessThan(stateChange);
  });

  it('faults, heals, refused actions and failed expectations appear as their own kinds, with their sources', () => {
    const r = run([
      { wait: '1m' },
      { fault: { kind: 'power-loss', peer: 'expc02' } },
      { peer: 'expc01', tshell: 'xCommand NoSuchCommand' },
      { heal: 'all' },
      { expect: { peer: 'expc02', state: 'poweredOff' } },
    ]);
    const e = buildTimeline(r).entries.filter((x) => ['fault', 'heal', 'failed'].includes(x.kind)).map((x) => [x.atMs, x.source, x.kind, x.text]);
    // A refusal is entered when its step ends (62 s), the same instant the next step heals.
    expect(e).toHaveLength(4);
    expect(e).toEqual(expect.arrayContaining([
      [60_000, 'fault', 'fault', 'power-loss: power lost on expc02'],
      [62_000, 'operator', 'failed', '#3 refused: XTW_ERR_OP_TSHELL_UNKNOWN_COMMAND: Unknown command: xCommand NoSuchCommand'],
      [62_000, 'fault', 'heal', 'healed fault 1 (power-loss)'],
      // Healing a power loss powers the peer on, so it is booting, not off, when the expectation is judged.
      [63_000, 'expect', 'failed', 'expc02: state poweredOff — saw state booting'],
    ]));
  });
});
