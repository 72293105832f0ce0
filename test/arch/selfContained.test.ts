// The project stands alone: a user's clone has no ../shared (the team's notes) beside it, so nothing
// the project runs, tests or links may reach outside the repository. CI proves it by running the
// suite from a clone with nothing beside it (.ci/run); this test names the offending line at once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url);
const tracked = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' }).split('\n')
  .filter((f) => /\.(ts|mjs|js|json|md|yaml|html|css)$/.test(f) && f !== 'package-lock.json');

describe('the repository stands alone', () => {
  it('lists the files it checks (the git listing works)', () => {
    expect(tracked).toContain('README.md');
    expect(tracked.length).toBeGreaterThan(200);
  });

  it('no file reads or links a path above the repository (../shared, ../../..)', () => {
    const offending: string[] = [];
    for (const file of tracked) {
      if (file === 'test/arch/selfContained.test.ts') continue;
      readFileSync(new URL(file, ROOT), 'utf8').split('\n').forEach((line, i) => {
        if (/(\.\.\/)+shared\b|\/shared\/(docs|fixtures|seed)\//.test(line)) offending.push(`${file}:${i + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    expect(offending).toEqual([]);
  });
});
