// Running the real `xtwin` command for the CLI tests: `node src/cli/bin.mjs <args>` from the repo
// root, as a user would, with a time limit so a hung command fails its test instead of the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../arch/sources.js';

export const BIN = join(ROOT, 'src', 'cli', 'bin.mjs');
/**
 * Per command, a guard against a hang, not a speed claim (speed is the bench's): the slowest, the
 * README's 200-run campaign, took 71–78 s on a machine shared by several jobs.
 */
export const COMMAND_TIMEOUT_MS = 150_000;

export interface Ran {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function xtwin(args: readonly string[], options: { input?: string; cwd?: string } = {}): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: COMMAND_TIMEOUT_MS, input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch directory for one test file, removed by the returned function. */
export function scratch(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'xtwin-cli-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
