/**
 * Simulated DNS: one zone of A, AAAA and SRV records, injected failures (NXDOMAIN, SERVFAIL,
 * timeout — for every querying host or one), and answers delivered through the event queue after
 * `answerLatencyMs` (a timeout answers after `timeoutMs`). The answer is decided when the query is
 * asked, so a run-time change affects later queries only. Names are case-insensitive and a trailing
 * dot is ignored. It is not on the simulated network: a query never crosses a partition.
 * A query's answer waits in the event queue as data; an owner that wants its world saved names its
 * callback (a registered handler and a JSON context) instead of passing a closure (issue #15).
 */
import { SimError } from './errors.js';
import { checkJson, type Json } from './json.js';
import type { EventHandler, EventQueue } from './queue.js';
import type { RandomStream, Rng } from './random.js';
import type { Trace } from './trace.js';
import { isIpAddress, parseAddress } from './net/address.js';

export type DnsRecordType = 'A' | 'AAAA' | 'SRV';
export interface SrvRecord {
  readonly priority: number;
  readonly weight: number;
  readonly port: number;
  readonly target: string;
}
/** A and AAAA records are canonical address texts; SRV records are objects. */
export type DnsRecordOf<T extends DnsRecordType> = T extends 'SRV' ? SrvRecord : string;
export type DnsFailure = 'nxdomain' | 'servfail' | 'timeout';
export type DnsAnswer<T extends DnsRecordType = DnsRecordType> =
  | { readonly status: 'ok'; readonly records: readonly DnsRecordOf<T>[] }
  | { readonly status: DnsFailure };

export interface DnsDefaults {
  /**
   * Time from a query to its answer, in ms.
   * @defaultValue 5
   */
  answerLatencyMs: number;
  /**
   * Uniform ± jitter on the answer time, in ms (drawn from the `dns` stream).
   * @defaultValue 0
   */
  answerLatencyMsJitter: number;
  /**
   * When a query with an injected timeout gets its `timeout` answer, in ms.
   * @defaultValue 5000
   */
  timeoutMs: number;
}

/** The documented defaults of the simulated DNS. */
export const DNS_DEFAULTS: Readonly<DnsDefaults> = Object.freeze({ answerLatencyMs: 5, answerLatencyMsJitter: 0, timeoutMs: 5000 });

export interface DnsOptions {
  queue: EventQueue;
  rng: Rng;
  trace: Trace;
  defaults?: Partial<DnsDefaults>;
}

interface Entry {
  A?: readonly string[];
  AAAA?: readonly string[];
  SRV?: readonly SrvRecord[];
}

/** What a named callback receives: the answer and the context given with the query. */
export interface DnsReply<T extends DnsRecordType = DnsRecordType> {
  readonly answer: DnsAnswer<T>;
  readonly context: Json;
}

/** Where an answer goes: a closure (a world that cannot be saved), or a registered handler and a context. */
export type DnsCallback<T extends DnsRecordType> =
  | ((answer: DnsAnswer<T>) => void)
  | { readonly to: EventHandler<DnsReply<T>>; readonly context?: Json };

interface Pending {
  id: number;
  fromHost: string;
  name: string;
  type: DnsRecordType;
  answer: DnsAnswer;
  /** a closure, or the name of the handler to invoke with `{ answer, context }` */
  callback: ((answer: DnsAnswer) => void) | string;
  context?: Json;
}

/** The DNS as plain JSON (issue #15). Pending answers are in the queue, as `dns.answer` events. */
export interface DnsSave {
  zone: [string, Entry][];
  failures: [string, DnsFailure][];
  settings: DnsDefaults;
  nextQueryId: number;
}

const TYPES: readonly DnsRecordType[] = ['A', 'AAAA', 'SRV'];
const FAILURES: readonly DnsFailure[] = ['nxdomain', 'servfail', 'timeout'];
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * A simulated DNS server.
 *
 * @example
 * const dns = new Dns({ queue, rng, trace });
 * dns.setRecord('peer1.example.com', 'A', ['10.0.0.1']);
 * dns.resolve('peer2', 'PEER1.example.com.', 'A', (a) => a.status === 'ok' && console.log(a.records));
 * queue.runUntilIdle(); // after 5 virtual ms: ['10.0.0.1']
 */
export class Dns {
  private readonly zone = new Map<string, Entry>();
  /** `${name}|${forHost}` (each may be '*') → failure */
  private readonly failures = new Map<string, DnsFailure>();
  private readonly settings: DnsDefaults;
  private readonly stream: RandomStream;
  private readonly queue: EventQueue;
  private readonly trace: Trace;
  private nextQueryId = 0;
  private readonly answerNow: EventHandler<Pending>;

  constructor(options: DnsOptions) {
    this.queue = options.queue;
    this.trace = options.trace;
    this.stream = options.rng.stream('dns');
    this.answerNow = this.queue.handler<Pending>('dns.answer', (p) => this.deliver(p));
    this.settings = { ...DNS_DEFAULTS };
    for (const [key, value] of Object.entries(options.defaults ?? {})) {
      if (!(key in DNS_DEFAULTS)) throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: key, value, expected: 'a known option' });
      this.settings[key as keyof DnsDefaults] = checkMs(value, key);
    }
  }

  /** The settings in force now. */
  get defaults(): Readonly<DnsDefaults> {
    return this.settings;
  }

  /** Replace the records of one type for `name`. Addresses are stored in canonical form. */
  setRecord<T extends DnsRecordType>(name: string, type: T, values: readonly DnsRecordOf<T>[]): void {
    const key = normalizeName(name);
    checkType(type);
    if (!Array.isArray(values) || values.length === 0) throw new SimError('XTW_ERR_SIM_DNS_BAD_RECORD', { value: values });
    const records = Object.freeze(values.map((v) => checkValue(type, v)));
    const entry = this.zone.get(key) ?? {};
    (entry as Record<string, unknown>)[type] = records;
    this.zone.set(key, entry);
    this.trace.emit('dns', 'dns.record.set', { name: key, type, records: [...records] });
  }

  /** Remove the records of one type for `name`, or all of them; unknown names are ignored. */
  removeRecord(name: string, type?: DnsRecordType): void {
    const key = normalizeName(name);
    if (type !== undefined) checkType(type);
    const entry = this.zone.get(key);
    if (!entry) return;
    if (type === undefined) this.zone.delete(key);
    else {
      delete entry[type];
      if (TYPES.every((t) => entry[t] === undefined)) this.zone.delete(key);
    }
    this.trace.emit('dns', 'dns.record.remove', { name: key, type });
  }

  /** Make queries for `name` (or every name: `'*'`) fail, for every host or one; `undefined` clears. */
  setFailure(name: string, failure: DnsFailure | undefined, options: { forHost?: string } = {}): void {
    const key = name === '*' ? '*' : normalizeName(name);
    if (failure !== undefined && !FAILURES.includes(failure)) {
      throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: 'failure', value: failure, expected: FAILURES.join(', ') });
    }
    const host = options.forHost ?? '*';
    if (typeof host !== 'string' || host === '') {
      throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: 'forHost', value: host, expected: 'a host name' });
    }
    if (failure === undefined) this.failures.delete(`${key}|${host}`);
    else this.failures.set(`${key}|${host}`, failure);
    this.trace.emit('dns', 'dns.failure', { name: key, failure: failure ?? 'none', forHost: options.forHost });
  }

  /** Answer latency for later queries. */
  setAnswerLatency(answerLatencyMs: number): void {
    this.settings.answerLatencyMs = checkMs(answerLatencyMs, 'answerLatencyMs');
  }

  /**
   * Ask; `callback` gets the answer through the event queue (after the latency, or the timeout).
   * Give `{ to: handler, context }` instead of a closure to keep the world savable.
   */
  resolve<T extends DnsRecordType>(fromHost: string, name: string, type: T, callback: DnsCallback<T>): void {
    if (typeof fromHost !== 'string' || fromHost === '') {
      throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: 'fromHost', value: fromHost, expected: 'a host name' });
    }
    const named = typeof callback === 'object' && callback !== null && typeof callback.to?.name === 'string';
    if (typeof callback !== 'function' && !named) {
      throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option: 'callback', value: callback, expected: 'a function or { to: handler, context }' });
    }
    const context = named ? checkJson((callback as { context?: Json }).context ?? null, 'a DNS query context') : undefined;
    const answer = this.lookupNow(name, type, { fromHost });
    const key = normalizeName(name);
    const pending: Pending = {
      id: ++this.nextQueryId, fromHost, name: key, type, answer,
      callback: named ? (callback as { to: EventHandler<DnsReply<T>> }).to.name : callback as (a: DnsAnswer) => void,
    };
    if (named) pending.context = context;
    this.trace.emit('dns', 'dns.query', { id: pending.id, from: fromHost, name: key, type });
    const s = this.settings;
    const delayMs = answer.status === 'timeout'
      ? s.timeoutMs
      : Math.max(0, s.answerLatencyMs + (s.answerLatencyMsJitter > 0 ? this.stream.jitterMs(s.answerLatencyMsJitter) : 0));
    this.answerNow.after(delayMs, pending);
  }

  /** The zone, failures, settings and query counter as plain JSON. */
  save(): DnsSave {
    return {
      zone: [...this.zone].map(([name, entry]) => [name, JSON.parse(JSON.stringify(entry)) as Entry]),
      failures: [...this.failures],
      settings: { ...this.settings },
      nextQueryId: this.nextQueryId,
    };
  }

  /** Replace the zone, failures, settings and query counter with saved ones (no trace events). */
  load(saved: DnsSave): void {
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.zone) || !Array.isArray(saved.failures)) {
      throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the DNS', why: 'not a saved DNS' });
    }
    this.zone.clear();
    for (const [name, entry] of saved.zone) {
      const frozen: Entry = {};
      for (const t of TYPES) {
        const records = entry[t];
        if (records !== undefined) (frozen as Record<string, unknown>)[t] = Object.freeze(records.map((r) => (typeof r === 'string' ? r : Object.freeze({ ...r }))));
      }
      this.zone.set(name, frozen);
    }
    this.failures.clear();
    for (const [key, failure] of saved.failures) this.failures.set(key, failure);
    for (const key of Object.keys(DNS_DEFAULTS) as (keyof DnsDefaults)[]) this.settings[key] = checkMs(saved.settings?.[key], key);
    this.nextQueryId = saved.nextQueryId;
  }

  /** The answer a query would get right now (failures included), without waiting: for displays. */
  lookupNow<T extends DnsRecordType>(name: string, type: T, options: { fromHost?: string } = {}): DnsAnswer<T> {
    const key = normalizeName(name);
    checkType(type);
    const failure = this.failureFor(key, options.fromHost ?? '*');
    if (failure !== undefined) return { status: failure };
    const entry = this.zone.get(key);
    if (!entry) return { status: 'nxdomain' };
    // A name with records of other types only: an empty answer (NODATA), not NXDOMAIN.
    return { status: 'ok', records: (entry[type] ?? []) as readonly DnsRecordOf<T>[] };
  }

  /** Names whose A or AAAA records hold `address`, in the order they were first set. */
  reverse(address: string): string[] {
    const text = parseAddress(address).text;
    const out: string[] = [];
    for (const [name, entry] of this.zone) {
      if (entry.A?.includes(text) || entry.AAAA?.includes(text)) out.push(name);
    }
    return out;
  }

  /** Every record set, for displays. */
  entries(): { name: string; type: DnsRecordType; records: readonly (string | SrvRecord)[] }[] {
    const out: { name: string; type: DnsRecordType; records: readonly (string | SrvRecord)[] }[] = [];
    for (const [name, entry] of this.zone) {
      for (const type of TYPES) {
        const records = entry[type];
        if (records) out.push({ name, type, records });
      }
    }
    return out;
  }

  private failureFor(name: string, host: string): DnsFailure | undefined {
    const f = this.failures;
    return f.get(`${name}|${host}`) ?? f.get(`${name}|*`) ?? f.get(`*|${host}`) ?? f.get('*|*');
  }

  private deliver(p: Pending): void {
    const data: Record<string, unknown> = { id: p.id, from: p.fromHost, name: p.name, type: p.type, status: p.answer.status };
    if (p.answer.status === 'ok') data.records = [...p.answer.records];
    this.trace.emit('dns', 'dns.answer', data);
    if (typeof p.callback === 'function') p.callback(p.answer);
    else this.queue.invoke(p.callback, { answer: p.answer, context: p.context ?? null });
  }
}

/** Lower case, trailing dot removed, labels checked; an IP address is not a name. */
function normalizeName(name: unknown): string {
  if (typeof name !== 'string') throw new SimError('XTW_ERR_SIM_DNS_BAD_NAME', { value: name });
  const key = (name.endsWith('.') ? name.slice(0, -1) : name).toLowerCase();
  if (key.length === 0 || key.length > 253 || isIpAddress(key) || !key.split('.').every((l) => LABEL.test(l))) {
    throw new SimError('XTW_ERR_SIM_DNS_BAD_NAME', { value: name });
  }
  return key;
}

function checkType(type: unknown): asserts type is DnsRecordType {
  if (!TYPES.includes(type as DnsRecordType)) throw new SimError('XTW_ERR_SIM_DNS_BAD_RECORD', { value: `record type ${String(type)}` });
}

function checkValue(type: DnsRecordType, v: unknown): string | SrvRecord {
  if (type !== 'SRV') {
    const family = type === 'A' ? 4 : 6;
    if (!isIpAddress(v) || parseAddress(v).family !== family) throw new SimError('XTW_ERR_SIM_DNS_BAD_RECORD', { value: v });
    return parseAddress(v).text;
  }
  const r = v as Partial<SrvRecord> | null;
  const u16 = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= 65535;
  if (r === null || typeof r !== 'object' || !u16(r.priority) || !u16(r.weight) || !u16(r.port) || typeof r.target !== 'string') {
    throw new SimError('XTW_ERR_SIM_DNS_BAD_RECORD', { value: v });
  }
  let target: string;
  try {
    target = normalizeName(r.target);
  } catch {
    throw new SimError('XTW_ERR_SIM_DNS_BAD_RECORD', { value: v });
  }
  return Object.freeze({ priority: r.priority!, weight: r.weight!, port: r.port!, target });
}

function checkMs(value: unknown, option: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new SimError('XTW_ERR_SIM_BAD_OPTION', { option, value, expected: 'a finite number of ms ≥ 0' });
  }
  return value;
}
