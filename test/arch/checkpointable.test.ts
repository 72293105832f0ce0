// A world is data (issue #15): the model above the kernel schedules its work through named queue
// handlers with JSON payloads, and gets DNS answers through a named handler, so a checkpoint can save
// everything pending. A closure handed to the queue or to DNS in src/expressway, src/cluster or
// src/twin would make `checkpoint()` throw at run time; this test finds it at review time. The
// façade's own `schedule` takes named work with a JSON payload too (runbook timelines: Twin.onScheduled).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './sources.js';

const MODEL = [...sourceFiles('src/expressway'), ...sourceFiles('src/cluster'), ...sourceFiles('src/twin'), 'src/twin.ts'];

const CLOSURE_SCHEDULING: [RegExp, string][] = [
  // a handler's scheduler is `<handler>.after(…)`; the queue's own at/after/every take closures
  [/\bqueue\.(at|after|every)\s*\(/, 'queue.at/after/every (a closure): register a named handler with queue.handler(…)'],
  [/\bqueueTimers\s*\(/, 'queueTimers (xstate delays as closures): schedule a named handler and send an event'],
  [/\bdns\.resolve\([^;]*=>/, 'dns.resolve with a closure: pass { to: handler, context }'],
  [/\bafter\s*:\s*\{/, "an xstate 'after' delay (scheduled as a closure)"],
];

describe('the model schedules only named, savable work', () => {
  it('no closure is handed to the event queue, xstate or DNS in src/expressway, src/cluster, src/twin', () => {
    const hits: string[] = [];
    for (const file of MODEL) {
      readFileSync(join(ROOT, file), 'utf8').split('\n').forEach((line, i) => {
        const code = line.replace(/\/\/.*$/, '');
        if (/^\s*\*/.test(code)) return; // doc comment
        for (const [re, what] of CLOSURE_SCHEDULING) {
          if (re.test(code)) hits.push(`${file}:${i + 1}: ${what}`);
        }
      });
    }
    expect(hits).toEqual([]);
  });

  it('the rules see a closure (they are not vacuous): the façade\'s old closure schedule would be caught', () => {
    expect(CLOSURE_SCHEDULING.some(([re]) => re.test('    return this.queue.at(atMs, fn);'))).toBe(true);
    expect(CLOSURE_SCHEDULING.some(([re]) => re.test('    return handler.at(atMs, checkJson(payload, where));'))).toBe(false);
  });
});
