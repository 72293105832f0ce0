/**
 * YAML text → a typed `Runbook`, or every problem in it with `file:line:col` (STYLE R8). Three
 * passes: YAML syntax (the `yaml` package, positions from its LineCounter), the JSON Schema
 * (RUNBOOK_JSON_SCHEMA through ajv — the schema is the single source of truth for the format, so
 * the published file, editors and this loader cannot disagree), then the checks a schema cannot
 * express (peer names that must exist, duplicates, exact IPv6 text). Pure: `parseRunbook` does no
 * I/O; only `loadRunbookFile` reads a file, outside any run.
 */
import { readFile } from 'node:fs/promises';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { RunbookError, RunbookLoadError, suggestion, type RunbookErrorCode } from './errors.js';
import { RUNBOOK_JSON_SCHEMA, RUNBOOK_SCHEMA_ID, type JsonSchema, type JsonType } from './jsonSchema.js';
import type { Runbook } from './schema.js';
import { describe, isObject, semanticIssues, type Issue } from './semantics.js';
import { stepIssues } from './stepChecks.js';
import { cutText, MAX_NESTING_DEPTH } from '../operator/bounds.js';

export { formatRunbookErrors } from './errors.js';

export type RunbookParseResult = { ok: true; runbook: Runbook } | { ok: false; errors: RunbookError[] };


/**
 * Parses and validates one runbook. Never throws for bad input: every problem comes back, in file
 * order, each with a code, a 1-based line and column and the JSON pointer of the value.
 *
 * @example
 * const r = parseRunbook(text, 'scenarios/add-peer.yaml');
 * if (!r.ok) console.error(formatRunbookErrors(r.errors));
 */
export function parseRunbook(text: string, file: string): RunbookParseResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, logLevel: 'error' });
  const place = placer(doc, lineCounter, file);
  // The YAML parser itself overflows the stack on absurd nesting: say what it means, once.
  const overflow = doc.errors.find((e) => STACK_OVERFLOW.test(e.message));
  if (overflow) return { ok: false, errors: [place.offset('XTW_ERR_RUNBOOK_TOO_DEEP', overflow.pos[0], TOO_DEEP)] };
  if (doc.errors.length > 0) return { ok: false, errors: doc.errors.map((e) => place.offset('XTW_ERR_RUNBOOK_YAML', e.pos[0], yamlDetail(e, text))) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    const code = STACK_OVERFLOW.test((e as Error).message) ? 'XTW_ERR_RUNBOOK_TOO_DEEP' : 'XTW_ERR_RUNBOOK_YAML';
    return { ok: false, errors: [place.offset(code, 0, code === 'XTW_ERR_RUNBOOK_TOO_DEEP' ? TOO_DEEP : `cannot build the document: ${cutText((e as Error).message, 200)}`)] };
  }
  const deep = tooDeep(data);
  if (deep) return { ok: false, errors: [place.issue({ code: 'XTW_ERR_RUNBOOK_TOO_DEEP', path: deep, detail: TOO_DEEP })] };
  const early = dedupe([...schemaIssues(data), ...semanticIssues(data)]);
  // Steps are checked as the runner will execute them only once the runbook is well-formed.
  const issues = early.length > 0 ? early : stepIssues(data as Runbook);
  if (issues.length === 0) return { ok: true, runbook: data as Runbook };
  const errors = issues.map((i) => place.issue(i)).map((error, order) => ({ error, order }));
  errors.sort((a, b) => a.error.line - b.error.line || a.error.column - b.error.column || a.order - b.order);
  return { ok: false, errors: errors.map((e) => e.error) };
}

/** Reads and parses a runbook file; an unreadable file is one XTW_ERR_RUNBOOK_IO error at 1:1. */
export async function loadRunbookFile(path: string): Promise<RunbookParseResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    return { ok: false, errors: [new RunbookError({ code: 'XTW_ERR_RUNBOOK_IO', file: path, line: 1, column: 1, path: '', detail: `cannot read the runbook (${reason}); expected a readable YAML file` })] };
  }
  return parseRunbook(text, path);
}

/** The runbook, or a `RunbookLoadError` carrying every error. */
export function runbookOrThrow(result: RunbookParseResult): Runbook {
  if (!result.ok) throw new RunbookLoadError(result.errors);
  return result.runbook;
}

const STACK_OVERFLOW = /Maximum call stack size exceeded/i;
const TOO_DEEP = `the YAML nests more than ${MAX_NESTING_DEPTH} levels deep; a runbook needs fewer than ten (look for runaway brackets or indentation)`;

/** The path to the first value nested deeper than MAX_NESTING_DEPTH, or undefined (iterative: no recursion to overflow). */
function tooDeep(data: unknown): string[] | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (path.length >= MAX_NESTING_DEPTH) return path;
    for (const [k, v] of Object.entries(value)) stack.push({ value: v, path: [...path, k] });
  }
  return undefined;
}

// ── Positions ───────────────────────────────────────────────────────────────────────────────

/** No message is longer than this, whatever it quotes. */
const MAX_DETAIL_CHARS = 600;

function placer(doc: Document, lineCounter: LineCounter, file: string) {
  const offset = (code: RunbookErrorCode, at: number, detail: string, path: readonly string[] = []): RunbookError => {
    const { line, col } = lineCounter.linePos(Math.max(0, at));
    return new RunbookError({ code, file, line, column: col, path: pointer(path), detail });
  };
  return {
    offset: (code: RunbookErrorCode, at: number, detail: string) => offset(code, at, detail),
    // Details name values cut short already; this is the last guard against a message the size of the file.
    issue: (i: Issue) => offset(i.code, nodeOffset(doc, i.path, i.atKey ?? false), cutText(i.detail, MAX_DETAIL_CHARS), i.path),
  };
}

/** Start offset of the YAML node at `path` (its key with `atKey`), or of the deepest node found. */
function nodeOffset(doc: Document, path: readonly string[], atKey: boolean): number {
  let node: unknown = doc.contents;
  let best = start(node) ?? 0;
  for (const [i, segment] of path.entries()) {
    if (isAlias(node)) node = node.resolve(doc);
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === segment);
      if (!pair) break;
      const emptyValue = isScalar(pair.value) && pair.value.value === null && pair.value.source === '';
      node = pair.value;
      best = ((last && atKey) || emptyValue || !pair.value ? start(pair.key) : start(pair.value)) ?? best;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)];
      if (node === undefined) break;
      best = start(node) ?? best;
    } else break;
  }
  return best;
}

function start(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

function pointer(path: readonly string[]): string {
  return path.map((s) => `/${s.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

function yamlDetail(e: YAMLError, text: string): string {
  if (e.code === 'DUPLICATE_KEY') {
    const key = /^[^:\n]{0,60}/.exec(text.slice(e.pos[0]))![0].trim();
    return `duplicate key ${JSON.stringify(key)}; a key may appear once in a mapping`;
  }
  if (e.code === 'MULTIPLE_DOCS') return 'more than one YAML document; expected one runbook per file';
  return `invalid YAML: ${e.message.replace(/\s+/g, ' ').trim()}`;
}

// ── Schema pass: ajv, then one readable error per real problem ──────────────────────────────

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();
const definitionNames = new Map<object, string>();
const schemaCodes = new Map<object, RunbookErrorCode>();

function validator(ref: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    ajv.addSchema(RUNBOOK_JSON_SCHEMA as object);
    const defs = RUNBOOK_JSON_SCHEMA.definitions ?? {};
    for (const [name, def] of Object.entries(defs)) definitionNames.set(def, name);
    for (const name of ['ipv4', 'ipv6', 'ipAddress']) schemaCodes.set(defs[name]!, 'XTW_ERR_RUNBOOK_BAD_ADDRESS');
    for (const s of [defs.duration!, ...(defs.duration!.oneOf ?? [])]) schemaCodes.set(s, 'XTW_ERR_RUNBOOK_BAD_DURATION');
    schemaCodes.set(defs.cluster!.properties!.peers!, 'XTW_ERR_RUNBOOK_TOO_MANY_PEERS');
  }
  let v = validators.get(ref);
  if (!v) {
    v = ajv.getSchema(ref);
    if (!v) throw new Error(`runbook schema has no ${ref}`);
    validators.set(ref, v);
  }
  return v;
}

function schemaIssues(data: unknown): Issue[] {
  return explain(RUNBOOK_SCHEMA_ID, data, []);
}

/**
 * ajv reports every branch of every failed `oneOf`. For each outermost one, pick the branch the
 * author meant (by JSON type, then by the key or `kind` that names it) and validate the value
 * against that branch alone, recursively — so a bad tshell step gets tshell errors only.
 */
function explain(ref: string, value: unknown, base: readonly string[]): Issue[] {
  const validate = validator(ref);
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // Outermost first: shorter paths, and at one path the later error (ajv reports a nested oneOf
  // reached through $ref, e.g. duration inside wait, before the one that contains it).
  const alternatives = errors.map((e, order) => ({ e, order })).filter(({ e }) => e.keyword === 'oneOf')
    .sort((a, b) => a.e.instancePath.length - b.e.instancePath.length || b.order - a.order).map(({ e }) => e);
  const handled: string[] = [];
  const inside = (p: string) => handled.some((h) => p === h || p.startsWith(`${h}/`));
  const issues: Issue[] = [];
  for (const e of alternatives) {
    if (inside(e.instancePath)) continue;
    handled.push(e.instancePath);
    const rel = segments(e.instancePath);
    issues.push(...explainAlternative(e, valueAt(value, rel), [...base, ...rel]));
  }
  for (const e of errors) if (e.keyword !== 'oneOf' && !inside(e.instancePath)) issues.push(issueOf(e, base));
  return issues;
}

const KIND_SITES: Record<string, { noun: string; code: RunbookErrorCode }> = {
  step: { noun: 'step', code: 'XTW_ERR_RUNBOOK_UNKNOWN_STEP' },
  condition: { noun: 'condition', code: 'XTW_ERR_RUNBOOK_UNKNOWN_CONDITION' },
  fault: { noun: 'fault', code: 'XTW_ERR_RUNBOOK_UNKNOWN_FAULT' },
};

function explainAlternative(e: ErrorObject, value: unknown, path: string[]): Issue[] {
  const site = definitionNames.get(e.parentSchema as object);
  const def = e.parentSchema as JsonSchema;
  const branches = def.oneOf ?? [];
  if (site === undefined) return [{ code: 'XTW_ERR_RUNBOOK_SCHEMA', path, detail: `${describe(value)} matches none of the allowed forms` }];
  const kinds = KIND_SITES[site];
  const typed = branches.map((b, i) => ({ b, i })).filter(({ b }) => typesOf(b).some((t) => accepts(t, value)));
  if (typed.length === 0) {
    const tagged = branches.every((b) => tagOf(b, branches).key === 'kind') ? 'a kind out of' : 'one of';
    const expected = kinds ? `a ${kinds.noun}: a mapping with ${tagged} ${tagsOf(branches).join(', ')}` : expectedText(def);
    return [{ code: kinds ? 'XTW_ERR_RUNBOOK_SCHEMA' : (schemaCodes.get(def) ?? 'XTW_ERR_RUNBOOK_SCHEMA'), path, detail: `expected ${expected}; got ${describe(value)}` }];
  }
  let index = typed[0]!.i;
  if (typed.length > 1 && kinds && isObject(value)) {
    const chosen = chooseByTag(typed, value, kinds.noun);
    if (typeof chosen !== 'number') return [{ code: kinds.code, path: chosen.key === undefined ? path : [...path, chosen.key], atKey: chosen.atKey, detail: chosen.detail }];
    index = chosen;
  }
  const issues = explain(`${RUNBOOK_SCHEMA_ID}#/definitions/${site}/oneOf/${index}`, value, path);
  return issues.length > 0 ? issues : [{ code: 'XTW_ERR_RUNBOOK_SCHEMA', path, detail: `${describe(value)} matches more than one form of ${def.title ?? site}` }];
}

/** A branch is named by its `kind` const (faults) or by the one required key no other branch requires. */
function tagOf(branch: JsonSchema, all: readonly JsonSchema[]): { key: string; value?: unknown } {
  const kind = branch.properties?.kind?.const;
  if (kind !== undefined) return { key: 'kind', value: kind };
  const unique = (branch.required ?? []).find((k) => all.every((o) => o === branch || !(o.required ?? []).includes(k)));
  return { key: unique ?? '' };
}

function tagsOf(branches: readonly JsonSchema[]): string[] {
  return branches.map((b) => tagOf(b, branches)).map((t) => String(t.value ?? t.key));
}

function chooseByTag(typed: { b: JsonSchema; i: number }[], value: Record<string, unknown>, noun: string): number | { key?: string; atKey?: boolean; detail: string } {
  const all = typed.map((t) => t.b);
  const tags = typed.map((t) => ({ ...t, tag: tagOf(t.b, all) }));
  const names = tagsOf(all);
  if (tags.every((t) => t.tag.key === 'kind')) {
    const hit = tags.find((t) => t.tag.value === value.kind);
    if (hit) return hit.i;
    if (value.kind === undefined) return { detail: `a ${noun} needs a kind; expected kind to be one of: ${names.join(', ')}` };
    return { key: 'kind', detail: `unknown ${noun} kind ${describe(value.kind)}; expected one of: ${names.join(', ')}${suggestion(String(value.kind), names)}` };
  }
  let present = tags.filter((t) => t.tag.key !== '' && Object.hasOwn(value, t.tag.key));
  // `note` names a note step but is allowed on every step: with another action present it does not decide.
  if (present.length > 1) present = present.filter((p) => !present.some((q) => q !== p && q.b.properties?.[p.tag.key] !== undefined));
  const allowed = new Set(all.flatMap((b) => Object.keys(b.properties ?? {})));
  const stranger = Object.keys(value).find((k) => !allowed.has(k));
  // A key allowed everywhere (`note`) beside a near-miss of an action's key: the stranger is the misspelt action.
  const onlyEverywhere = present.length === 1 && all.every((b) => b.properties?.[present[0]!.tag.key] !== undefined);
  const misspelt = stranger !== undefined && suggestion(stranger, names) !== '';
  if (present.length > 0 && !(onlyEverywhere && misspelt)) return present[0]!.i;
  const expected = `expected one of: ${names.join(', ')}`;
  if (stranger !== undefined) return { key: stranger, atKey: true, detail: `"${cutText(stranger)}" is not a ${noun}; ${expected}${suggestion(stranger, names)}` };
  return { detail: `this ${noun} says nothing it does; ${expected}` };
}

/** One ajv error as a sentence that says what is wrong and what was expected. */
function issueOf(e: ErrorObject, base: readonly string[]): Issue {
  const path = [...base, ...segments(e.instancePath)];
  const ps = (e.parentSchema ?? {}) as JsonSchema;
  const title = ps.title ?? 'value';
  const where = ps === RUNBOOK_JSON_SCHEMA ? ' at the top level of the runbook' : ` in ${title}`;
  const code = schemaCodes.get(ps) ?? 'XTW_ERR_RUNBOOK_SCHEMA';
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      const allowed = Object.keys(ps.properties ?? {});
      const detail = isStepAction(key, ps)
        ? `"${cutText(key)}" is a second action in this ${title}; a step does one thing, so split it into two steps`
        : `unknown key "${cutText(key)}"${where}; expected one of: ${allowed.join(', ')}${suggestion(key, allowed)}`;
      return { code: 'XTW_ERR_RUNBOOK_UNKNOWN_KEY', path: [...path, key], atKey: true, detail };
    }
    case 'required': return { code: 'XTW_ERR_RUNBOOK_SCHEMA', path, detail: `missing key "${String(p.missingProperty)}"${where}` };
    case 'type': return { code, path, detail: `expected ${[p.type].flat().map((t) => TYPE_WORDS[t as JsonType] ?? t).join(' or ')} for ${title}; got ${describe(e.data)}` };
    case 'pattern': return { code, path, detail: `${describe(e.data)} is not a valid ${title}; expected ${ps.examples ? `e.g. ${ps.examples.map((x) => JSON.stringify(x)).join(', ')}` : ps.description}` };
    case 'enum': {
      const values = (p.allowedValues as unknown[]).map(String);
      return { code, path, detail: `${describe(e.data)} is not a valid ${title}; expected one of: ${values.join(', ')}${suggestion(String(e.data), values)}` };
    }
    case 'const': return { code, path, detail: `expected ${JSON.stringify(p.allowedValue)}; got ${describe(e.data)}` };
    case 'minimum': case 'maximum': return { code, path, detail: `${title} must be ${String(p.comparison)} ${String(p.limit)}; got ${describe(e.data)}` };
    case 'minItems': case 'maxItems': {
      const n = Array.isArray(e.data) ? e.data.length : 0;
      const detail = code === 'XTW_ERR_RUNBOOK_TOO_MANY_PEERS'
        ? `a cluster has at most ${String(p.limit)} peers; this one lists ${n}`
        : `${title} needs ${e.keyword === 'minItems' ? 'at least' : 'at most'} ${String(p.limit)} item(s); it has ${n}`;
      return { code, path, detail };
    }
    case 'minLength': return { code, path, detail: `${title} must not be empty` };
    default: return { code, path, detail: `${title} ${e.message ?? 'is not valid'}` };
  }
}

function isStepAction(key: string, branch: JsonSchema): boolean {
  const steps = RUNBOOK_JSON_SCHEMA.definitions?.step?.oneOf ?? [];
  return steps.includes(branch) && steps.some((b) => b !== branch && tagOf(b, steps).key === key);
}

const TYPE_WORDS: Record<JsonType, string> = {
  string: 'text', number: 'a number', integer: 'a whole number', boolean: 'true or false', object: 'a mapping', array: 'a list', null: 'null',
};

function expectedText(s: JsonSchema): string {
  const examples = s.examples?.map((x) => JSON.stringify(x));
  return examples ? `${s.title ?? 'a value'} (e.g. ${examples.join(', ')})` : `${s.title ?? 'a value'} (${(s.description ?? '').replace(/\.$/, '')})`;
}

/** The JSON types a schema can accept, following $ref into the definitions. */
function typesOf(s: JsonSchema): JsonType[] {
  if (s.$ref) return typesOf(RUNBOOK_JSON_SCHEMA.definitions?.[s.$ref.replace('#/definitions/', '')] ?? {});
  if (s.type) return [s.type].flat();
  if (s.oneOf) return s.oneOf.flatMap(typesOf);
  const values = s.enum ?? (s.const !== undefined ? [s.const] : []);
  return values.map(jsonType);
}

function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v === 'string' || typeof v === 'boolean' ? typeof v as JsonType : 'object';
}

function accepts(t: JsonType, v: unknown): boolean {
  const actual = jsonType(v);
  return t === actual || (t === 'number' && actual === 'integer');
}


function segments(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function valueAt(v: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), v);
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.code}\u0000${i.path.join('/')}\u0000${i.detail}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
