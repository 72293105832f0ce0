/**
 * The story of a run, from its trace: steps, alarms raised and cleared, peer state changes, faults
 * injected and healed, and failed expectations, in time order — plus the sums a change manager
 * asks for: how long each alarm was up, how long each peer was out of service, how long the cluster
 * was degraded (any cluster communication alarm up anywhere).
 */
import { alarmDefinition, formatVirtualTime, type AlarmKey } from '../twin.js';
import { happening, type Happening } from '../operator/happenings.js';
import type { RunResult } from './run.js';

export interface TimelineEntry {
  readonly atMs: number;
  readonly source: string;
  readonly kind: 'step' | 'failed' | Happening['kind'];
  readonly text: string;
}

export interface AlarmSpan {
  readonly peer: string;
  readonly id: string;
  readonly title: string;
  readonly fromMs: number;
  readonly toMs?: number;
}

export interface Outage {
  readonly peer: string;
  readonly fromMs: number;
  readonly toMs?: number;
  readonly state: string;
}

export interface Timeline {
  readonly entries: readonly TimelineEntry[];
  readonly alarms: readonly AlarmSpan[];
  readonly outages: readonly Outage[];
  /** virtual ms during which any peer had 20004 or 20006 up */
  readonly degradedMs: number;
}

const DEGRADING = new Set(['20004', '20006']);

export function buildTimeline(run: RunResult): Timeline {
  const entries: TimelineEntry[] = [];
  const alarms: AlarmSpan[] = [];
  const open = new Map<string, AlarmSpan>();
  const outages: Outage[] = [];
  const down = new Map<string, Outage>();
  for (const e of run.events) {
    const h = happening(e);
    if (!h) continue;
    entries.push({ atMs: h.atMs, source: h.source, kind: h.kind, text: h.text });
    const d = e.data as Record<string, unknown>;
    if (h.kind === 'alarm-raised') {
      const def = alarmDefinition(d.key as AlarmKey);
      open.set(`${e.source}/${String(d.key)}`, { peer: e.source, id: def.shownId, title: def.title, fromMs: e.atMs });
    } else if (h.kind === 'alarm-cleared') {
      const k = `${e.source}/${String(d.key)}`;
      const span = open.get(k);
      if (span) {
        alarms.push({ ...span, toMs: e.atMs });
        open.delete(k);
      }
    } else if (h.kind === 'state') {
      const serving = d.state === 'running' || d.state === 'databaseFailure';
      const was = down.get(e.source);
      if (!serving && !was) down.set(e.source, { peer: e.source, fromMs: e.atMs, state: String(d.state) });
      if (serving && was) {
        outages.push({ ...was, toMs: e.atMs });
        down.delete(e.source);
      }
    }
  }
  for (const s of run.steps) {
    entries.push({ atMs: s.startMs, source: 'operator', kind: 'step', text: `#${s.index + 1} ${s.text}` });
    for (const v of s.verdicts.filter((x) => !x.ok)) entries.push({ atMs: s.endMs, source: 'expect', kind: 'failed', text: `${v.claim} — saw ${v.seen ?? '?'}` });
    const faulted = run.twinFaults.some((f) => f.step === s.index);
    if (!s.ok) entries.push({ atMs: s.endMs, source: 'operator', kind: 'failed', text: faulted ? `#${s.index + 1} stopped: the twin faulted` : `#${s.index + 1} refused: ${s.error ?? ''}` });
  }
  alarms.push(...open.values());
  outages.push(...down.values());
  // At the same instant the operator's step comes before what it caused.
  entries.sort((a, b) => a.atMs - b.atMs || Number(b.kind === 'step') - Number(a.kind === 'step'));
  return { entries, alarms, outages, degradedMs: unionMs(alarms.filter((a) => DEGRADING.has(a.id)), run.endMs) };
}

/** Length of the union of spans (open spans end at `endMs`). */
function unionMs(spans: readonly AlarmSpan[], endMs: number): number {
  const sorted = spans.map((s) => [s.fromMs, s.toMs ?? endMs] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cur: [number, number] | undefined;
  for (const [a, b] of sorted) {
    if (!cur || a > cur[1]) {
      if (cur) total += cur[1] - cur[0];
      cur = [a, b];
    } else cur[1] = Math.max(cur[1], b);
  }
  if (cur) total += cur[1] - cur[0];
  return total;
}

export function at(ms: number): string {
  return formatVirtualTime(ms);
}
