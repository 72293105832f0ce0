/**
 * The HTML report's timeline chart, inline SVG: a labelled virtual-time axis; per peer a lane of
 * three rows — its lifecycle state (coloured by state), its outages (out of service), its alarms
 * (one bar each, stacked where they overlap; cluster communication alarms in red), its armed traps
 * (src/runbook/armed.ts: purple while armed, pale once undone) — then a faults
 * row (each fault from injection to heal) and a steps row (a tick per step, red where it failed);
 * a dashed red line where the twin itself faulted.
 * Every mark has a <title> with what it is and when. The legend is HTML beside it (`chartLegend`).
 */
import { formatVirtualTime } from '../../twin.js';
import type { ArmedTrap, RunResult } from '../run.js';
import { xml } from './junit.js';
import type { Timeline } from '../timeline.js';

const WIDTH = 1100;
const LEFT = 150;
const RIGHT = 16;
const ROW = { state: 14, outage: 10, alarm: 6 } as const;
/** alarm ids that mean the cluster cannot talk to a peer (DOMAIN §8): drawn red */
const CLUSTER_COMMUNICATION = new Set(['20004', '20006']);
/** The colour class of a lifecycle state: the transitional ones share one. */
function stateClass(state: string): string {
  return state === 'booting' || state === 'restarting' || state === 'rebooting' ? 'st-starting' : `st-${state}`;
}

/** Tick spacings the axis may use, so labels land on round virtual times. */
const TICK_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600].map((s) => s * 1000);
const MAX_TICKS = 12;

export interface Span {
  readonly label: string;
  readonly fromMs: number;
  readonly toMs?: number;
}

/** Each peer's lifecycle states over the run, from its peer.state events (the first is how it started). */
export function stateSpans(run: RunResult, peer: string): (Span & { state: string })[] {
  const spans: (Span & { state: string })[] = [];
  for (const e of run.events) {
    if (e.kind !== 'peer.state' || e.source !== peer) continue;
    const state = String(e.data.state);
    const last = spans.at(-1);
    if (last) spans[spans.length - 1] = { ...last, toMs: e.atMs };
    spans.push({ state, label: state, fromMs: e.atMs });
  }
  return spans.filter((s) => s.toMs === undefined || s.toMs > s.fromMs);
}

/** Each fault from its injection to its heal (or the end). */
export function faultSpans(run: RunResult): Span[] {
  const open = new Map<number, Span>();
  const spans: Span[] = [];
  for (const e of run.events) {
    if (e.kind === 'fault.inject') open.set(Number(e.data.id), { label: `fault ${String(e.data.id)} ${String(e.data.kind)}: ${String(e.data.description)}`, fromMs: e.atMs });
    if (e.kind === 'fault.heal') {
      const span = open.get(Number(e.data.id));
      if (span) spans.push({ ...span, toMs: e.atMs });
      open.delete(Number(e.data.id));
    }
  }
  return [...spans, ...open.values()].sort((a, b) => a.fromMs - b.fromMs);
}

/** The axis's tick spacing: the smallest round step that gives at most MAX_TICKS ticks. */
export function tickStepMs(endMs: number): number {
  return TICK_STEPS_MS.find((s) => endMs / s <= MAX_TICKS) ?? Math.ceil(endMs / MAX_TICKS / 3_600_000) * 3_600_000;
}

/** Greedy tracks so overlapping spans stack instead of hiding each other. */
function tracks<T extends Span>(spans: readonly T[], endMs: number): { span: T; track: number }[] {
  const ends: number[] = [];
  return [...spans].sort((a, b) => a.fromMs - b.fromMs).map((span) => {
    let track = ends.findIndex((end) => end <= span.fromMs);
    if (track < 0) track = ends.push(0) - 1;
    ends[track] = span.toMs ?? endMs;
    return { span, track };
  });
}

export function timelineChart(run: RunResult, t: Timeline, traps: readonly ArmedTrap[] = []): string {
  const end = Math.max(run.endMs, 1);
  const x = (ms: number) => +(LEFT + ((WIDTH - LEFT - RIGHT) * Math.min(ms, end)) / end).toFixed(1);
  const w = (s: Pick<Span, 'fromMs' | 'toMs'>) => Math.max(1.5, x(s.toMs ?? end) - x(s.fromMs));
  const until = (s: Pick<Span, 'toMs'>) => (s.toMs !== undefined ? formatVirtualTime(s.toMs) : 'the end');
  const title = (text: string) => `<title>${xml(text)}</title>`;
  const rowLabel = (y: number, text: string) => `<text x="${LEFT - 8}" y="${y}" class="row-label" text-anchor="end">${text}</text>`;
  const parts: string[] = [];
  const trapSpan = (a: ArmedTrap) => ({ label: `trap ${a.title} [${a.trap}]`, fromMs: a.armedAtMs, ...(a.disarmedAtMs !== undefined ? { toMs: a.disarmedAtMs } : {}) });
  const trapMark = (s: Span, top: number) => `<rect x="${x(s.fromMs)}" y="${top}" width="${w(s)}" height="${ROW.alarm}" class="${s.toMs !== undefined ? 'trap-undone' : 'trap'}">${title(`${s.label} armed from ${formatVirtualTime(s.fromMs)}${s.toMs !== undefined ? ` to ${formatVirtualTime(s.toMs)}` : ', still armed at the end'}`)}</rect>`;
  let y = 34;

  for (const peer of run.twin.peerNames()) {
    const lane: string[] = [`<text x="6" y="${y + 11}" class="lane">${xml(peer)}</text>`];
    lane.push(rowLabel(y + 11, 'state'));
    for (const s of stateSpans(run, peer)) {
      lane.push(`<rect x="${x(s.fromMs)}" y="${y}" width="${w(s)}" height="${ROW.state}" class="${xml(stateClass(s.state))}">${title(`${peer} ${s.state} from ${formatVirtualTime(s.fromMs)} to ${until(s)}`)}</rect>`);
    }
    y += ROW.state + 6;
    lane.push(rowLabel(y + 9, 'outages'));
    for (const o of t.outages.filter((o) => o.peer === peer)) {
      lane.push(`<rect x="${x(o.fromMs)}" y="${y}" width="${w(o)}" height="${ROW.outage}" class="outage">${title(`${peer} out of service (${o.state}) from ${formatVirtualTime(o.fromMs)} to ${until(o)}`)}</rect>`);
    }
    y += ROW.outage + 6;
    const alarms = tracks(t.alarms.filter((a) => a.peer === peer).map((a) => ({ ...a, label: `${a.id} ${a.title}` })), end);
    const rows = Math.max(1, ...alarms.map((a) => a.track + 1));
    lane.push(rowLabel(y + 7, 'alarms'));
    for (const { span: a, track } of alarms) {
      lane.push(`<rect x="${x(a.fromMs)}" y="${y + track * (ROW.alarm + 2)}" width="${w(a)}" height="${ROW.alarm}" class="${CLUSTER_COMMUNICATION.has(a.id) ? 'alarm-comm' : 'alarm'}">${title(`${peer} alarm ${a.label} from ${formatVirtualTime(a.fromMs)} to ${until(a)}`)}</rect>`);
    }
    y += rows * (ROW.alarm + 2) + 6;
    const armed = tracks(traps.filter((a) => a.peer === peer).map((a) => trapSpan(a)), end);
    lane.push(rowLabel(y + 7, 'traps'));
    for (const { span, track } of armed) lane.push(trapMark(span, y + track * (ROW.alarm + 2)));
    y += Math.max(1, ...armed.map((a) => a.track + 1)) * (ROW.alarm + 2) + 12;
    parts.push(`<g class="peer-lane" data-peer="${xml(peer)}">${lane.join('')}</g>`, `<line x1="0" y1="${y - 6}" x2="${WIDTH}" y2="${y - 6}" class="lane-edge"/>`);
  }

  // Traps of the whole cluster (no one peer's): their own row, only when there are any.
  const clusterTraps = tracks(traps.filter((a) => a.peer === undefined).map((a) => trapSpan(a)), end);
  if (clusterTraps.length > 0) {
    parts.push(`<g class="cluster-traps-lane"><text x="6" y="${y + 7}" class="lane">traps</text>${clusterTraps.map(({ span, track }) => trapMark(span, y + track * (ROW.alarm + 2))).join('')}</g>`);
    y += Math.max(...clusterTraps.map((a) => a.track + 1)) * (ROW.alarm + 2) + 10;
  }
  const faults = tracks(faultSpans(run), end);
  const faultRows = Math.max(1, ...faults.map((f) => f.track + 1));
  parts.push(`<g class="faults-lane"><text x="6" y="${y + 9}" class="lane">faults</text>${faults.map(({ span: f, track }) =>
    `<rect x="${x(f.fromMs)}" y="${y + track * 12}" width="${w(f)}" height="10" class="fault">${title(`${f.label}, from ${formatVirtualTime(f.fromMs)} to ${until(f)}`)}</rect>`).join('')}</g>`);
  y += faultRows * 12 + 8;
  parts.push(`<g class="steps-lane"><text x="6" y="${y + 10}" class="lane">steps</text>${run.steps.map((s) => {
    const failed = !s.ok || s.verdicts.some((v) => !v.ok);
    return `<line x1="${x(s.startMs)}" y1="${y}" x2="${x(s.startMs)}" y2="${y + 14}" class="${failed ? 'step-failed' : 'step'}">${title(`#${s.index + 1} ${s.text} at ${formatVirtualTime(s.startMs)}${failed ? ' (failed)' : ''}`)}</line>`;
  }).join('')}</g>`);
  y += 22;

  // The axis: a gridline and a label per tick, top and bottom, and its title.
  const step = tickStepMs(end);
  const axis: string[] = [`<text x="${LEFT}" y="12" class="axis-title">virtual time since the start of the run (T+hh:mm:ss)</text>`];
  for (let ms = 0; ms <= end; ms += step) {
    const label = formatVirtualTime(ms).slice(0, -4);
    axis.push(`<line x1="${x(ms)}" y1="22" x2="${x(ms)}" y2="${y}" class="grid"/>`,
      `<text x="${x(ms)}" y="${y + 14}" class="tick" text-anchor="middle">${label}</text>`);
  }
  axis.push(`<line x1="${LEFT}" y1="${y}" x2="${WIDTH - RIGHT}" y2="${y}" class="axis"/>`);
  // Where the twin itself failed (the run halted there): a red dashed line across every lane.
  for (const f of run.twinFaults) axis.push(`<line x1="${x(f.atMs)}" y1="22" x2="${x(f.atMs)}" y2="${y}" class="twin-fault-mark">${title(`the twin faulted at ${formatVirtualTime(f.atMs)}`)}</line>`);
  const height = y + 24;
  return `<svg width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="timeline of the run">${axis.join('')}${parts.join('')}</svg>`;
}

/** What the chart's colours mean: the same classes as the marks. */
export function chartLegend(): string {
  const item = (cls: string, text: string, mark = 'box') => `<li><span class="swatch ${mark} ${cls}"></span>${text}</li>`;
  return `<ul class="legend" aria-label="legend">${[
    item('st-running', 'running'), item('st-starting', 'starting, restarting, rebooting'), item('st-databaseFailure', 'database failure'),
    item('st-poweredOff', 'powered off'), item('st-factoryResetting', 'factory reset'), item('outage', 'out of service'),
    item('alarm', 'alarm raised'), item('trap', 'trap armed at the end'), item('trap-undone', 'trap armed, later undone'), item('alarm-comm', 'cluster communication alarm (20004, 20006)'), item('fault', 'fault injected'),
    item('step', 'step', 'tick'), item('step-failed', 'step that failed', 'tick'), item('twin-fault-mark', 'the twin faulted (run halted)', 'tick'),
  ].join('')}</ul>`;
}
