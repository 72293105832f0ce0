// fast-check arbitraries for tshell lines, each paired with the node the line is meant to parse to.
// The expected node is built here from the generator's own choices (a model simpler than the parser,
// STYLE R12), never by calling the parser; lines vary case, blanks and glued quotes/help marks.
import fc from 'fast-check';
import type { Family, TshellNode, TshellParam } from '../../../src/operator/tshell/parse.js';

export interface LineCase {
  readonly line: string;
  readonly expected: TshellNode;
}

const FAMILIES: readonly Family[] = ['xConfiguration', 'xCommand', 'xStatus', 'xHistory', 'xFeedback'];

/** The test's own quoting: backslash before every `\` and `"`. */
export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

const blank = fc.constantFrom(' ', '  ', '\t', ' \t ');
const edge = fc.constantFrom('', ' ', '\t', '  ');
const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,9}$/);
const pathWord = fc.oneof(name, fc.nat(99).map(String));
/** Bare values: numbers, addresses, FQDNs, IPv6 with inner colons; never ending in ':' (that is a key). */
const bareValue = fc.oneof(
  fc.integer({ min: -1000, max: 100_000 }).map(String),
  fc.stringMatching(/^[A-Za-z0-9._/@+=,#-]([A-Za-z0-9._/@+=,:#-]{0,14}[A-Za-z0-9._/@+=,#-])?$/),
);
/** Quoted values: spaces, quotes, backslashes, colons, help marks, #, and non-ASCII text. */
const quotedValue = fc.string({ unit: fc.constantFrom('a', 'B', '7', ' ', '"', '\\', ':', '?', '#', 'é', '中', '-', '.'), maxLength: 20 });
const value = fc.oneof(
  bareValue.map((v) => ({ text: v, value: v, quoted: false })),
  quotedValue.map((v) => ({ text: quote(v), value: v, quoted: true })),
);

/** A family keyword in a random letter case (the product accepts any case). */
function spell(family: Family): fc.Arbitrary<string> {
  return fc
    .array(fc.boolean(), { minLength: family.length, maxLength: family.length })
    .map((upper) => [...family].map((c, i) => (upper[i] === true ? c.toUpperCase() : c.toLowerCase())).join(''));
}

/** Join words with random blanks, and random blanks at both ends. */
function layout(words: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(edge, fc.array(blank, { minLength: words.length, maxLength: words.length }), edge)
    .map(([lead, gaps, tail]) => lead + words.map((w, i) => (i === 0 ? w : (gaps[i] ?? ' ') + w)).join('') + tail);
}

const readCase: fc.Arbitrary<LineCase> = fc
  .record({ family: fc.constantFrom('xConfiguration', 'xStatus', 'xHistory'), path: fc.array(pathWord, { maxLength: 5 }) })
  .chain(({ family, path }) =>
    spell(family).chain((f) => layout([f, ...path]).map((line) => ({ line, expected: { kind: 'read', family, path } as TshellNode }))),
  );

const helpCase: fc.Arbitrary<LineCase> = fc
  .record({ family: fc.constantFrom<Family>(...FAMILIES), path: fc.array(pathWord, { maxLength: 4 }), detailed: fc.boolean(), glued: fc.boolean() })
  .chain(({ family, path: p, detailed, glued }) => {
    const path = family === 'xFeedback' ? [] : p;
    const mark = detailed ? '??' : '?';
    return spell(family).chain((f) => {
      const words = [f, ...path];
      const line = glued ? layout([...words.slice(0, -1), `${words.at(-1) ?? ''}${mark}`]) : layout([...words, mark]);
      return line.map((l) => ({ line: l, expected: { kind: 'help', family, path, detailed } as TshellNode }));
    });
  });

const bareHelpCase: fc.Arbitrary<LineCase> = fc.constantFrom<LineCase>(
  { line: '?', expected: { kind: 'help', path: [], detailed: false } },
  { line: ' ?? ', expected: { kind: 'help', path: [], detailed: true } },
  { line: 'Help', expected: { kind: 'help', path: [], detailed: false } },
);

const setCase: fc.Arbitrary<LineCase> = fc
  .record({ path: fc.array(pathWord, { maxLength: 4 }), key: name, value, glued: fc.boolean() })
  .chain(({ path, key, value: v, glued }) =>
    spell('xConfiguration').chain((f) => {
      const tail = glued && v.quoted ? [`${key}:${v.text}`] : [`${key}:`, v.text];
      const expected: TshellNode = { kind: 'set', family: 'xConfiguration', path: [...path, key], value: v.value, quoted: v.quoted };
      return layout([f, ...path, ...tail]).map((line) => ({ line, expected }));
    }),
  );

const commandCase: fc.Arbitrary<LineCase> = fc
  .record({
    path: fc.array(pathWord, { minLength: 1, maxLength: 4 }),
    params: fc.uniqueArray(fc.tuple(name, value), { selector: ([n]) => n.toLowerCase(), maxLength: 4 }),
  })
  .chain(({ path, params }) =>
    spell('xCommand').chain((f) => {
      const words = params.flatMap(([n, v]) => [`${n}:`, v.text]);
      const expectedParams: TshellParam[] = params.map(([n, v]) => ({ name: n, value: v.value, quoted: v.quoted }));
      const expected: TshellNode = { kind: 'command', family: 'xCommand', path, params: expectedParams };
      return layout([f, ...path, ...words]).map((line) => ({ line, expected }));
    }),
  );

const shellWord = fc
  .stringMatching(/^[a-z][a-z0-9-]{0,8}$/)
  .filter((w) => w !== 'help' && !FAMILIES.some((f) => f.toLowerCase() === w));
const shellArg = fc.oneof(
  bareValue.map((v) => ({ text: v, arg: v })),
  quotedValue.map((v) => ({ text: quote(v), arg: v })),
  name.map((n) => ({ text: `${n}:`, arg: `${n}:` })),
  fc.constantFrom('?', '??').map((m) => ({ text: m, arg: m })),
);
const shellCase: fc.Arbitrary<LineCase> = fc
  .record({ word: shellWord, args: fc.array(shellArg, { maxLength: 4 }) })
  .chain(({ word, args }) =>
    layout([word, ...args.map((a) => a.text)]).map((line) => ({ line, expected: { kind: 'shell', word, args: args.map((a) => a.arg) } as TshellNode })),
  );

const emptyCase: fc.Arbitrary<LineCase> = fc
  .oneof(edge, quotedValue.map((c) => `# ${c}`), quotedValue.map((c) => ` \t#${c}`))
  .map((line) => ({ line, expected: { kind: 'empty' } as TshellNode }));

/** A valid tshell line of any node kind, with the node it must parse to. */
export const lineCase: fc.Arbitrary<LineCase> = fc.oneof(readCase, helpCase, bareHelpCase, setCase, commandCase, shellCase, emptyCase);
