/**
 * Everything a campaign needs, decided before the first run: which invariants apply, which fault
 * kinds, the fault window (from a baseline run without faults, which must pass), and the one
 * arbitrary that generates cases. Bad input is refused here with a CheckError.
 */
import fc from 'fast-check';
import { runRunbook } from '../runbook/run.js';
import type { Runbook } from '../runbook/schema.js';
import { TOPOLOGY_DEFAULTS } from '../twin.js';
import { faultSchedule, FAULT_KINDS, type FaultKind, type FaultWorld } from './arbitraries/faults.js';
import { lehmerCode, swaps } from './arbitraries/order.js';
import { waitScale } from './arbitraries/timing.js';
import type { CheckCase } from './case.js';
import { CheckError } from './errors.js';
import { checkRanges } from './world.js';
import { INVARIANTS, invariantNames, type Invariant } from './invariants/catalog.js';

export interface CampaignPlan {
  readonly file: string;
  readonly runbook: Runbook;
  readonly invariants: readonly Invariant[];
  readonly faultKinds: readonly FaultKind[];
  readonly world: FaultWorld;
  readonly caseArbitrary: fc.Arbitrary<CheckCase>;
}

export function planCampaign(runbook: Runbook, file: string, options: { faults?: readonly string[] }): CampaignPlan {
  const invariants = selectInvariants(runbook, file);
  checkRanges(runbook, file);
  const peers = runbook.topology.peers.map((p) => p.name);
  // Faults between peers need two of them: by default a lone peer gets only the faults that fit.
  const needsTwo = (k: FaultKind) => k !== 'power' && k !== 'dns';
  const faultKinds = selectFaults(options.faults).filter((k) => options.faults !== undefined || peers.length > 1 || !needsTwo(k));
  if (peers.length < 2 && faultKinds.some(needsTwo)) {
    throw new CheckError('XTW_ERR_CHECK_NO_FAULT_TARGET', { value: faultKinds.filter(needsTwo), count: peers.length });
  }
  const baseline = runRunbook(runbook);
  // A baseline that meets a model fault is no bad input: every case will crash on it, and the campaign says so (exit 4).
  if (!baseline.passed && baseline.twinFaults.length === 0) {
    const f = baseline.failures[0]!;
    throw new CheckError('XTW_ERR_CHECK_BASELINE_FAILS', { file, value: `step ${f.step + 1}: ${f.claim}${f.seen ? ` — saw ${f.seen}` : ''}` });
  }
  const domain = runbook.topology.domain ?? TOPOLOGY_DEFAULTS.domain;
  const world: FaultWorld = {
    peers,
    fqdns: runbook.topology.peers.map((p) => `${(p.hostname ?? p.name).toLowerCase()}.${(p.domain ?? domain).toLowerCase()}`),
    windowMs: baseline.endMs,
  };
  const ranges = runbook.check ?? {};
  const caseArbitrary: fc.Arbitrary<CheckCase> = fc.record({
    faults: faultSchedule(faultKinds, world),
    waitScale: waitScale(),
    swaps: swaps(runbook.steps),
    extraPeers: ranges.extraPeers ? fc.integer({ min: 0, max: ranges.extraPeers.max }) : fc.constant(0),
    ...(ranges.latencyMs ? { latencyMs: fc.integer({ min: Math.ceil(ranges.latencyMs.min), max: Math.floor(ranges.latencyMs.max) }) } : {}),
    ...(ranges.reorderPeers ? { peerOrder: lehmerCode((runbook.topology.cluster?.peers.length ?? 0) + (ranges.extraPeers?.max ?? 0)) } : {}),
  });
  return { file, runbook, invariants, faultKinds, world, caseArbitrary };
}

function selectInvariants(runbook: Runbook, file: string): Invariant[] {
  const known = invariantNames();
  if (runbook.invariants === undefined) return [...INVARIANTS];
  for (const n of runbook.invariants) if (!known.includes(n)) throw new CheckError('XTW_ERR_CHECK_UNKNOWN_INVARIANT', { file, value: n, known });
  if (runbook.invariants.length === 0) throw new CheckError('XTW_ERR_CHECK_NO_INVARIANTS', { file, known });
  // same-seed-same-trace is always checked by the campaign itself; the others come from the catalog.
  return INVARIANTS.filter((i) => runbook.invariants!.includes(i.name));
}

function selectFaults(list: readonly string[] | undefined): FaultKind[] {
  if (list === undefined || list.length === 0) return [...FAULT_KINDS];
  for (const k of list) if (!(FAULT_KINDS as readonly string[]).includes(k)) throw new CheckError('XTW_ERR_CHECK_UNKNOWN_FAULT', { value: k, known: FAULT_KINDS });
  return list as FaultKind[];
}
