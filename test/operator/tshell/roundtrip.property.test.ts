// Property: for generated valid lines of every node kind, the parser returns the node the generator
// intended, and canonical printing is a faithful inverse: parse ∘ canonical ∘ parse = parse.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalTshell, parseTshellLine } from '../../../src/operator/tshell/parse.js';
import { FC_NUM_RUNS, FC_SEED } from '../../setup.js';
import { lineCase } from './arbitraries.js';

describe(`tshell round trip (seed ${FC_SEED}, ${FC_NUM_RUNS} runs × 5)`, () => {
  it('every generated valid line parses to the node its generator intended', () => {
    fc.assert(
      fc.property(lineCase, ({ line, expected }) => {
        expect(parseTshellLine(line)).toEqual({ ok: true, node: expected });
      }),
      { numRuns: FC_NUM_RUNS * 5 },
    );
  });

  it('parse(canonical(parse(line))) equals parse(line), and canonical text is a fixed point', () => {
    fc.assert(
      fc.property(lineCase, ({ line }) => {
        const first = parseTshellLine(line);
        if (!first.ok) throw new Error(`generated line rejected: ${JSON.stringify(first.error)}`);
        const text = canonicalTshell(first.node);
        const second = parseTshellLine(text);
        expect(second).toEqual(first);
        if (second.ok) expect(canonicalTshell(second.node)).toBe(text);
      }),
      { numRuns: FC_NUM_RUNS * 5 },
    );
  });
});
