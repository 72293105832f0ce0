/**
 * The runbook loader's error catalog (STYLE R7, R8). Every problem in a runbook file is a
 * `RunbookError` with a stable `XTW_ERR_RUNBOOK_*` code, the place (`file:line:col`, 1-based, and
 * the JSON pointer of the value) and a message that says what is wrong and what was expected.
 * A load reports every problem it finds, so the unit of failure is a list (`RunbookLoadError`).
 */

/** Code → what it means. Messages are built where the problem is found; they name the value. */
export const RUNBOOK_ERRORS = {
  XTW_ERR_RUNBOOK_IO: 'the runbook file cannot be read',
  XTW_ERR_RUNBOOK_YAML: 'the file is not well-formed YAML (syntax, duplicate keys, several documents, alias bombs)',
  XTW_ERR_RUNBOOK_SCHEMA: 'a value has the wrong type or shape, or a required key is missing (runbook.schema.json)',
  XTW_ERR_RUNBOOK_UNKNOWN_KEY: 'a mapping has a key the runbook format does not define',
  XTW_ERR_RUNBOOK_UNKNOWN_STEP: 'a step names no known action (tshell, page, root, power, …)',
  XTW_ERR_RUNBOOK_UNKNOWN_CONDITION: 'an expectation names nothing the runner can observe (alarm, state, status, …)',
  XTW_ERR_RUNBOOK_UNKNOWN_FAULT: 'a fault has no kind, or a kind the twin cannot inject',
  XTW_ERR_RUNBOOK_BAD_DURATION: 'a duration is not like "90s", "2m", "1h30m" or a non-negative number of milliseconds',
  XTW_ERR_RUNBOOK_BAD_ADDRESS: 'an address is not a valid IPv4 (or, where allowed, IPv6) address',
  XTW_ERR_RUNBOOK_UNKNOWN_PEER: 'a step, condition, fault, link or the cluster names a peer the topology does not have',
  XTW_ERR_RUNBOOK_DUPLICATE_PEER: 'a peer name is used twice in the topology or in the cluster',
  XTW_ERR_RUNBOOK_DUPLICATE_ADDRESS: 'two interfaces in the topology have the same address',
  XTW_ERR_RUNBOOK_TOO_MANY_PEERS: 'a cluster lists more than 6 peers',
  XTW_ERR_RUNBOOK_BAD_CLUSTER: 'the cluster is inconsistent (e.g. its primary is not one of its peers)',
  XTW_ERR_RUNBOOK_BAD_TOPOLOGY: 'the twin cannot build the topology (its own checks go further than the format)',
  XTW_ERR_RUNBOOK_REFUSED_STEP: 'a step or timeline fault the twin would refuse whatever runs before it (tshell syntax, unknown key or value, page field, root command, fault parameter)',
  XTW_ERR_RUNBOOK_OUT_OF_BOUNDS: 'a wait, a wait limit, a timeline time or all waits together exceed the twin\'s bounds (src/operator/bounds.ts)',
  XTW_ERR_RUNBOOK_TOO_DEEP: 'the YAML nests deeper than any runbook needs',
} as const satisfies Record<`XTW_ERR_RUNBOOK_${string}`, string>;

export type RunbookErrorCode = keyof typeof RUNBOOK_ERRORS;

export interface RunbookErrorInit {
  code: RunbookErrorCode;
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  /** JSON pointer of the offending value ('' for the whole document) */
  path: string;
  /** what is wrong and what was expected, without the location */
  detail: string;
}

/** One problem in a runbook file. `message` is `file:line:col: detail`. */
export class RunbookError extends Error {
  readonly code: RunbookErrorCode;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: string;
  readonly detail: string;
  constructor(init: RunbookErrorInit) {
    const line = Math.max(1, Math.floor(init.line));
    const column = Math.max(1, Math.floor(init.column));
    super(`${init.file}:${line}:${column}: ${init.detail}`);
    this.name = 'RunbookError';
    this.code = init.code;
    this.file = init.file;
    this.line = line;
    this.column = column;
    this.path = init.path;
    this.detail = init.detail;
  }
}

/** Every problem of one load, in file order. Thrown by callers that want an exception. */
export class RunbookLoadError extends Error {
  readonly errors: readonly RunbookError[];
  constructor(errors: readonly RunbookError[]) {
    super(formatRunbookErrors(errors));
    this.name = 'RunbookLoadError';
    this.errors = errors;
  }
}

/** One line per error, `file:line:col: message`, as compilers print them. */
export function formatRunbookErrors(errors: readonly RunbookError[]): string {
  return errors.map((e) => e.message).join('\n');
}

/** The closest of `known` to `value` if it is close enough to be a likely typo, else undefined. */
export function closest(value: string, known: readonly string[]): string | undefined {
  if (value.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(value.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(value.length / 3)) ? best : undefined;
}

/** `" (did you mean x?)"` or nothing. */
export function suggestion(value: string, known: readonly string[]): string {
  const c = closest(value, known);
  return c === undefined ? '' : ` (did you mean ${c}?)`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
