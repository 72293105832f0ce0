// README.md's `npx xtwin …` commands, run as written: taken from the README itself (fenced sh blocks
// and inline code), so a command that stops working — or a new one that names a file that does not
// exist — fails here. They run in a scratch directory with the repository's scenarios/ beside them,
// so the reports they write land there, not in the repository.
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../arch/sources.js';
import { COMMAND_TIMEOUT_MS, scratch, xtwin } from './helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Every `npx xtwin …` command of the README with no placeholder in it (FILE, NAME, […], …). */
function readmeCommands(text: string): string[] {
  const fenced = [...text.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n'));
  const inline = [...text.matchAll(/`(npx xtwin [^`]*)`/g)].map((m) => m[1]!);
  const commands = [...fenced, ...inline]
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .flatMap((l) => l.split('&&').map((c) => c.trim()))
    .filter((c) => c.startsWith('npx xtwin ') && !/[[\]…]|\bFILE\b|\bNAME\b/.test(c))
    // The server runs until stopped: test/cli/serve.test.ts starts and stops it.
    .filter((c) => c !== 'npx xtwin serve');
  return [...new Set(commands)];
}

/** Exit statuses the README promises for commands that are meant to find something wrong. */
function expectedStatus(command: string): number {
  return /^npx xtwin check scenarios\/wrong-way\//.test(command) ? 1 : 0;
}

const tmp = scratch();
symlinkSync(join(ROOT, 'scenarios'), join(tmp.dir, 'scenarios'));
afterAll(tmp.remove);

describe('README.md commands run as written', () => {
  const commands = readmeCommands(README);

  it('the README has the commands this test expects to find', () => {
    expect(commands.length).toBeGreaterThanOrEqual(6);
    expect(commands).toContain('npx xtwin replay run.json');
  });

  // In README order: `replay run.json` needs the run before it.
  it.each(commands)('%s', (command) => {
    const r = xtwin(command.replace(/^npx xtwin /, '').split(/\s+/), { cwd: tmp.dir });
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.status, `${command}\n${r.stdout.slice(-400)}\n${r.stderr}`).toBe(expectedStatus(command));
    for (const m of command.matchAll(/(?:--html|--junit)\s+(\S+)|--json=(\S+)/g)) expect(existsSync(join(tmp.dir, m[1] ?? m[2]!))).toBe(true);
  }, COMMAND_TIMEOUT_MS + 30_000);
});
