// Building blocks for the invariant tests (test/check/invariants*.test.ts): a CheckedRun over a
// hand-driven world, and the one-place doctoring the tests use where a correct twin cannot produce
// the violation — a trace with events added or removed, an observation that lies.
import { expect } from 'vitest';
import { INVARIANTS, type CheckedRun, type Invariant, type InvariantVerdict } from '../../src/check/invariants/catalog.js';
import type { PeerObservation, Topology, TraceEvent, Twin } from '../../src/twin.js';
import { topologyOf, world, type Scenario, type WorldOptions } from './world.js';

export function inv(name: string): Invariant {
  const i = INVARIANTS.find((x) => x.name === name);
  if (!i) throw new Error(`no invariant ${name}`);
  return i;
}

/** A CheckedRun over a hand-driven twin (test/helpers/world.ts): the runbook is its topology and no steps. */
export function checkedWorld(s: Scenario | Twin, topology: Topology): CheckedRun {
  const twin = 'twin' in s ? s.twin : s;
  return {
    runbook: { name: 'hand-driven world', topology, steps: [] },
    twin,
    healedAtMs: twin.nowMs,
    run: { name: 'hand-driven world', seed: twin.seed, passed: true, twinFaults: [], steps: [], failures: [], events: twin.events(), endMs: twin.nowMs, twin, traceHash: '', armedTraps: [] },
  };
}

export function clustered(o: WorldOptions): { s: Scenario; topology: Topology } {
  return { s: world(o), topology: topologyOf(o) };
}

/** The same run with a different trace. */
export function withEvents(r: CheckedRun, events: readonly TraceEvent[]): CheckedRun {
  return { ...r, run: { ...r.run, events } };
}

/** The same run seen through a twin whose observations pass through `lie` (a twin with one bug). */
export function lyingTwin(r: CheckedRun, lie: (o: PeerObservation) => PeerObservation): CheckedRun {
  const twin = new Proxy(r.twin, {
    get(target, prop) {
      if (prop === 'observe') return (name: string) => lie(target.observe(name));
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return { ...r, twin };
}

export function event(source: string, kind: string, data: Record<string, unknown>, atMs = 0): TraceEvent {
  return { atMs, seq: 0, source, kind, data };
}

export function expectBroken(v: InvariantVerdict, message: RegExp | string): void {
  expect(v.ok).toBe(false);
  expect(v.message).toMatch(message);
}

