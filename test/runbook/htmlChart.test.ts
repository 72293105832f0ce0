// The HTML report's timeline chart (src/runbook/report/htmlChart.ts) puts every mark where its own
// title says it happened: each bar starts at its "from" time and ends at its "to" time on the axis
// the chart draws, each step tick sits at its step's start, each gridline at its label's time; rows of
// a lane lie top to bottom (state, outages, alarms, traps) inside the lane, and alarms that overlap
// in time stack instead of hiding each other. Checked on procedures with restarts, faults, traps
// and a twin fault, reading only the SVG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/load.js';
import { htmlReport } from '../../src/runbook/report/html.js';
import { tickStepMs } from '../../src/runbook/report/htmlChart.js';
import { formatVirtualTime } from '../../src/twin.js';
import { runRunbook, type RunResult } from '../../src/runbook/run.js';
import { ROOT } from '../arch/sources.js';
import { FORCED, RESTART_YAML, runbookOf, withLifecycleCrash } from '../helpers/modelFault.js';

function run(file: string): RunResult {
  const r = parseRunbook(readFileSync(join(ROOT, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return runRunbook(r.runbook);
}

const msOf = (t: string): number => {
  const m = /^T\+(\d+):(\d\d):(\d\d)\.(\d{3})$/.exec(t);
  if (!m) throw new Error(`not a virtual time: ${t}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]);
};
const num = (attrs: string, name: string): number => Number(new RegExp(`\\b${name}="([^"]+)"`).exec(attrs)![1]);
const TIME = 'T\\+[\\d:.]+';

interface Bar { cls: string; x: number; y: number; width: number; height: number; title: string; fromMs: number; toMs?: number }

/** The chart of a run, read back: the axis it draws and every titled bar, tick and gridline. */
function chartOf(r: RunResult) {
  const svg = htmlReport(r).match(/<svg[\s\S]*?<\/svg>/)![0];
  const axis = /<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="[\d.]+" class="axis"\/>/.exec(svg)!;
  const [left, bottom, right] = [Number(axis[1]), Number(axis[2]), Number(axis[3])];
  const end = Math.max(r.endMs, 1);
  const xOf = (ms: number) => left + ((right - left) * Math.min(ms, end)) / end;
  const bars: Bar[] = [...svg.matchAll(/<rect ([^>]*)><title>([^<]*)<\/title><\/rect>/g)].map(([, attrs, title]) => {
    const from = new RegExp(`from (${TIME})`).exec(title!)![1]!;
    const to = new RegExp(`to (${TIME})`).exec(title!)?.[1];
    return {
      cls: /class="([^"]+)"/.exec(attrs!)![1]!, x: num(attrs!, 'x'), y: num(attrs!, 'y'), width: num(attrs!, 'width'), height: num(attrs!, 'height'),
      title: title!, fromMs: msOf(from), ...(to ? { toMs: msOf(to) } : {}),
    };
  });
  const lanes = [...svg.matchAll(/<g class="peer-lane" data-peer="([^"]+)">([\s\S]*?)<\/g><line x1="0" y1="([\d.]+)"/g)].map(([, peer, body, edge]) => ({ peer: peer!, body: body!, edge: Number(edge) }));
  return { svg, left, right, bottom, end, xOf, bars, lanes };
}

/** Every bar of the chart starts at its "from" and ends at its "to" (or the end), at least 1.5 wide. */
function expectBarsAtTheirTimes(c: ReturnType<typeof chartOf>): void {
  expect(c.bars.length).toBeGreaterThan(0);
  for (const b of c.bars) {
    expect(b.x, b.title).toBeCloseTo(c.xOf(b.fromMs), 0);
    expect(b.width, b.title).toBeCloseTo(Math.max(1.5, c.xOf(b.toMs ?? c.end) - c.xOf(b.fromMs)), 0);
    if (b.toMs === undefined) expect(b.title).toMatch(/to the end|still armed at the end/);
  }
}

describe('the timeline chart puts every mark at its time', () => {
  const addPeer = run('scenarios/procedures/add-peer.yaml');
  const c = chartOf(addPeer);

  it('an axis from the left margin to the right, under every lane; the svg is as tall as the chart', () => {
    expect(c.left).toBeGreaterThan(100);
    expect(c.right).toBeGreaterThan(c.left + 800);
    expect(c.svg).toMatch(new RegExp(`^<svg width="(\\d+)" height="${c.bottom + 24}" viewBox="0 0 \\1 ${c.bottom + 24}"`));
    expect(Math.max(...c.lanes.map((l) => l.edge))).toBeLessThan(c.bottom);
  });

  it('state, outage and alarm bars from their start to their end', () => {
    expect(new Set(c.bars.map((b) => b.cls))).toEqual(new Set(['st-running', 'st-starting', 'outage', 'alarm', 'alarm-comm']));
    expectBarsAtTheirTimes(c);
    // A restarting peer: its state bar ends where its outage does.
    const outage = c.bars.find((b) => b.cls === 'outage')!;
    expect(c.bars.some((b) => b.cls === 'st-starting' && b.fromMs === outage.fromMs)).toBe(true);
  });

  it('each lane\'s state row: that peer\'s lifecycle states in order, end to end, a state held for no time left out', () => {
    const states = (ch: ReturnType<typeof chartOf>, peer: string) =>
      ch.bars.filter((b) => b.cls.startsWith('st-') && b.title.startsWith(`${peer} `)).map((b): [string, string | undefined, number, number | undefined] => [b.cls, b.title.split(' ')[1], b.fromMs, b.toMs]);
    expect(states(c, 'expc01')).toEqual([['st-running', 'running', 0, undefined]]);
    expect(states(c, 'expc03')).toEqual([['st-running', 'running', 0, 97_000], ['st-starting', 'restarting', 97_000, 277_000], ['st-running', 'running', 277_000, undefined]]);
    const off = chartOf(run('scenarios/procedures/change-primary-old-primary-down.yaml'));
    expect(states(off, 'expc01')).toEqual([['st-running', 'running', 0, 60_000], ['st-poweredOff', 'poweredOff', 60_000, undefined]]);
    // remove-peer: expc02 passes through 'restarting' in no time at all (the next state follows in the same millisecond).
    const removed = run('scenarios/procedures/remove-peer.yaml');
    const own = removed.events.filter((e) => e.kind === 'peer.state' && e.source === 'expc02');
    const instant = own.find((e, i) => own[i + 1]?.atMs === e.atMs)!;
    expect(instant.data.state).toBe('restarting');
    const rows = states(chartOf(removed), 'expc02');
    expect(rows.length).toBeGreaterThan(1);
    rows.forEach(([, , from, to], i) => {
      expect(to === undefined || to > from).toBe(true);
      expect(from).toBe(i === 0 ? 0 : rows[i - 1]![3]);
    });
    expect(rows.at(-1)![3]).toBeUndefined();
    expect(rows.some(([, state, from]) => state === 'restarting' && from === instant.atMs)).toBe(false);
  });

  it('the transitional states — booting, restarting, rebooting — share one colour; every other state has its own', () => {
    const seen = new Map<string, string>();
    for (const file of ['scenarios/procedures/factory-reset-fresh-ova.yaml', 'scenarios/procedures/rebuild-cluster-fresh-ova.yaml', 'scenarios/procedures/database-failure-recovery.yaml']) {
      for (const b of chartOf(run(file)).bars.filter((x) => x.cls.startsWith('st-'))) seen.set(b.title.split(' ')[1]!, b.cls);
    }
    for (const [state, cls] of seen) expect(cls, state).toBe(['booting', 'restarting', 'rebooting'].includes(state) ? 'st-starting' : `st-${state}`);
    expect([...seen.keys()]).toEqual(expect.arrayContaining(['running', 'restarting', 'rebooting', 'booting']));
  });

  it('each step tick at its step\'s start, each gridline at its label', () => {
    const ticks = [...c.svg.matchAll(/<line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)" class="step"><title>#(\d+) [^<]* at (T\+[\d:.]+)<\/title>/g)];
    expect(ticks).toHaveLength(addPeer.steps.length);
    for (const [, x1, y1, x2, y2, n, at] of ticks) {
      expect(Number(x1)).toBeCloseTo(c.xOf(addPeer.steps[Number(n) - 1]!.startMs), 0);
      expect(msOf(at!)).toBe(addPeer.steps[Number(n) - 1]!.startMs);
      expect([Number(x2), Number(y2) - Number(y1)]).toEqual([Number(x1), 14]);
      expect(Number(y1)).toBeGreaterThan(Math.max(...c.lanes.map((l) => l.edge)));
      expect(Number(y2)).toBeLessThan(c.bottom);
    }
    const grid = [...c.svg.matchAll(/<line x1="([\d.]+)" y1="22" x2="\1" y2="([\d.]+)" class="grid"\/><text x="\1" y="([\d.]+)" class="tick" text-anchor="middle">(T\+[\d:]+)<\/text>/g)];
    expect(grid.length).toBeGreaterThanOrEqual(3);
    for (const [, x, y2, ty, label] of grid) {
      expect(Number(x)).toBeCloseTo(c.xOf(msOf(`${label}.000`)), 0);
      expect([Number(y2), Number(ty)]).toEqual([c.bottom, c.bottom + 14]);
    }
  });

  it('a lane holds its rows top to bottom — state, outages, alarms, traps — between the lanes around it', () => {
    let top = 0;
    for (const lane of c.lanes) {
      const rows = [...lane.body.matchAll(/<text x="142" y="([\d.]+)" class="row-label" text-anchor="end">(\w+)<\/text>/g)].map(([, y, label]) => [label, Number(y)] as const);
      expect(rows.map(([label]) => label)).toEqual(['state', 'outages', 'alarms', 'traps']);
      const ys = rows.map(([, y]) => y);
      expect(ys).toEqual([...ys].sort((a, b) => a - b));
      expect(new Set(ys).size).toBe(4);
      const bars = [...lane.body.matchAll(/<rect ([^>]*)>/g)].map(([, a]) => ({ cls: /class="([^"]+)"/.exec(a!)![1]!, y: num(a!, 'y'), height: num(a!, 'height') }));
      for (const b of bars) {
        expect(b.y, lane.peer).toBeGreaterThanOrEqual(top);
        expect(b.y + b.height, lane.peer).toBeLessThanOrEqual(lane.edge);
      }
      const rowOf = (cls: string) => (cls.startsWith('st-') ? 0 : cls === 'outage' ? 1 : cls.startsWith('alarm') ? 2 : 3);
      // Each bar is below the label of its row and above the label of the next.
      for (const b of bars) {
        const r = rowOf(b.cls);
        if (r > 0) expect(b.y, `${lane.peer} ${b.cls}`).toBeGreaterThan(ys[r - 1]!);
        if (r < 3) expect(b.y, `${lane.peer} ${b.cls}`).toBeLessThan(ys[r + 1]!);
      }
      top = lane.edge;
    }
  });

  it('alarms of one peer that overlap in time are drawn on separate tracks, those that do not share one', () => {
    for (const lane of c.lanes) {
      const alarms = c.bars.filter((b) => b.cls.startsWith('alarm') && b.title.startsWith(`${lane.peer} alarm`));
      for (const a of alarms) {
        for (const b of alarms) {
          if (a === b) continue;
          const overlap = a.fromMs < (b.toMs ?? Infinity) && b.fromMs < (a.toMs ?? Infinity);
          if (overlap) expect(a.y, `${a.title} / ${b.title}`).not.toBe(b.y);
        }
      }
      // Tracks are reused: no more tracks than alarms up at the same moment.
      const most = Math.max(0, ...alarms.map((a) => alarms.filter((b) => b.fromMs <= a.fromMs && a.fromMs < (b.toMs ?? Infinity)).length));
      expect(new Set(alarms.map((a) => a.y)).size, lane.peer).toBe(most);
    }
    const stacked = c.lanes.find((l) => l.peer === 'expc01')!;
    expect(new Set(c.bars.filter((b) => b.title.startsWith('expc01 alarm')).map((b) => b.y)).size).toBeGreaterThan(1);
    expect(stacked).toBeDefined();
  });

  it('cluster communication alarms (20004, 20006) in their own colour, other alarms plain', () => {
    for (const b of c.bars.filter((x) => x.cls.startsWith('alarm'))) {
      expect(b.cls, b.title).toBe(/ alarm 2000[46] /.test(b.title) ? 'alarm-comm' : 'alarm');
    }
  });

  it('a healed fault ends at its heal, named by its id, kind and description', () => {
    const healed = run('scenarios/procedures/lost-peer-licences.yaml');
    const ch = chartOf(healed);
    const faults = ch.bars.filter((b) => b.cls === 'fault');
    const injected = healed.events.filter((e) => e.kind === 'fault.inject');
    expect(faults).toHaveLength(injected.length);
    for (const [i, e] of injected.entries()) {
      const heal = healed.events.find((h) => h.kind === 'fault.heal' && h.data.id === e.data.id)!;
      expect(heal.atMs).toBeGreaterThan(e.atMs);
      expect(faults[i]!.title).toBe(`fault ${String(e.data.id)} ${String(e.data.kind)}: ${String(e.data.description)}, from ${formatVirtualTime(e.atMs)} to ${formatVirtualTime(heal.atMs)}`);
    }
    expectBarsAtTheirTimes(ch);
  });

  it('axis ticks: the smallest round step that gives at most twelve intervals; hours beyond six-hour steps', () => {
    expect(tickStepMs(12_000)).toBe(1_000);
    expect(tickStepMs(12_001)).toBe(2_000);
    expect(tickStepMs(12 * 60_000)).toBe(60_000);
    expect(tickStepMs(12 * 60_000 + 1)).toBe(120_000);
    expect(tickStepMs(12 * 6 * 3_600_000)).toBe(6 * 3_600_000);
    expect(tickStepMs(12 * 6 * 3_600_000 + 1)).toBe(7 * 3_600_000);
    expect(tickStepMs(12 * 10 * 3_600_000)).toBe(10 * 3_600_000);
  });

  it('faults from injection to heal; traps from armed to undone, or to the end; the twin fault as a line at its time', () => {
    const faulted = chartOf(run('scenarios/procedures/change-primary-old-primary-down.yaml'));
    expect(faulted.bars.some((b) => b.cls === 'fault')).toBe(true);
    expectBarsAtTheirTimes(faulted);
    const trapped = chartOf(run('scenarios/wrong-way/retype-peer-list.yaml'));
    expect(trapped.bars.filter((b) => b.cls === 'trap-undone').map((b) => [b.fromMs, b.toMs])).toEqual([[60_000, 21 * 60_000 + 1_000]]);
    expectBarsAtTheirTimes(trapped);
    // The old primary keeps its cluster configuration to the end (a stale member, left armed on purpose).
    const armed = faulted.bars.filter((b) => b.cls === 'trap');
    expect(armed.length).toBeGreaterThan(0);
    for (const b of armed) expect(b.title).toMatch(/^trap .* \[stale-member\] armed from T\+[\d:.]+, still armed at the end$/);
    const halted = withLifecycleCrash(FORCED, () => runRunbook(runbookOf(RESTART_YAML)));
    const h = chartOf(halted);
    const mark = /<line x1="([\d.]+)" y1="22" x2="\1" y2="([\d.]+)" class="twin-fault-mark"><title>the twin faulted at T\+00:01:00\.000<\/title><\/line>/.exec(h.svg)!;
    expect(Number(mark[1])).toBeCloseTo(h.xOf(60_000), 0);
    expect(Number(mark[2])).toBe(h.bottom);
  });
});
