// Every run names the traps it leaves armed (issue 11 §3): RunResult.armedTraps ties each trap the
// twin watched to the step that armed it; `expect: { armed: … }` asserts them; every report —
// text, JSON, HTML, JUnit (as a warning; a failure with strict) — lists them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/load.js';
import { runRunbook, type RunResult } from '../../src/runbook/run.js';
import type { Runbook, Step } from '../../src/runbook/schema.js';
import { textReport } from '../../src/runbook/report/text.js';
import { jsonReport } from '../../src/runbook/report/json.js';
import { htmlReport } from '../../src/runbook/report/html.js';
import { junitReport } from '../../src/runbook/report/junit.js';
import { ROOT } from '../arch/sources.js';
import { armedTrapLines } from '../../src/runbook/report/armed.js';
import { formatDuration, formatVirtualTime, trapKind } from '../../src/twin.js';

const RETYPE = 'scenarios/wrong-way/retype-peer-list.yaml';

function load(file: string): Runbook {
  const r = parseRunbook(readFileSync(join(ROOT, file), 'utf8'), file);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.runbook;
}

const TWO: Runbook['topology'] = {
  peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }, { name: 'expc02', lan1: { ipv4: '10.0.0.12' } }],
  cluster: { peers: ['expc01', 'expc02'] },
};
const CLEAR_EXPC02: Step = { peer: 'expc02', page: 'clustering', set: { 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '' } };
const tiny = (steps: Step[], topology = TWO): RunResult => runRunbook({ name: 'tiny', seed: 4, topology, steps });

describe('RunResult.armedTraps', () => {
  const retype = runRunbook(load(RETYPE));

  it(`${RETYPE} passes, yet names the factory reset it held armed for twenty minutes and the steps that armed and undid it`, () => {
    expect(retype.passed).toBe(true);
    expect(retype.armedTraps).toEqual([{
      trap: 'factory-reset', peer: 'expc03', title: 'Factory reset armed for the next restart', detail: expect.stringContaining('every Peer N address cleared'),
      armedAtMs: 60_000, armedByStep: 1, disarmedAtMs: 21 * 60_000 + 1_000, disarmedByStep: 5,
    }]);
  });

  it('a trap left armed at the end has no disarm time, and names the step during which it armed', () => {
    const run = tiny([{ wait: '1m' }, { note: 'someone tidies up' }, CLEAR_EXPC02, { wait: '5m' }]);
    expect(run.armedTraps.map((t) => [t.trap, t.peer, t.armedByStep, t.disarmedAtMs])).toEqual([
      ['factory-reset', 'expc02', 2, undefined],
      ['restart-pending', 'expc02', 2, undefined],
    ]);
  });

  it('a trap the world was built with names no step', () => {
    const topology = { ...TWO, peers: [TWO.peers[0]!, { ...TWO.peers[1]!, optionKeys: [{ key: '116341W00-1-CCCC', kind: 'feature' as const, description: 'Advanced Account Security' }] }] };
    const run = tiny([{ wait: '3m' }], topology);
    expect(run.armedTraps).toMatchObject([{ trap: 'option-keys-differ', peer: 'expc02', armedAtMs: 0 }]);
    expect(run.armedTraps[0]!.armedByStep).toBeUndefined();
  });

  it('a plan that clears and restarts on purpose (the reset goes off) leaves nothing armed', () => {
    const run = tiny([{ wait: '1m' }, CLEAR_EXPC02, { peer: 'expc02', restart: 'restart' }, { wait: { until: { peer: 'expc02', state: 'running' }, limit: '40m' } }]);
    expect(run.armedTraps).toEqual([]);
  });
});

describe('expect: { armed: … }', () => {
  it('armed: none holds on a quiet cluster and fails, saying what is armed, when something is', () => {
    const run = tiny([{ wait: '1m' }, { expect: { armed: 'none' } }, CLEAR_EXPC02, { expect: { armed: 'none' } }]);
    expect(run.steps[1]!.verdicts).toEqual([{ ok: true, claim: 'no trap armed' }]);
    expect(run.failures).toEqual([{ step: 3, claim: 'no trap armed', seen: expect.stringContaining('factory-reset (expc02): every Peer N address cleared') }]);
  });

  it('a named trap, optionally per peer', () => {
    const run = tiny([{ wait: '1m' }, CLEAR_EXPC02, {
      expect: [{ armed: 'factory-reset' }, { armed: 'factory-reset', peer: 'expc02' }, { armed: 'none', peer: 'expc01' }, { armed: 'factory-reset', peer: 'expc01' }],
    }]);
    expect(run.steps[2]!.verdicts.map((v) => v.ok)).toEqual([true, true, true, false]);
    expect(run.steps[2]!.verdicts[3]).toMatchObject({ claim: 'trap factory-reset armed on expc01', seen: 'nothing armed' });
  });

  it('the loader refuses an unknown trap with file:line:col and a suggestion', () => {
    const r = parseRunbook('name: t\ntopology:\n  peers:\n    - { name: expc01, lan1: { ipv4: 10.0.0.11 } }\nsteps:\n  - expect: { armed: factory-rest }\n', 't.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/^t\.yaml:6:22: .*factory-rest.*did you mean factory-reset/);
  });
});

describe('the armed-trap section of every report', () => {
  const retype = runRunbook(load(RETYPE));

  it('text: the trap, the step that armed it, what it will do and how to disarm it', () => {
    const text = textReport(retype, { file: RETYPE });
    expect(text).toContain('Armed traps');
    expect(text).toContain('was armed: Factory reset armed for the next restart on expc03 [factory-reset]');
    expect(text).toMatch(/armed at T\+00:01:00\.000, during step #2 \(expc03: clustering page: .*\); undone at T\+00:21:01\.000, during step #6/);
    expect(text).toContain('disarm: re-enter the Peer N addresses exactly as before');
    expect(text).not.toContain('STRICT');
    expect(textReport(retype, { strict: true })).toContain('STRICT: 1 armed trap(s) fail the run (--strict)');
    expect(textReport(tiny([{ wait: '1m' }]))).toContain('no trap left armed');
  });

  it('json: the records, with 1-based step numbers like steps and failures', () => {
    const j = jsonReport(retype, RETYPE) as { armedTraps: unknown[] };
    expect(j.armedTraps).toEqual([expect.objectContaining({ trap: 'factory-reset', peer: 'expc03', armedByStep: 2, disarmedByStep: 6 })]);
  });

  it('text: an exposure says how long the trap was armed; the lines carry the catalog\'s danger (with its DOMAIN section) and remedy', () => {
    const kind = trapKind('factory-reset')!;
    expect(armedTrapLines(retype, '> ')).toEqual([
      '> was armed: Factory reset armed for the next restart on expc03 [factory-reset]: ' + retype.armedTraps[0]!.detail,
      expect.stringMatching(new RegExp(`; undone at T\\+00:21:01\\.000, during step #6 .* — armed for ${formatDuration(20 * 60_000 + 1_000)}$`)),
      `>   danger: ${kind.harm} (${kind.domain})`,
      `>   disarm: ${kind.disarm}`,
    ]);
  });

  it('text: a trap the world was built with and still armed at the end says so, as ARMED', () => {
    const topology = { ...TWO, peers: [TWO.peers[0]!, { ...TWO.peers[1]!, optionKeys: [{ key: '116341W00-1-CCCC', kind: 'feature' as const, description: 'Advanced Account Security' }] }] };
    const run = tiny([{ wait: '3m' }], topology);
    const [headline, when] = armedTrapLines(run);
    expect(headline).toMatch(/^ {2}ARMED: .* on expc02 \[option-keys-differ\]: /);
    expect(when).toBe('    armed at T+00:00:00.000, the world was built that way; still armed at the end');
    expect(armedTrapLines(tiny([{ wait: '1m' }]))).toEqual(['  no trap left armed']);
  });

  it('html: a section that lists it', () => {
    const html = htmlReport(retype, RETYPE);
    expect(html).toMatch(/<section class="armed-traps"><h2>Armed traps<\/h2>\s*<ul><li class="trap-undone"><strong>Factory reset armed for the next restart on expc03/);
    // The timeline draws it in expc03's traps row, from when it armed to when it was undone.
    const trap = retype.armedTraps[0]!;
    const lane = html.match(/<g class="peer-lane" data-peer="expc03">[\s\S]*?<\/g>/)![0];
    expect(lane).toMatch(new RegExp(`class="trap-undone"><title>trap [^<]*\\[factory-reset\\] armed from ${formatVirtualTime(trap.armedAtMs).replace(/[.+]/g, '\\$&')} to ${formatVirtualTime(trap.disarmedAtMs!).replace(/[.+]/g, '\\$&')}</title>`));
    expect(html.match(/<g class="peer-lane" data-peer="expc01">[\s\S]*?<\/g>/)![0]).not.toContain('class="trap');
  });

  it('junit: a warning in system-err and a property; with strict, a failing test case', () => {
    const plain = junitReport([{ run: retype }]);
    expect(plain).toContain('<property name="armedTraps" value="1"/>');
    expect(plain).toMatch(/<system-err>warning: was armed: Factory reset armed/);
    expect(plain).not.toContain('<failure');
    const strict = junitReport([{ run: retype }], { strict: true });
    expect(strict).toContain('name="no trap left armed (--strict)" time="0.000"><failure message="1 armed trap(s) (--strict)">');
    expect(strict).toMatch(/failures="1"/);
  });
});
