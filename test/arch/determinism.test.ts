// STYLE R5(g): no wall clock, timers or unseeded chance below src/server and src/cli. The few places
// allowed to read the wall clock are listed by name below, so each exception is visible in review.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './sources.js';

const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, 'Date.now()'],
  [/new Date\(\s*\)/, 'new Date() without an argument'],
  [/\bMath\.random\s*\(/, 'Math.random()'],
  [/\bsetTimeout\s*\(/, 'setTimeout'],
  [/\bsetInterval\s*\(/, 'setInterval'],
  [/\bsetImmediate\s*\(/, 'setImmediate'],
  [/\bperformance\.now\s*\(/, 'performance.now()'],
  [/\brandomUUID\b/, 'crypto.randomUUID'],
  [/\brandomBytes\b/, 'crypto.randomBytes'],
  [/\bprocess\.hrtime\b/, 'process.hrtime'],
];

/** Microtasks are not on the virtual clock (R5 f): no async inside a run. */
const ASYNC: [RegExp, string][] = [
  [/\basync\s+(function|\(|[a-zA-Z_$][\w$]*\s*=>)/, 'async function'],
  [/\bawait\s/, 'await'],
  [/\bfromPromise\b/, 'fromPromise'],
];

/** Files below src/server and src/cli that may read the wall clock, and why. */
const WALL_CLOCK_EXCEPTIONS: Record<string, string> = {
  'sim/timers.ts': 'declares a virtual setTimeout/clearTimeout over the event queue (the xstate Clock shape); never calls the global one',
};

const RUN_PATHS = ['sim', 'src/expressway', 'src/cluster', 'src/twin.ts', 'src/operator', 'src/runbook/run.ts', 'src/check/invariants'];
/** Modules around a run that may be async (file loading, worker pools), by name. */
const ASYNC_EXCEPTIONS: Record<string, string> = {};

function scan(files: string[], rules: [RegExp, string][], exceptions: Record<string, string>): string[] {
  const hits: string[] = [];
  for (const file of files) {
    if (exceptions[file]) continue;
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/^\s*\*/.test(code)) return;
        for (const [re, what] of rules) if (re.test(code)) hits.push(`${file}:${i + 1} uses ${what}`);
      });
  }
  return hits;
}

describe('architecture: determinism (DESIGN "Determinism", STYLE R5)', () => {
  const below = [...sourceFiles('sim'), ...sourceFiles('src')].filter(
    (f) => !f.startsWith('src/server/') && !f.startsWith('src/cli/'),
  );

  it('no wall clock, timer or unseeded randomness below src/server and src/cli', () => {
    expect(scan(below, FORBIDDEN, WALL_CLOCK_EXCEPTIONS)).toEqual([]);
  });

  it('no async code inside a run', () => {
    const runFiles = below.filter((f) => RUN_PATHS.some((p) => f === p || f.startsWith(`${p}/`)));
    expect(runFiles.length).toBeGreaterThan(0);
    expect(scan(runFiles, ASYNC, ASYNC_EXCEPTIONS)).toEqual([]);
  });

  it('the scanner itself catches a forbidden call (guards against a silently broken regex)', () => {
    const sample = ['const t = Date.now();', 'setTimeout(f, 1)', 'const x = Math.random()', '// Date.now() in a comment'];
    const hits = sample.flatMap((line) => FORBIDDEN.filter(([re]) => re.test(line.replace(/\/\/.*$/, ''))).map(([, w]) => w));
    expect(hits).toEqual(['Date.now()', 'setTimeout', 'Math.random()']);
  });
});
