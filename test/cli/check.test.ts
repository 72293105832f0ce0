// `xtwin check`, spawned as a user runs it: the known-bad runbook exits 1 with a replay line that
// itself exits 1 and a shrunk runbook that fails `xtwin run`; a correct runbook passes on two
// workers; bad input (unknown fault kind, no invariants, a damaged replay code) exits 2 with its code.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeCase } from '../../src/check/report.js';
import { ROOT } from '../arch/sources.js';
import { scratch, xtwin, type Ran } from './helpers.js';

const ADD_PEER = 'scenarios/procedures/add-peer.yaml';
const RETYPE = 'scenarios/wrong-way/retype-peer-list.yaml';
const tmp = scratch();
afterAll(tmp.remove);

describe(`xtwin check ${RETYPE} --runs 60 --workers 1`, () => {
  let r: Ran;
  beforeAll(() => {
    r = xtwin(['check', RETYPE, '--runs', '60', '--workers', '1', '--out', tmp.dir]);
  });
  const replayLine = () => r.stdout.split('\n').map((l) => l.trim()).find((l) => l.includes('--replay'));
  const shrunkFile = () => r.stdout.split('\n').map((l) => l.trim()).find((l) => l.startsWith('npx xtwin run '))?.slice('npx xtwin run '.length);

  it('exits 1 (a safety invariant broke) after printing SEED= first and the broken invariant', () => {
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/^SEED=1 runs=60 workers=1 /);
    expect(r.stdout).toContain('invariant: no-unplanned-factory-reset: expc03 factory reset without the runbook intending it');
  });

  it('says one count of failed runs: the FAILED line and the progress line agree', () => {
    const failed = /FAILED: \S+ — (\d+) of 60 runs failed, the first at run \d+$/m.exec(r.stdout);
    const progress = /60\/60 runs done, (\d+) failed so far/.exec(r.stdout);
    expect(failed).not.toBeNull();
    expect(progress?.[1]).toBe(failed![1]);
  });

  it('prints a one-line replay command, and running that line exits 1 too', () => {
    const line = replayLine();
    expect(line).toMatch(new RegExp(`^npx xtwin check ${RETYPE} --seed 1 --replay [A-Za-z0-9_-]+$`));
    const replay = xtwin(line!.replace(/^npx xtwin /, '').split(' '));
    expect(replay.status).toBe(1);
    expect(replay.stdout).toContain('no-unplanned-factory-reset');
  });

  it('writes the shrunk runbook under --out, and `xtwin run` of it exits 1', () => {
    const file = shrunkFile();
    expect(file?.startsWith(tmp.dir)).toBe(true);
    expect(readFileSync(file!, 'utf8')).toMatch(/^name: "?.* — shrunk failure"?$/m);
    const run = xtwin(['run', file!]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('expc03: was not factory reset');
  });
});

describe('xtwin check: passing and refusing', () => {
  it(`${ADD_PEER} --runs 30 --workers 2 exits 0`, () => {
    const r = xtwin(['check', ADD_PEER, '--runs', '30', '--workers', '2']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`passed: ${ADD_PEER} — 30 runs, every invariant held`);
  });

  it('--invariants prints the catalog alone, not the usage text before it', () => {
    const r = xtwin(['check', '--invariants']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('invariants:');
    expect(r.stdout).not.toContain('usage:');
    expect(r.stdout).toMatch(/^  converges +liveness /m);
  });

  it('--faults bogus exits 2 with XTW_ERR_CHECK_UNKNOWN_FAULT, before any run', () => {
    const r = xtwin(['check', ADD_PEER, '--faults', 'bogus']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('XTW_ERR_CHECK_UNKNOWN_FAULT');
    expect(r.stdout).not.toContain('SEED=');
  });

  it('a runbook with `invariants: []` exits 2 with XTW_ERR_CHECK_NO_INVARIANTS', () => {
    const file = join(tmp.dir, 'no-invariants.yaml');
    const text = readFileSync(join(ROOT, ADD_PEER), 'utf8');
    writeFileSync(file, text.replace(/^steps:$/m, 'invariants: []\nsteps:'));
    const r = xtwin(['check', file, '--runs', '2', '--workers', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('XTW_ERR_CHECK_NO_INVARIANTS');
  });

  it('a damaged --replay code exits 2 with XTW_ERR_CHECK_BAD_REPLAY (regression: it crashed with exit 1)', () => {
    const damaged = encodeCase({ faults: [1], waitScale: 1, swaps: [] } as never);
    const r = xtwin(['check', ADD_PEER, '--replay', damaged]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('XTW_ERR_CHECK_BAD_REPLAY');
  });
});

describe('xtwin check of a runbook in which the model fails (issue #11 §1; in process, so the test seam can be armed)', () => {
  it('a fault at expc02\'s boot: exits 4 as a crash of no-model-fault, shrunk, with a replay line that exits 4 too', async () => {
    const { AT_BOOT, RESTART_YAML, withLifecycleCrash } = await import('../helpers/modelFault.js');
    const { checkCommand } = await import('../../src/cli/commands/check.js');
    const file = join(tmp.dir, 'boot.yaml');
    writeFileSync(file, RESTART_YAML);
    const inProcess = async (args: string[]): Promise<{ status: number; stdout: string }> => {
      const out: string[] = [];
      const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
      const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => out.push(String(chunk)) > 0);
      try {
        // One worker runs in this thread, where the seam is armed.
        const status = await withLifecycleCrash(AT_BOOT, () => checkCommand(args));
        return { status, stdout: out.join('\n') };
      } finally {
        log.mockRestore();
        write.mockRestore();
      }
    };
    const r = await inProcess([file, '--runs', '5', '--workers', '1', '--out', tmp.dir]);
    expect(r.status).toBe(4);
    expect(r.stdout).toMatch(/crash: no-model-fault: the twin itself failed at T\+00:04:00\.000 on expc02 \(its lifecycle\), during step 3 \(wait 5m\): forced by the test seam at boot/);
    expect(r.stdout).toMatch(/shrunk in \d+ step\(s\) to this fault timeline:/);
    const line = r.stdout.split('\n').map((l) => l.trim()).find((l) => l.includes('--replay'));
    expect(line).toMatch(/^npx xtwin check \S+boot\.yaml --seed 1 --replay [A-Za-z0-9_-]+$/);
    const replay = await inProcess(line!.replace(/^npx xtwin check /, '').split(' '));
    expect(replay.status).toBe(4);
    expect(replay.stdout).toContain('crash: no-model-fault');
  });
});
