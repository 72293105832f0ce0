/**
 * Model faults (issue #11 §1): an error inside the model — a peer's lifecycle actor stopping on an
 * exception, a scheduled callback of the cluster layer or of the kernel throwing, an operator verb
 * failing half-way with something that is not a refusal — is a bug of the twin, never a verdict
 * about the plan. The twin records each one once (virtual time, peer, code, message, where it came
 * from), journals it as a `twin.fault` trace event, and halts: its clock stops at the fault and
 * every later change is refused with a `ModelFaultError`, so no front end can go on as if the world
 * were still faithful.
 */
import { CatalogError, formatVirtualTime } from '../../sim/index.js';

/**
 * Where the error was met: `peer` a peer's lifecycle actor; `cluster` a scheduled callback of a
 * peer's cluster node; `kernel` any other scheduled callback (network, DNS, endpoints, the queue's
 * own bound); `action` an operator verb on the twin.
 */
export type ModelFaultSource = 'peer' | 'cluster' | 'kernel' | 'action';

export interface ModelFault {
  /** virtual time at which it happened */
  readonly atMs: number;
  /** the peer whose model failed, when one is known */
  readonly peer?: string;
  /** the error's catalog code (`XTW_ERR_…`), when it has one */
  readonly code?: string;
  /** the error's own words, without its code */
  readonly message: string;
  readonly source: ModelFaultSource;
}

const MODEL_FAULT_ERRORS = {
  XTW_ERR_TWIN_MODEL_FAULT: 'the twin itself failed at {at}{where}: {what} — this is a bug of the twin, not of the plan; the world is halted',
} as const;

/**
 * Thrown by the twin call during which the model failed, and by every change asked of it after.
 * Not a refusal: the operator layer rethrows it, and each front end reports it as a twin fault.
 */
export class ModelFaultError extends CatalogError<keyof typeof MODEL_FAULT_ERRORS> {
  constructor(readonly fault: ModelFault) {
    super(MODEL_FAULT_ERRORS, 'XTW_ERR_TWIN_MODEL_FAULT', { value: fault.message, at: formatVirtualTime(fault.atMs), where: faultPlace(fault), what: faultText(fault) }, { prefixCode: true, show: String });
    this.name = 'ModelFaultError';
  }
}

/** " on expc02 (lifecycle)" — where a fault happened, for one line of text. */
export function faultPlace(f: Pick<ModelFault, 'peer' | 'source'>): string {
  const source = { peer: 'its lifecycle', cluster: 'its cluster node', kernel: 'the simulation kernel', action: 'an operator action' }[f.source];
  return f.peer ? ` on ${f.peer} (${source})` : ` in ${source}`;
}

/** "XTW_ERR_SIM_UNKNOWN_ADDRESS: no interface owns …" — the error, with its code when it has one. */
export function faultText(f: Pick<ModelFault, 'code' | 'message'>): string {
  return f.code ? `${f.code}: ${f.message}` : f.message;
}

/** The fault an error makes; a catalog error's message loses the code it starts with (the code is kept apart). */
export function modelFaultOf(e: unknown, atMs: number, source: ModelFaultSource, peer?: string): ModelFault {
  const code = typeof (e as { code?: unknown })?.code === 'string' ? (e as { code: string }).code : undefined;
  const raw = e instanceof Error ? `${e.name && e.name !== 'Error' && !code ? `${e.name}: ` : ''}${e.message}` : String(e);
  const message = code && raw.startsWith(`${code}: `) ? raw.slice(code.length + 2) : raw;
  return { atMs, ...(peer !== undefined ? { peer } : {}), ...(code !== undefined ? { code } : {}), message, source };
}
