// Fuzz: arbitrary and mutated input never throws and never hangs, and every answer is well formed —
// either a node (which then survives the canonical round trip) or an error whose column lies inside
// the line and whose message and code are set. This is what lets a server feed raw SSH input to it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TSHELL_MAX_LINE_CHARS } from '../../../src/operator/tshell/lexer.js';
import { canonicalTshell, parseTshellLine } from '../../../src/operator/tshell/parse.js';
import type { TshellSyntaxCode } from '../../../src/operator/tshell/parse.js';
import { FC_NUM_RUNS, FC_SEED } from '../../setup.js';
import { lineCase } from './arbitraries.js';

const CODES: readonly TshellSyntaxCode[] = [
  'line-too-long', 'control-character', 'non-ascii-outside-quotes', 'unterminated-quote', 'bad-escape', 'missing-space',
  'bad-help-mark', 'expected-command', 'bad-path-word', 'unexpected-string', 'missing-value', 'trailing-input',
  'read-only-family', 'missing-command', 'expected-parameter', 'duplicate-parameter',
];

/** The whole contract for one input; throws (failing the property) on any breach. */
function checkWellFormed(line: string): void {
  const r = parseTshellLine(line);
  if (r.ok) {
    // Accepted input of any shape must round-trip, not only the generator's valid lines.
    expect(parseTshellLine(canonicalTshell(r.node))).toEqual(r);
    return;
  }
  expect(r.error.column).toBeGreaterThanOrEqual(0);
  expect(r.error.column).toBeLessThanOrEqual(line.length);
  expect(Number.isInteger(r.error.column)).toBe(true);
  expect(r.error.message.length).toBeGreaterThan(0);
  expect(typeof r.error.text).toBe('string');
  expect(CODES).toContain(r.error.code);
}

/** Characters that drive the lexer into its interesting states. */
const tshellish = fc.string({
  unit: fc.constantFrom('x', 'C', '1', '-', ' ', '\t', '"', '\\', ':', '?', '#', '\n', '\r', 'é', '\u0007', '\u2028', 'xCommand ', 'xConfiguration ', 'Name: '),
  maxLength: 40,
});
/** Raw UTF-16 code units, lone surrogates included. */
const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 }).map((units) => String.fromCharCode(...units));

type Edit = { at: number; op: 'insert' | 'delete' | 'replace'; text: string };
const edit: fc.Arbitrary<Edit> = fc.record({
  at: fc.nat(),
  op: fc.constantFrom('insert', 'delete', 'replace'),
  text: fc.constantFrom('"', '\\', ':', '?', '??', ' ', '#', 'x', '1', 'Key:', '\u0000', 'é', '\t'),
});

function mutate(line: string, edits: readonly Edit[]): string {
  return edits.reduce((s, e) => {
    const at = s.length === 0 ? 0 : e.at % (s.length + 1);
    if (e.op === 'insert') return s.slice(0, at) + e.text + s.slice(at);
    if (e.op === 'delete') return s.slice(0, at) + s.slice(at + 1);
    return s.slice(0, at) + e.text + s.slice(at + 1);
  }, line);
}

describe(`tshell fuzz (seed ${FC_SEED}, ${FC_NUM_RUNS} runs × 10)`, () => {
  const runs = { numRuns: FC_NUM_RUNS * 10 };

  it('fc.string(): never throws; ok or a well-formed error', () => {
    fc.assert(fc.property(fc.string(), checkWellFormed), runs);
  });

  it('full Unicode (fc.string({ unit: "binary" }), v4 replacement of fullUnicodeString): never throws; ok or a well-formed error', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), checkWellFormed), runs);
  });

  it('raw UTF-16 with lone surrogates: never throws; ok or a well-formed error', () => {
    fc.assert(fc.property(utf16, checkWellFormed), runs);
  });

  it('tshell-flavoured character soup: never throws; ok or a well-formed error', () => {
    fc.assert(fc.property(tshellish, checkWellFormed), runs);
  });

  it('mutated valid lines: never throw; ok or a well-formed error', () => {
    fc.assert(
      fc.property(lineCase, fc.array(edit, { minLength: 1, maxLength: 4 }), ({ line }, edits) => checkWellFormed(mutate(line, edits))),
      runs,
    );
  });

  it('the fuzz corpus reaches both outcomes and many error codes (so the properties above are not vacuous)', () => {
    // Why: a parser that rejected everything would pass every property above; this pins coverage.
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.oneof(tshellish, lineCase.chain(({ line }) => fc.array(edit, { minLength: 1, maxLength: 3 }).map((e) => mutate(line, e)))), (line) => {
        const r = parseTshellLine(line);
        seen.add(r.ok ? 'ok' : r.error.code);
      }),
      { numRuns: 2000 },
    );
    expect(seen.has('ok')).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });

  it.each([
    ['quotes', '"'],
    ['backslashes in a string', '"' + '\\'.repeat(TSHELL_MAX_LINE_CHARS - 1)],
    ['escaped quotes', '"' + '\\"'.repeat((TSHELL_MAX_LINE_CHARS - 1) / 2)],
    ['keys', 'a: '],
    ['help marks', '? '],
    ['params', 'xCommand A B: 1 '],
  ])('maximum-length lines of %s finish with a well-formed answer (no hang)', (_name, unit) => {
    const line = unit.repeat(Math.ceil(TSHELL_MAX_LINE_CHARS / unit.length)).slice(0, TSHELL_MAX_LINE_CHARS);
    checkWellFormed(line);
    checkWellFormed(`${line}x`);
  });
});
