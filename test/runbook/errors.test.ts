// The runbook error catalog (src/runbook/errors.ts): how a problem reads (`file:line:col: detail`,
// 1-based, never 0), a load's problems as one exception, and the "did you mean" suggestions —
// close enough to be a typo (edit distance up to max(2, a third of the length), any case), else none.
import { describe, expect, it } from 'vitest';
import { closest, formatRunbookErrors, RunbookError, RunbookLoadError, suggestion } from '../../src/runbook/errors.js';

const error = (line: number, column: number, detail = 'd') => new RunbookError({ code: 'XTW_ERR_RUNBOOK_SCHEMA', file: 'plan.yaml', line, column, path: '/steps/0', detail });

describe('RunbookError', () => {
  it('reads file:line:col: detail and keeps every field', () => {
    const e = error(3, 7, 'unknown key "x"');
    expect(e.message).toBe('plan.yaml:3:7: unknown key "x"');
    expect(e).toMatchObject({ name: 'RunbookError', code: 'XTW_ERR_RUNBOOK_SCHEMA', file: 'plan.yaml', line: 3, column: 7, path: '/steps/0', detail: 'unknown key "x"' });
    expect(e).toBeInstanceOf(Error);
  });

  it('a place below 1 or between lines is held to a whole 1-based position', () => {
    expect(error(0, -4).message).toBe('plan.yaml:1:1: d');
    expect([error(2.7, 1.2).line, error(2.7, 1.2).column]).toEqual([2, 1]);
  });

  it('a load\'s errors: one line each, in the order given; as an exception that carries them', () => {
    const errors = [error(1, 2, 'a'), error(4, 1, 'b')];
    expect(formatRunbookErrors(errors)).toBe('plan.yaml:1:2: a\nplan.yaml:4:1: b');
    const thrown = new RunbookLoadError(errors);
    expect(thrown).toMatchObject({ name: 'RunbookLoadError', message: 'plan.yaml:1:2: a\nplan.yaml:4:1: b' });
    expect(thrown.errors).toBe(errors);
  });
});

describe('suggestions', () => {
  const KNOWN = ['expc01', 'expc02', 'SystemUnit Name', 'running', 'restarting'];

  it('the closest known name, in any case', () => {
    expect(closest('expc9', KNOWN)).toBe('expc01');
    expect(closest('EXPC02', KNOWN)).toBe('expc02');
    expect(closest('runing', KNOWN)).toBe('running');
    expect(closest('systemunit nme', KNOWN)).toBe('SystemUnit Name');
    expect(suggestion('runing', KNOWN)).toBe(' (did you mean running?)');
  });

  it('two edits are always close enough; more only for long words (a third of the length)', () => {
    expect(closest('ab', ['xy'])).toBe('xy');
    expect(closest('abc', ['xyz'])).toBeUndefined();
    expect(closest('abcdefghi', ['abcxyzghi'])).toBe('abcxyzghi');
    expect(closest('abcdefghi', ['wxyzefghi'])).toBeUndefined();
  });

  it('edits are insertions, deletions and substitutions, counted once each', () => {
    expect(closest('expc011', ['expc01', 'expc0111'])).toBe('expc01');
    expect(closest('xpc01', ['expc01', 'xpc0123'])).toBe('expc01');
    expect(closest('kitten', ['sitting', 'kittens'])).toBe('kittens');
  });

  it('nothing for an empty list, a value too far from all, or a value longer than 64 characters', () => {
    expect(closest('a', [])).toBeUndefined();
    expect(suggestion('zzzzzzzz', KNOWN)).toBe('');
    expect(closest('x'.repeat(65), ['x'.repeat(65)])).toBeUndefined();
    expect(closest('x'.repeat(64), ['x'.repeat(64)])).toBe('x'.repeat(64));
  });

  it('the first of equally close names', () => {
    expect(closest('expc0', ['expc01', 'expc02'])).toBe('expc01');
  });
});
