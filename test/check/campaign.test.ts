// xtwin check end to end: a known-bad runbook is caught and shrunk to its one essential fault, a
// correct runbook passes 200 runs, a reported failure replays exactly, and the verdict does not
// depend on the number of workers. Bad input is refused before any run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/load.js';
import type { Runbook } from '../../src/runbook/schema.js';
import { generateCases, runCampaign } from '../../src/check/campaign.js';
import { planCampaign } from '../../src/check/plan.js';
import { runCase } from '../../src/check/runCase.js';
import { CheckError } from '../../src/check/errors.js';
import { ROOT } from '../arch/sources.js';

const BAD = 'scenarios/wrong-way/retype-peer-list.yaml';
const GOOD = 'scenarios/procedures/add-peer.yaml';

function load(file: string): Runbook {
  const r = parseRunbook(readFileSync(join(ROOT, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.runbook;
}

function codeOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    return (e as CheckError).code ?? String(e);
  }
  return 'no error';
}

describe('xtwin check: campaigns', () => {
  it(`${BAD}: found within 60 runs and shrunk to one power loss on expc03 (the essential event)`, async () => {
    const plan = planCampaign(load(BAD), join(ROOT, BAD), {});
    const result = await runCampaign(plan, { runs: 60, seed: 1, workers: 1 });
    expect(result.first, 'a failure is found').toBeDefined();
    expect(result.first!.index).toBeLessThan(60);
    const shrunk = result.shrunk!;
    expect(shrunk.failures.map((f) => f.invariant)).toContain('no-unplanned-factory-reset');
    // Minimal: nothing but the one fault that makes the trap fire.
    expect(shrunk.case.faults).toHaveLength(1);
    expect(shrunk.case.faults[0]!.fault).toEqual({ kind: 'power-loss', peer: 'expc03' });
    expect(shrunk.case.swaps).toEqual([]);
  });

  it('a reported failure replays exactly: same failures, same trace hash, twice', async () => {
    const plan = planCampaign(load(BAD), join(ROOT, BAD), {});
    const { shrunk } = await runCampaign(plan, { runs: 60, seed: 1, workers: 1 });
    const again = () => runCase(plan.runbook, shrunk!.case, { seed: plan.runbook.seed ?? 1, invariants: plan.invariants, withHash: true });
    const a = again();
    const b = again();
    expect(a.failures).toEqual(b.failures);
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.failures.map((f) => f.invariant)).toEqual(shrunk!.failures.map((f) => f.invariant));
  });

  it('the verdict does not depend on the number of workers (1 vs 2, same seed)', async () => {
    const plan = planCampaign(load(BAD), join(ROOT, BAD), {});
    const one = await runCampaign(plan, { runs: 40, seed: 7, workers: 1 });
    const two = await runCampaign(plan, { runs: 40, seed: 7, workers: 2 });
    expect(two.failed).toBe(one.failed);
    expect(two.first?.index).toBe(one.first?.index);
    expect(two.shrunk?.case).toEqual(one.shrunk?.case);
  });

  it(`${GOOD}: a correct runbook passes 200 runs under random faults`, async () => {
    const plan = planCampaign(load(GOOD), join(ROOT, GOOD), {});
    let seen = 0;
    const result = await runCampaign(plan, { runs: 200, seed: 11, workers: 1, onProgress: (p) => (seen = p.done) });
    expect(seen).toBe(200);
    expect(result.first).toBeUndefined();
  });
});

describe('xtwin check: topologies within the runbook\'s declared ranges', () => {
  const file = 'scenarios/procedures/restart-sequence.yaml';

  it('cases add 0..3 extra subordinates and a base latency within 0..35 ms, and the twin really has them', () => {
    const plan = planCampaign(load(file), file, {});
    const cases = generateCases(plan, 60, 5);
    const extras = new Set(cases.map((c) => c.extraPeers ?? 0));
    expect([...extras].every((n) => n >= 0 && n <= 3)).toBe(true);
    expect(extras.size).toBeGreaterThan(1);
    expect(cases.every((c) => c.latencyMs !== undefined && c.latencyMs >= 0 && c.latencyMs <= 35)).toBe(true);
    const withExtras = cases.find((c) => (c.extraPeers ?? 0) > 0)!;
    const r = runCase(plan.runbook, withExtras, { seed: 61, invariants: plan.invariants });
    expect(r.run!.twin.peerNames()).toContain('extra1');
    expect(r.run!.twin.observe('extra1').clustering.joined).toBe(true);
  });

  it('cases list the cluster in other orders, the same on every peer, and the primary keeps its role at its new index (DOMAIN §5.1)', () => {
    const plan = planCampaign(load(file), file, {});
    const cases = generateCases(plan, 60, 7);
    const orders = new Set(cases.map((c) => (c.peerOrder ?? []).join(' ')));
    expect(orders.size).toBeGreaterThan(2);
    const reordered = cases.find((c) => (c.peerOrder?.[0] ?? 0) > 0 && !c.extraPeers)!;
    const r = runCase(plan.runbook, { ...reordered, faults: [] }, { seed: 61, invariants: plan.invariants });
    const twin = r.run!.twin;
    const first = twin.observe('expc01').clustering.entries[0]!.address;
    expect(first).not.toBe('10.0.0.11');
    for (const n of ['expc01', 'expc02', 'expc03']) expect(twin.observe(n).clustering.entries.map((e) => e.address)).toEqual(twin.observe('expc01').clustering.entries.map((e) => e.address));
    const expc01 = twin.observe('expc01').clustering;
    expect(expc01.isPrimary).toBe(true);
    expect(expc01.entries[expc01.primaryIndex - 1]!.address).toBe('10.0.0.11');
    expect(r.failures).toEqual([]);
  });

  it('on an IPv6 cluster the extra subordinates get LAN1 IPv6 addresses and join over IPv6 (DOMAIN §6.2)', () => {
    const rb = load('scenarios/wrong-way/mixed-ip-versions.yaml');
    const v6: Runbook = { ...rb, steps: [{ wait: '5m' }], check: { extraPeers: { max: 2 } } };
    const plan = planCampaign(v6, 'v6.yaml', {});
    const r = runCase(plan.runbook, { faults: [], waitScale: 1, swaps: [], extraPeers: 2 }, { seed: 62, invariants: plan.invariants });
    const o = r.run!.twin.observe('extra2');
    expect(o.clustering.joined).toBe(true);
    expect(o.clustering.entries.filter((e) => e.address && e.status !== 'This system').map((e) => e.status)).toEqual(['Active', 'Active', 'Active']);
    expect(o.clustering.entries[3]!.address).toBe('2001:db8:99::12');
  });

  it('ranges that cannot be satisfied are refused', () => {
    const rb = load(file);
    expect(codeOf(() => planCampaign({ ...rb, check: { extraPeers: { max: 4 } } }, file, {}))).toBe('XTW_ERR_CHECK_BAD_RANGE');
    expect(codeOf(() => planCampaign({ ...rb, check: { latencyMs: { min: 50, max: 10 } } }, file, {}))).toBe('XTW_ERR_CHECK_BAD_RANGE');
  });
});

describe('xtwin check: bad input is refused before any run', () => {
  const good = load(GOOD);

  it('a runbook that selects no invariants', () => {
    expect(codeOf(() => planCampaign({ ...good, invariants: [] }, 'x.yaml', {}))).toBe('XTW_ERR_CHECK_NO_INVARIANTS');
  });

  it('an unknown invariant name', () => {
    expect(codeOf(() => planCampaign({ ...good, invariants: ['everything-is-fine'] }, 'x.yaml', {}))).toBe('XTW_ERR_CHECK_UNKNOWN_INVARIANT');
  });

  it('a fault kind that does not exist', () => {
    expect(codeOf(() => planCampaign(good, 'x.yaml', { faults: ['meteor'] }))).toBe('XTW_ERR_CHECK_UNKNOWN_FAULT');
  });

  it('faults between peers asked of a one-peer topology', () => {
    const lone = { ...good, topology: { peers: [good.topology.peers[0]!] }, steps: [{ wait: '1m' }] } as Runbook;
    expect(codeOf(() => planCampaign(lone, 'x.yaml', { faults: ['partition'] }))).toBe('XTW_ERR_CHECK_NO_FAULT_TARGET');
    // by default a lone peer simply gets the faults that fit it
    expect(planCampaign(lone, 'x.yaml', {}).faultKinds).toEqual(['dns', 'power']);
  });

  it('a runbook that fails even without faults', () => {
    const broken = { ...good, steps: [...good.steps, { expect: { peer: 'expc01', alarm: '20018' } }] } as Runbook;
    expect(codeOf(() => planCampaign(broken, 'x.yaml', {}))).toBe('XTW_ERR_CHECK_BASELINE_FAILS');
  });
});

describe('xtwin check: a fault inside the model is a crash (issue #11 §1)', () => {
  it('the test seam: every case crashes on no-model-fault, shrunk to no fault at all, and exits 4 with a replay line', async () => {
    const { exitCode, failureReport } = await import('../../src/check/report.js');
    const { FORCED, RESTART_YAML, runbookOf, withLifecycleCrash } = await import('../helpers/modelFault.js');
    const runbook = runbookOf(RESTART_YAML, 'restart.yaml');
    const plan = withLifecycleCrash(FORCED, () => planCampaign(runbook, 'restart.yaml', {}));
    const result = await withLifecycleCrash(FORCED, () => runCampaign(plan, { runs: 5, seed: 1, workers: 1 }));
    expect(result.first?.index).toBe(0);
    expect(result.shrunk!.failures).toEqual([{ class: 'crash', invariant: 'no-model-fault', message: expect.stringContaining('on expc02 (its lifecycle), during step 2') }]);
    expect(result.shrunk!.case.faults).toEqual([]);
    expect(exitCode(result)).toBe(4);
    const report = failureReport('restart.yaml', result).join('\n');
    expect(report).toContain('crash: no-model-fault: the twin itself failed at');
    expect(report).toMatch(/npx xtwin check restart\.yaml --seed 1 --replay [A-Za-z0-9_-]+/);
  });
});
