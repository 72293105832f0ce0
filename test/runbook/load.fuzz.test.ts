// Fuzz: mutated runbooks, random text and random values in valid runbooks never make the loader
// throw or hang, and every rejection is well formed — line and column ≥ 1 and inside the text, a
// catalog code, a JSON pointer and a non-empty message — so a CLI or an editor can always show it.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { RUNBOOK_ERRORS } from '../../src/runbook/errors.js';
import { parseRunbook } from '../../src/runbook/load.js';
import { FC_SEED } from '../setup.js';

const FILE = 'fuzz.yaml';
/** Far above a normal parse (about a millisecond): only a blow-up (regex, aliases) gets near it. */
const MAX_PARSE_MS = 2_000;

const CORPUS = [
  `name: smallest
topology:
  peers:
    - name: expc01
      lan1: { ipv4: 10.0.0.11 }
steps: []
`,
  `name: form a cluster
seed: 7
topology:
  peers:
    - name: expc01
      lan1: { ipv4: 10.0.0.11 }
    - name: expc02
      lan1: { ipv4: 10.0.0.12, ipv6: "2001:db8::12" }
      certificate: null
  cluster: { peers: [expc01, expc02], tls: Enforcing }
faults:
  - at: 2m
    fault: { kind: partition, groups: [[expc01], [expc02]] }
    heal: 5m
steps:
  - peer: expc01
    tshell: xCommand ForceConfigUpdate
  - wait: { until: [{ peer: expc02, alarm: "20004" }, { replicated: true }], limit: 10m }
  - { peer: expc02, page: clustering, set: { "Alternates Cluster Name": c.example.com } }
  - expect: { peer: expc01, status: { entry: 2, is: Active } }
  - heal: all
  - note: done
`,
];

/** The loader's whole contract for one input; any breach fails the property. */
function checkWellFormed(text: string): void {
  const startedMs = performance.now();
  const r = parseRunbook(text, FILE);
  expect(performance.now() - startedMs).toBeLessThan(MAX_PARSE_MS);
  if (r.ok) return;
  expect(r.errors.length).toBeGreaterThan(0);
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const e of r.errors) {
    expect(Number.isInteger(e.line) && e.line >= 1 && e.line <= lines, `line ${e.line} of ${lines}`).toBe(true);
    expect(Number.isInteger(e.column) && e.column >= 1, `column ${e.column}`).toBe(true);
    expect(e.detail.trim().length).toBeGreaterThan(0);
    expect(e.message).toBe(`${FILE}:${e.line}:${e.column}: ${e.detail}`);
    expect(Object.keys(RUNBOOK_ERRORS)).toContain(e.code);
    expect(e.path === '' || e.path.startsWith('/')).toBe(true);
  }
}

/** Characters and tokens that steer YAML and the schema into their interesting states. */
const yamlish = fc.string({
  unit: fc.constantFrom(':', ': ', '- ', ' ', '  ', '\n', '\t', '\r', '[', ']', '{', '}', ',', '&a ', '*a', '!!str ', '!x ', '"', "'", '#', '|', '>',
    '?', '%', '@', '`', '---', '...', 'x', '1', '.', '-1', '\u0000', '\uFEFF', 'é', '\u2028', 'peer', 'expc01', 'tshell', 'kind', 'steps', '90s', '10.0.0.1'),
  maxLength: 16,
});

type Mutation =
  | { op: 'delete' | 'duplicate'; line: number }
  | { op: 'swap'; line: number; other: number }
  | { op: 'shuffle'; keys: number[] }
  | { op: 'insert'; offset: number; text: string }
  | { op: 'replaceLine'; line: number; text: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), line: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('shuffle' as const), keys: fc.array(fc.integer(), { minLength: 1, maxLength: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), offset: fc.nat(), text: yamlish }),
  fc.record({ op: fc.constant('replaceLine' as const), line: fc.nat(), text: yamlish }),
);

function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const i = 'line' in m ? m.line % lines.length : 0;
  switch (m.op) {
    case 'delete': lines.splice(i, 1); break;
    case 'duplicate': lines.splice(i, 0, lines[i]!); break;
    case 'swap': { const j = m.other % lines.length; [lines[i], lines[j]] = [lines[j]!, lines[i]!]; break; }
    case 'shuffle': return lines.map((l, k) => ({ l, key: m.keys[k % m.keys.length]! })).sort((a, b) => a.key - b.key).map((x) => x.l).join('\n');
    case 'insert': { const at = m.offset % (text.length + 1); return text.slice(0, at) + m.text + text.slice(at); }
    case 'replaceLine': lines[i] = m.text; break;
  }
  return lines.join('\n');
}

/** Replace, delete or add one value somewhere in a valid runbook, choosing the place by indexes. */
function poke(value: unknown, choices: number[], replacement: unknown, how: 'replace' | 'delete' | 'add'): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  let node: Record<string, unknown> | unknown[] = copy;
  for (const c of choices) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = keys[c % keys.length]!;
    const child = (node as Record<string, unknown>)[key];
    if (child === null || typeof child !== 'object' || c % 3 === 0) {
      if (how === 'replace') (node as Record<string, unknown>)[key] = replacement;
      else if (how === 'delete' && !Array.isArray(node)) delete (node as Record<string, unknown>)[key];
      else if (!Array.isArray(node)) (node as Record<string, unknown>)[`extra${c % 5}`] = replacement;
      return copy;
    }
    node = child as Record<string, unknown>;
  }
  return copy;
}

describe(`runbook loader fuzz (seed ${FC_SEED})`, () => {
  // The bound is per input: compiling the schema and loading the twin's modules happen once, before.
  beforeAll(() => {
    parseRunbook(CORPUS[0]!, FILE);
  });

  it('mutated runbooks (lines deleted, duplicated, swapped, shuffled; characters inserted) never throw and every error is well formed', () => {
    fc.assert(fc.property(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 6 }), (base, ms) => {
      checkWellFormed(ms.reduce(mutate, base));
    }));
  });

  it('random text (YAML-ish tokens, any Unicode, raw UTF-16) never throws and every error is well formed', () => {
    const utf16 = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 }).map((u) => String.fromCharCode(...u));
    fc.assert(fc.property(fc.oneof(yamlish, fc.string({ unit: 'grapheme', maxLength: 80 }), utf16), checkWellFormed));
  });

  it('valid YAML with a random value replaced, deleted or added anywhere never throws and every error is well formed', () => {
    const bases = CORPUS.map((t) => {
      const r = parseRunbook(t, FILE);
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
      return r.runbook;
    });
    fc.assert(fc.property(
      fc.constantFrom(...bases), fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('replace' as const, 'delete' as const, 'add' as const),
      (base, choices, replacement, how) => checkWellFormed(stringify(poke(base, choices, replacement, how))),
    ));
  });
});
