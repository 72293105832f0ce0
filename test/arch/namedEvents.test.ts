// Issue #15: a world that is checkpointed schedules only through named handlers (queue.handler),
// so every pending event is data. Calling the queue's closure API (queue.after/at/every with a
// function) in these paths would make `save()` fail at run time; this catches it in review. Each
// path joins the list once its scheduling is converted; exceptions are named with their reason.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './sources.js';

/** Paths whose worlds are checkpointed and whose scheduling is all named. */
const NAMED_ONLY_PATHS = ['sim'];

/** Files in those paths that may still use the closure API, and why. */
const CLOSURE_EXCEPTIONS: Record<string, string> = {
  'sim/timers.ts': "the xstate Clock shape over the queue (xstate hands it closures); a checkpointed twin's actors do not use delayed transitions",
  'sim/queue.ts': 'the queue itself (its closure API stays for worlds that are never checkpointed)',
};

const CLOSURE_CALL = /\b(?:queue|this\.queue|ctx\.queue|this\.ctx\.queue|options\.queue)\.(after|at|every)\s*\(/;

describe('architecture: pending events are data (issue #15)', () => {
  it('no closure scheduling in the checkpointed paths', () => {
    const hits: string[] = [];
    for (const file of NAMED_ONLY_PATHS.flatMap((p) => sourceFiles(p))) {
      if (CLOSURE_EXCEPTIONS[file]) continue;
      readFileSync(join(ROOT, file), 'utf8').split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/^\s*\*/.test(code)) return;
        const m = CLOSURE_CALL.exec(code);
        if (m) hits.push(`${file}:${i + 1} schedules a closure with queue.${m[1]}(); register a named handler (queue.handler) and schedule through it`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('the rule sees a closure call (it is not vacuous)', () => {
    expect(CLOSURE_CALL.test('    this.ctx.queue.after(5, () => undefined);')).toBe(true);
    expect(CLOSURE_CALL.test('    this.answerNow.after(delayMs, pending);')).toBe(false);
  });
});
