// Fuzz of the semantic tshell (and applyAction with arbitrary data): any line on any peer never
// throws; a refused line carries an error code, answers in the XACLI error shape, and leaves the
// world exactly as it was (trace hash, clock, every observation). Lines are built from the real
// vocabulary (configuration paths, command names, status elements) so that many of them get deep
// into the semantic layer, mixed with raw noise. Accepted lines may change the world; the run goes
// on with the changed world, so later lines meet restarting, reset and reconfigured peers too.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyAction, runTshell, TSHELL_COMMANDS, type Action } from '../../../src/operator/index.js';
import { CONFIG_KEYS, type Twin } from '../../../src/twin.js';
import { FC_NUM_RUNS, FC_SEED } from '../../setup.js';
import { smallTwin, worldOf } from '../helpers.js';

/** expc04 does not exist: a few lines go to an unknown peer. */
const PEERS = ['expc01', 'expc01', 'expc02', 'expc02', 'expc03', 'expc03', 'expc04'];

const configWords = [...new Set(CONFIG_KEYS.flatMap((s) => s.key.split(' ')))];
const statusWords = ['Cluster', 'Alternates', 'Alarms', 'Alarm', 'SystemUnit', 'Software', 'Hardware', 'Version', 'Peer'];
const values = ['1', '2', '3', '4', '0', '-1', '7', '64', 'On', 'off', 'Enforce', 'Permissive', 'IPv6', 'Optimal', '10.0.0.11', '10.0.0.12', '10.0.0.99', '2001:db8::1',
  'expc02.example.com', 'bad address!', '', 'x'.repeat(130), 'ABC-123', 'cluster1.example.com'];

/** Random letter case: the product matches keywords and paths case-insensitively. */
const cased = (word: string) => fc.constantFrom(0, 0, 1, 2).map((c) => (c === 1 ? word.toUpperCase() : c === 2 ? word.toLowerCase() : word));
const casedPath = (words: readonly string[]) => fc.tuple(...words.map(cased));
const value = fc.oneof(fc.constantFrom(...values).map((v) => `"${v}"`), fc.constantFrom(...values.filter((v) => /^[\w.:-]+$/.test(v))));

/** Real keys (whole, cut short, or random words), read, set or asked about. */
const keyWords = fc.constantFrom(...CONFIG_KEYS.map((s) => s.key.split(' ')));
const configPath = fc.oneof(
  { weight: 4, arbitrary: keyWords },
  { weight: 1, arbitrary: keyWords.chain((w) => fc.integer({ min: 0, max: w.length }).map((n) => w.slice(0, n))) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...configWords, '7', '0'), { maxLength: 5 }) },
).chain(casedPath);
const configLine = fc.tuple(configPath, fc.constantFrom('read', 'set', 'set', '?', '??'), value).map(([path, how, v]) => {
  if (how === 'read' || path.length === 0) return `xConfiguration ${path.join(' ')}`.trimEnd();
  if (how === 'set') return `xConfiguration ${path.slice(0, -1).join(' ')} ${path.at(-1)}: ${v}`;
  return `xConfiguration ${path.join(' ')} ${how}`;
});

/** Real commands with their own parameters (sometimes missing, extra or misnamed), or invented ones. */
const commandLine = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...TSHELL_COMMANDS).chain((c) => fc.tuple(
    casedPath(c.path),
    fc.subarray([...c.params.map((p) => p.name), 'Now'], { minLength: 0 }),
    fc.array(value, { minLength: 4, maxLength: 4 }),
    fc.constantFrom('', '', '', ' ?'),
  )).map(([path, names, vs, help]) => `xCommand ${path.join(' ')}${help || names.map((n, i) => ` ${n}: ${vs[i]}`).join('')}`) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom('Force', 'Config', 'Update', 'Cluster', 'Mapping', 'Add', 'Option', 'Key'), { maxLength: 4 }).map((p) => `xCommand ${p.join(' ')}`) },
);
const statusLine = fc.tuple(fc.array(fc.constantFrom(...statusWords).chain(cased), { maxLength: 3 }), fc.constantFrom('', ' ?')).map(([path, help]) => `xStatus ${path.join(' ')}${help}`);
const noise = fc.string({ unit: fc.constantFrom('x', 'C', '1', ' ', '"', '\\', ':', '?', '#', 'é', '\t', 'xCommand ', 'xStatus ', 'Peer ', 'help', 'exit'), maxLength: 40 });
const line = fc.oneof(
  { weight: 4, arbitrary: configLine }, { weight: 3, arbitrary: commandLine }, { weight: 1, arbitrary: statusLine }, { weight: 1, arbitrary: noise },
  { weight: 1, arbitrary: fc.constantFrom('?', 'help', 'exit', 'xHistory', 'xFeedback ?', '') },
);

const step = fc.record({ peer: fc.constantFrom(...PEERS), line, waitMs: fc.constantFrom(0, 0, 1_000, 200_000) });

function checkLine(twin: Twin, peer: string, text: string): void {
  const before = worldOf(twin);
  const r = runTshell(twin, peer, text);
  if (r.output.length > 0) expect(r.output.at(-1)).toBe('OK');
  if (r.ok) return;
  expect(r.error?.code).toMatch(/^XTW_ERR_/);
  if (r.output.length > 0) expect(r.output[0]).toMatch(/^\*r \w*Result \(status=Error\):$/);
  expect(worldOf(twin)).toEqual(before);
}

describe(`tshell semantic fuzz (seed ${FC_SEED}, ${FC_NUM_RUNS} runs)`, () => {
  it('random lines never throw; refused lines are well formed and change nothing', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const twin = smallTwin();
        for (const s of steps) {
          checkLine(twin, s.peer, s.line);
          if (s.waitMs > 0) twin.advance(s.waitMs);
        }
      }),
    );
  });

  it('arbitrary data given to applyAction never throws, and a refusal changes nothing', () => {
    const kinds = ['tshell', 'page', 'root', 'power', 'restart', 'upgrade', 'backup', 'restore', 'redeploy', 'dns', 'fault', 'heal', 'wait', 'nope'];
    const field = fc.oneof(fc.constantFrom('expc01', 'expc02', 'expc03', 'expc04', 'clustering', 'dns', 'factory-reset', 'X15.0', 'reboot'), fc.anything({ maxDepth: 2 }));
    const action = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record({ kind: fc.constantFrom(...kinds), peer: field, page: field, set: fc.dictionary(fc.constantFrom('Alternates Cluster Name', 'H323 Mode', 'x'), fc.anything({ maxDepth: 1 })), command: field, on: field, mode: field, version: field, backup: field, from: field, line: field, durationMs: fc.oneof(fc.integer({ min: -5, max: 5 }), field), fault: fc.anything({ maxDepth: 2 }), id: field }, { requiredKeys: ['kind'] }),
    );
    const twin = smallTwin();
    fc.assert(
      fc.property(action, (a) => {
        const before = worldOf(twin);
        const r = applyAction(twin, a as Action);
        if (!r.ok) {
          expect(r.error.code).toMatch(/^XTW_ERR_/);
          expect(worldOf(twin)).toEqual(before);
        }
      }),
      { numRuns: FC_NUM_RUNS * 5 },
    );
  });
});
