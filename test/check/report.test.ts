// What `xtwin check` tells its user (src/check/report.ts, src/check/case.ts): a replay code that
// survives any case and refuses anything else, an exit status by failure class, a fault timeline an
// operator can read, a one-line replay command, and a shrunk runbook that loads and reproduces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { applySwaps } from '../../src/check/arbitraries/order.js';
import { runCampaign, type CampaignResult } from '../../src/check/campaign.js';
import { describeCase, NO_FAULTS, timedFaults, type CheckCase } from '../../src/check/case.js';
import { planCampaign, type CampaignPlan } from '../../src/check/plan.js';
import {
  decodeCase, encodeCase, EXIT_CODES, exitCode, failureReport, replayCommand, runbookYaml, shrunkRunbook, worstExitCode,
} from '../../src/check/report.js';
import { finalExpectations, LIVENESS_MS, type CaseFailure, type FailureClass } from '../../src/check/runCase.js';
import { parseRunbook } from '../../src/runbook/load.js';
import { runRunbook } from '../../src/runbook/run.js';
import type { Runbook, Step } from '../../src/runbook/schema.js';
import { ROOT } from '../arch/sources.js';
import { FC_SEED } from '../setup.js';

const ADD_PEER = 'scenarios/procedures/add-peer.yaml';
const RETYPE = 'scenarios/wrong-way/retype-peer-list.yaml';
const NAT = 'scenarios/wrong-way/nat-between-peers.yaml';

function load(file: string): Runbook {
  const r = parseRunbook(readFileSync(join(ROOT, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.runbook;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Cases whose strings may be anything (lone surrogates included) and whose numbers are any valid ones. */
const anyCase: fc.Arbitrary<CheckCase> = fc.record({
  faults: fc.array(fc.record({
    atMs: fc.nat(),
    durationMs: fc.nat(),
    fault: fc.oneof(
      fc.record({ kind: fc.constant('dns-failure' as const), name: fc.string({ unit: 'binary' }), failure: fc.constantFrom('nxdomain' as const, 'servfail' as const, 'timeout' as const) }),
      fc.record({ kind: fc.constant('power-loss' as const), peer: fc.string({ unit: 'grapheme' }) }),
      fc.record({ kind: fc.constant('partition' as const), groups: fc.tuple(fc.array(fc.string()), fc.array(fc.string())), oneWay: fc.boolean() }),
    ),
  }), { maxLength: 4 }),
  waitScale: fc.double({ min: 0.01, max: 100, noNaN: true }),
  swaps: fc.array(fc.nat({ max: 40 })),
  extraPeers: fc.nat({ max: 6 }),
  peerOrder: fc.array(fc.nat({ max: 5 }), { maxLength: 5 }),
});

describe(`replay codes (fast-check seed ${FC_SEED})`, () => {
  let plan: CampaignPlan;
  beforeAll(() => {
    plan = planCampaign(load(ADD_PEER), ADD_PEER, {});
  });

  it(`decodeCase(encodeCase(c)) equals c for every case the ${ADD_PEER} campaign can generate`, () => {
    fc.assert(fc.property(plan.caseArbitrary, (c) => {
      expect(decodeCase(encodeCase(c))).toEqual(c);
    }));
  });

  it('round-trips any valid case, lone surrogates and all, as a shell-safe word', () => {
    fc.assert(fc.property(anyCase, (c) => {
      const code = encodeCase(c);
      expect(code).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeCase(code)).toEqual(c);
    }));
  });

  it('any random text is refused (undefined), never thrown', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
      expect(decodeCase(text)).toBeUndefined();
    }));
  });

  const good = encodeCase({ faults: [{ atMs: 30_001, durationMs: 10_000, fault: { kind: 'power-loss', peer: 'expc03' } }], waitScale: 0.5, swaps: [] });
  it.each([
    ['the empty string', ''],
    ['words', 'not a case!'],
    ['a truncated code', good.slice(0, -7)],
    ['JSON null', b64('null')],
    ['a JSON array', b64('[]')],
    ['an empty object', b64('{}')],
    ['faults that are not scheduled faults (regression: the replay crashed, exit 1)', b64('{"faults":[1],"waitScale":1,"swaps":[]}')],
    ['a fault with no kind', b64('{"faults":[{"atMs":0,"durationMs":10,"fault":{}}],"waitScale":1,"swaps":[]}')],
    ['a fault at a negative time', b64('{"faults":[{"atMs":-5,"durationMs":10,"fault":{"kind":"power-loss","peer":"x"}}],"waitScale":1,"swaps":[]}')],
    ['a wait scale of zero', b64('{"faults":[],"waitScale":0,"swaps":[]}')],
    ['a wait scale written as a string', b64('{"faults":[],"waitScale":"1","swaps":[]}')],
    ['swaps that are not step indexes', b64('{"faults":[],"waitScale":1,"swaps":["a"]}')],
    ['a fractional extra-peer count', b64('{"faults":[],"waitScale":1,"swaps":[],"extraPeers":1.5}')],
  ])('refuses %s', (_, text) => {
    expect(decodeCase(good), 'the undamaged code decodes').toBeDefined();
    expect(decodeCase(text)).toBeUndefined();
  });
});

describe('exit status by failure class (crash > invariant > liveness)', () => {
  const failure = (cls: FailureClass): CaseFailure => ({ class: cls, invariant: `${cls}-thing`, message: `${cls} broke` });
  const result = (classes: readonly FailureClass[]): CampaignResult => {
    if (classes.length === 0) return { runs: 10, seed: 1, failed: 0 };
    const failures = classes.map(failure);
    return { runs: 10, seed: 1, failed: 1, first: { index: 3, case: NO_FAULTS, failures }, shrunk: { case: NO_FAULTS, failures, shrinks: 2 } };
  };

  it.each([
    [[], 0],
    [['liveness'], 3],
    [['invariant'], 1],
    [['crash'], 4],
    [['liveness', 'invariant'], 1],
    [['invariant', 'liveness'], 1],
    [['liveness', 'invariant', 'crash'], 4],
    [['crash', 'liveness'], 4],
  ] as [FailureClass[], number][])('failures %j exit %i', (classes, code) => {
    expect(exitCode(result(classes))).toBe(code);
  });

  it('the codes are the documented ones: 0 passed, 1 safety, 3 liveness, 4 crash (2 is bad input)', () => {
    expect(EXIT_CODES).toEqual({ passed: 0, invariant: 1, liveness: 3, crash: 4 });
  });

  it('several campaigns exit like one campaign holding all their failures (regression: Math.max let liveness 3 outrank safety 1)', () => {
    // The same ranking across runbooks as within one: a safety failure anywhere beats a liveness one elsewhere.
    expect(worstExitCode([EXIT_CODES.invariant, EXIT_CODES.liveness])).toBe(EXIT_CODES.invariant);
    const classes = fc.subarray(['invariant', 'liveness', 'crash'] as FailureClass[]);
    fc.assert(fc.property(fc.array(classes, { maxLength: 5 }), (perCampaign) => {
      expect(worstExitCode(perCampaign.map((c) => exitCode(result(c))))).toBe(exitCode(result(perCampaign.flat())));
    }));
  });
});

describe('describeCase: the case as an operator reads it', () => {
  it('one line per fault in time order, then the wait scale, extra peers, latency and swapped steps', () => {
    const c: CheckCase = {
      faults: [
        { atMs: 95_500, durationMs: 600_000, fault: { kind: 'latency', between: ['expc01', 'expc02'], latencyMsMean: 60 } },
        { atMs: 30_001, durationMs: 10_400, fault: { kind: 'power-loss', peer: 'expc03' } },
        { atMs: 3_723_004, durationMs: 45_000, fault: { kind: 'partition', groups: [['expc01'], ['expc02', 'expc03']] } },
      ],
      waitScale: 0.5,
      swaps: [1, 4],
      extraPeers: 2,
      latencyMs: 12,
    };
    expect(describeCase(c)).toEqual([
      'T+00:00:30.001  power loss on expc03 for 10 s',
      'T+00:01:35.500  latency expc01<->expc02 +60ms each way for 600 s',
      'T+01:02:03.004  partition {expc01}|{expc02,expc03} for 45 s',
      'waits scaled ×0.5',
      '2 extra subordinate(s) in the cluster',
      'base latency 12 ms one way',
      'independent steps swapped after: #2, #5',
    ]);
  });

  it('a case with nothing in it says so', () => {
    expect(describeCase(NO_FAULTS)).toEqual(['(no faults)']);
  });
});

describe('replayCommand', () => {
  it('names the file, the seed and the case, and its code decodes back to that case', () => {
    const c: CheckCase = { faults: [{ atMs: 1_000, durationMs: 20_000, fault: { kind: 'nat', inside: ['expc02'], publicAddress: '192.0.2.200' } }], waitScale: 2, swaps: [] };
    const line = replayCommand(RETYPE, 42, c);
    expect(line).toMatch(new RegExp(`^npx xtwin check ${RETYPE} --seed 42 --replay [A-Za-z0-9_-]+$`));
    expect(decodeCase(line.split(' ').at(-1)!)).toEqual(c);
  });
});

describe(`a real failure: ${RETYPE}, 60 runs, seed 1`, () => {
  let plan: CampaignPlan;
  let result: CampaignResult;
  let shrunk: Runbook;
  let reloaded: Runbook;
  beforeAll(async () => {
    plan = planCampaign(load(RETYPE), RETYPE, {});
    result = await runCampaign(plan, { runs: 60, seed: 1, workers: 1 });
    if (!result.shrunk) throw new Error(`${RETYPE} no longer fails: the fixtures below need a failing runbook`);
    shrunk = shrunkRunbook(plan.runbook, result.shrunk.case, result.shrunk.failures);
    const parsed = parseRunbook(runbookYaml(shrunk), 'shrunk.yaml');
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
    reloaded = parsed.runbook;
  });

  it('the shrunk runbook, written as YAML, loads with parseRunbook without errors and reads back the same', () => {
    const parsed = parseRunbook(runbookYaml(shrunk), 'shrunk.yaml');
    expect(parsed.ok ? [] : parsed.errors.map((e) => e.message)).toEqual([]);
    expect(reloaded).toEqual(JSON.parse(JSON.stringify(shrunk)));
  });

  it("has the case's faults on its timeline", () => {
    expect(reloaded.faults).toEqual(timedFaults(result.shrunk!.case));
    expect(reloaded.faults!.length).toBeGreaterThan(0);
  });

  it("has no mid-run expect steps: only the runbook's final expectations, after healing and settling", () => {
    const steps = reloaded.steps;
    const expects = steps.flatMap((s, i) => ('expect' in s ? [i] : []));
    expect(expects).toEqual([steps.length - 1]);
    // The liveness wait starts when the last fault has healed on its own timeline (no blanket heal).
    const wait = steps.at(-2) as { wait: string };
    expect(Number.parseInt(wait.wait, 10)).toBeGreaterThanOrEqual(LIVENESS_MS);
    expect(steps.some((s) => 'heal' in s)).toBe(false);
    expect(steps.at(-1)).toEqual({ expect: finalExpectations(plan.runbook) });
  });

  it("scales its plain waits by the case's wait scale", () => {
    const scale = result.shrunk!.case.waitScale;
    const waits = reloaded.steps.filter((s) => 'wait' in s && typeof s.wait === 'string').map((s) => (s as { wait: string }).wait);
    expect(waits.slice(0, 3)).toEqual([`${60_000 * scale}ms`, `${20 * 60_000 * scale}ms`, `${3 * 60_000 * scale}ms`]);
  });

  it('fails when run with xtwin run (it reproduces the shrunk failure)', () => {
    const run = runRunbook(reloaded);
    expect(run.passed).toBe(false);
    expect(run.failures.map((f) => f.claim)).toContain('expc03: was not factory reset');
  });

  it('the failure report names the broken invariant, the timeline, the replay line and the shrunk file', () => {
    const lines = failureReport(RETYPE, result, '.xtwin/shrunk/x.yaml');
    expect(lines[0]).toBe(`FAILED: ${RETYPE} — ${result.failed} of ${result.runs} runs failed, the first at run ${result.first!.index + 1}`);
    expect(lines).toContain('  invariant: no-unplanned-factory-reset: expc03 factory reset without the runbook intending it');
    expect(lines).toContain(`  ${replayCommand(RETYPE, 1, result.shrunk!.case)}`);
    expect(lines.slice(-2)).toEqual(['or run it as a runbook:', '  npx xtwin run .xtwin/shrunk/x.yaml']);
  });
});

describe('shrunkRunbook for any case', () => {
  it(`${ADD_PEER}: loads without errors, keeps every action in the case's order and judges only at the end`, () => {
    const plan = planCampaign(load(ADD_PEER), ADD_PEER, {});
    const isAction = (s: Step) => !('expect' in s) && !('wait' in s) && !('note' in s && Object.keys(s).length === 1);
    fc.assert(fc.property(plan.caseArbitrary, (c) => {
      const parsed = parseRunbook(runbookYaml(shrunkRunbook(plan.runbook, c, [{ invariant: 'x', message: 'y' }])), 'shrunk.yaml');
      if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
      const steps = parsed.runbook.steps;
      expect(steps.slice(0, -1).some((s) => 'expect' in s)).toBe(false);
      expect(steps.filter(isAction)).toEqual(applySwaps(plan.runbook.steps, c.swaps).filter(isAction));
      expect(parsed.runbook.faults).toEqual(timedFaults(c));
    }));
  });

  it(`${NAT}: keeps the runbook's own fault timeline ahead of the case's (regression: it was dropped, so the NAT trap vanished)`, () => {
    const runbook = load(NAT);
    expect(runbook.faults?.length, 'the fixture has its own timeline').toBeGreaterThan(0);
    const c: CheckCase = { faults: [{ atMs: 5_000, durationMs: 10_000, fault: { kind: 'power-loss', peer: 'expc01' } }], waitScale: 1, swaps: [] };
    expect(shrunkRunbook(runbook, c, []).faults).toEqual([...runbook.faults!, ...timedFaults(c)]);
  });
});
