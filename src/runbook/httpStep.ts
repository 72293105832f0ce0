/**
 * The runbook's `http:` step: one request to a peer's HTTP XML or REST API, answered in-process by
 * the same `handleHttp` the lab server mounts on its per-peer HTTPS listeners — no sockets, no wall
 * clock, so a rehearsal of a team's automation calls is deterministic and `xtwin run` needs no ports.
 * A REST change applies its operator action to the run's twin, as the product would.
 */
import { basicAuthorization, handleHttp, type HttpRequest } from '../operator/index.js';
import { PEER_ADMIN_USER } from '../operator/interfaces/http.js';
import type { Twin } from '../twin.js';
import type { Verdict } from './conditions.js';
import type { HttpStep } from './schema.js';

export interface HttpStepOutcome {
  readonly text: string;
  readonly ok: boolean;
  /** the answer, for the report: status line, then the first lines of the body */
  readonly output: readonly string[];
  readonly verdicts: readonly Verdict[];
  readonly error?: string;
}

/** Lines of the answer's body kept in the report. */
const OUTPUT_LINES = 20;

export function describeHttpStep(peer: string, http: HttpStep): string {
  return `${peer}: HTTPS ${http.method ?? 'GET'} ${http.path}`;
}

export function runHttpStep(twin: Twin, peer: string, http: HttpStep): HttpStepOutcome {
  const text = describeHttpStep(peer, http);
  const o = twin.observe(peer);
  // A peer that is not serving refuses the connection on the product: the client gets no answer at all.
  if (!o.serving) return { text, ok: false, output: [], verdicts: [], error: `${peer} refuses the connection: it is ${o.state}, not serving` };
  const r = handleHttp(twin, peer, request(http, String(o.saved['Administration AdminPassword'] ?? '')));
  const body = r.body.split('\n');
  const output = [`HTTP ${r.status}`, ...body.slice(0, OUTPUT_LINES), ...(body.length > OUTPUT_LINES ? [`… ${body.length - OUTPUT_LINES} more lines`] : [])];
  const expect = http.expect;
  if (expect === undefined || (expect.status === undefined && expect.body === undefined)) {
    const ok = r.status >= 200 && r.status < 300;
    return ok ? { text, ok, output, verdicts: [] } : { text, ok, output, verdicts: [], error: `HTTP ${r.status}: ${firstLine(r.body)}` };
  }
  const verdicts: Verdict[] = [];
  if (expect.status !== undefined) {
    const ok = r.status === expect.status;
    verdicts.push({ ok, claim: `${text} answers ${expect.status}`, ...(ok ? {} : { seen: `HTTP ${r.status}: ${firstLine(r.body)}` }) });
  }
  if (expect.body !== undefined) {
    const ok = r.body.includes(expect.body);
    verdicts.push({ ok, claim: `${text} answers a body containing ${JSON.stringify(expect.body)}`, ...(ok ? {} : { seen: firstLine(r.body) }) });
  }
  return { text, ok: true, output, verdicts };
}

function request(http: HttpStep, adminPassword: string): HttpRequest {
  const headers: Record<string, string> = { ...(http.headers ?? {}) };
  const has = (name: string) => Object.keys(headers).some((k) => k.toLowerCase() === name);
  if (http.auth !== 'none' && !has('authorization')) {
    headers.Authorization = basicAuthorization(http.auth ?? { user: PEER_ADMIN_USER, password: adminPassword });
  }
  let body: string | undefined;
  if (typeof http.body === 'string') body = http.body;
  else if (http.body !== undefined) {
    body = JSON.stringify(http.body);
    if (!has('content-type')) headers['Content-Type'] = 'application/json';
  }
  return { method: http.method ?? 'GET', path: http.path, headers, ...(body !== undefined ? { body } : {}) };
}

function firstLine(body: string): string {
  const line = body.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
