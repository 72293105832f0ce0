// The runbook JSON Schema (src/runbook/jsonSchema.ts): the published file is the object, printed;
// it is a strict draft-07 schema; it forbids unknown keys everywhere and documents every property;
// and its alternatives are laid out the way the loader's error reporting relies on.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  CONDITION_KINDS, FAULT_KINDS, RUNBOOK_JSON_SCHEMA, runbookSchemaText, STEP_KINDS, type JsonSchema,
} from '../../src/runbook/jsonSchema.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PUBLISHED = fileURLToPath(new URL('../../scenarios/runbook.schema.json', import.meta.url));
const REGENERATE = 'npx tsx src/runbook/jsonSchema.ts > scenarios/runbook.schema.json';

/** Every schema node under `s` with the JSON-pointer-ish place it sits at. */
function* nodes(s: JsonSchema, at = '#'): Generator<[string, JsonSchema]> {
  yield [at, s];
  for (const [k, v] of Object.entries(s.properties ?? {})) yield* nodes(v, `${at}/properties/${k}`);
  for (const [k, v] of Object.entries(s.definitions ?? {})) yield* nodes(v, `${at}/definitions/${k}`);
  for (const [i, v] of (s.oneOf ?? []).entries()) yield* nodes(v, `${at}/oneOf/${i}`);
  if (s.items) yield* nodes(s.items, `${at}/items`);
  if (typeof s.additionalProperties === 'object') yield* nodes(s.additionalProperties, `${at}/additionalProperties`);
}

describe('scenarios/runbook.schema.json', () => {
  const published = readFileSync(PUBLISHED, 'utf8');

  it('is RUNBOOK_JSON_SCHEMA printed with 2-space indent and a trailing newline', () => {
    // Compare parsed first for a readable diff, then the exact text (indent, newline).
    const message = `scenarios/runbook.schema.json is out of date; regenerate it with:\n  ${REGENERATE}`;
    expect(JSON.parse(published), message).toEqual(JSON.parse(JSON.stringify(RUNBOOK_JSON_SCHEMA)));
    expect(published === runbookSchemaText(), message).toBe(true);
  });

  it('is what `npx tsx src/runbook/jsonSchema.ts` prints (the regenerate command works)', () => {
    const printed = execFileSync(process.execPath, ['--import', 'tsx', 'src/runbook/jsonSchema.ts'], { cwd: ROOT, encoding: 'utf8' });
    expect(printed).toBe(runbookSchemaText());
  });

  it('compiles as a draft-07 schema under ajv strict mode (meta-schema validated, no unknown keywords)', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    expect(() => ajv.compile(JSON.parse(published) as object)).not.toThrow();
  });
});

describe('RUNBOOK_JSON_SCHEMA shape', () => {
  const all = [...nodes(RUNBOOK_JSON_SCHEMA)];

  it('every object with properties forbids unknown keys (additionalProperties: false)', () => {
    const open = all.filter(([, s]) => s.properties && s.additionalProperties !== false).map(([at]) => at);
    expect(open).toEqual([]);
  });

  it('every property, definition and branch has a title and a description (editor hover help)', () => {
    const bare = all.filter(([at, s]) => at !== '#' && (!s.title || !s.description)).map(([at]) => at);
    expect(bare).toEqual([]);
  });

  it('every oneOf is the whole of a definition (the loader explains a failed oneOf by its definition name)', () => {
    const misplaced = all.filter(([at, s]) => s.oneOf && !/^#\/definitions\/\w+$/.test(at)).map(([at]) => at);
    expect(misplaced).toEqual([]);
    const mixed = Object.entries(RUNBOOK_JSON_SCHEMA.definitions ?? {})
      .filter(([, d]) => d.oneOf && Object.keys(d).some((k) => !['title', 'description', 'examples', 'oneOf'].includes(k)))
      .map(([name]) => name);
    expect(mixed).toEqual([]);
  });

  it('step branches are named, in order, by the STEP_KINDS keys; condition branches by CONDITION_KINDS; faults by kind', () => {
    const defs = RUNBOOK_JSON_SCHEMA.definitions!;
    const own = (branch: JsonSchema, kinds: readonly string[]) => (branch.required ?? []).filter((k) => kinds.includes(k));
    expect(defs.step!.oneOf!.map((b) => own(b, STEP_KINDS))).toEqual(STEP_KINDS.map((k) => [k]));
    expect(defs.condition!.oneOf!.map((b) => own(b, CONDITION_KINDS))).toEqual(CONDITION_KINDS.map((k) => [k]));
    expect(defs.fault!.oneOf!.map((b) => b.properties!.kind!.const)).toEqual(FAULT_KINDS);
  });

  it('the cluster allows at most 6 peers and durations follow the documented pattern', () => {
    const defs = RUNBOOK_JSON_SCHEMA.definitions!;
    expect(defs.cluster!.properties!.peers!.maxItems).toBe(6);
    const duration = new RegExp(defs.duration!.oneOf![0]!.pattern!, 'u');
    for (const ok of ['90s', '2m', '1h30m', '250ms', '1.5h', '1d2h3m4s5ms']) expect(duration.test(ok), ok).toBe(true);
    for (const bad of ['', '90', 's', '2 m', '1h 30m', '-1s', '1w', '1.s']) expect(duration.test(bad), bad).toBe(false);
  });
});
