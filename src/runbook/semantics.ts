/**
 * The runbook checks a JSON Schema cannot express (the loader's third pass): every peer named in
 * steps, conditions, faults and the cluster exists (with a suggestion when not), peer names and
 * addresses are unique, IPv6 text is exact, record families match, durations parse and a timed
 * fault heals after it starts. Reads raw data defensively — the schema pass may have failed.
 */
import { isIpAddress, parseDurationMs } from '../twin.js';
import { suggestion, type RunbookErrorCode } from './errors.js';
import { RUNBOOK_JSON_SCHEMA } from './jsonSchema.js';

/** A problem before it has a position: where it is (path segments) and whether to point at the key. */
export interface Issue {
  code: RunbookErrorCode;
  path: readonly string[];
  detail: string;
  atKey?: boolean;
}


type Obj = Record<string, unknown>;
export const isObject = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const entries = (v: unknown): [string, unknown][] => (Array.isArray(v) ? v.map((x, i) => [String(i), x]) : []);
const LOOSE_IPV6 = new RegExp(RUNBOOK_JSON_SCHEMA.definitions?.ipv6?.pattern ?? '^$', 'u');
/** The schema's own shape of a duration string (one source of truth with the published schema). */
const DURATION_TEXT = new RegExp((RUNBOOK_JSON_SCHEMA.definitions?.duration?.oneOf?.[0] as { pattern?: string } | undefined)?.pattern ?? '^$', 'u');

/** A value as an error message shows it. */
export function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing (null)';
  if (typeof v === 'string') return v.length > 60 ? `"${v.slice(0, 57)}…"` : JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return Array.isArray(v) ? 'a list' : 'a mapping';
}


export function semanticIssues(data: unknown): Issue[] {
  if (!isObject(data)) return [];
  const issues: Issue[] = [];
  const topology = isObject(data.topology) ? data.topology : {};
  const names = checkPeers(topology, issues);
  const peer = (v: unknown, path: string[]) => {
    if (typeof v !== 'string' || names.length === 0 || names.includes(v)) return;
    issues.push({ code: 'XTW_ERR_RUNBOOK_UNKNOWN_PEER', path, detail: `unknown peer "${v}"${suggestion(v, names)}; the topology has: ${names.join(', ')}` });
  };
  checkCluster(topology, names, peer, issues);
  const network = isObject(topology.network) ? topology.network : {};
  for (const [i, l] of entries(network.links)) for (const [j, n] of entries(isObject(l) ? l.between : undefined)) peer(n, ['topology', 'network', 'links', i, 'between', j]);
  for (const [i, r] of entries(isObject(topology.dns) ? topology.dns.records : undefined)) if (isObject(r)) address(r.value, ['topology', 'dns', 'records', i, 'value'], issues, r.type);
  for (const [i, f] of entries(data.faults)) {
    if (!isObject(f)) continue;
    const at = ['faults', i];
    faultPeers(f.fault, [...at, 'fault'], peer, issues);
    const startMs = duration(f.at, [...at, 'at'], issues);
    const healMs = duration(f.heal, [...at, 'heal'], issues);
    if (startMs !== undefined && healMs !== undefined && healMs <= startMs) {
      issues.push({ code: 'XTW_ERR_RUNBOOK_BAD_DURATION', path: [...at, 'heal'], detail: `heal (${String(f.heal)}) must come after at (${String(f.at)}); a fault heals after it starts` });
    }
  }
  for (const [i, s] of entries(data.steps)) {
    if (!isObject(s)) continue;
    const at = ['steps', i];
    peer(s.peer, [...at, 'peer']);
    if ('restore' in s) peer(s.from, [...at, 'from']);
    faultPeers(s.fault, [...at, 'fault'], peer, issues);
    conditionPeers(s.expect, [...at, 'expect'], peer);
    if (isObject(s.dns)) address(s.dns.value, [...at, 'dns', 'value'], issues, s.dns.type);
    if (s.gap !== undefined) duration(s.gap, [...at, 'gap'], issues);
    if (isObject(s.wait)) {
      conditionPeers(s.wait.until, [...at, 'wait', 'until'], peer);
      duration(s.wait.limit, [...at, 'wait', 'limit'], issues);
    } else duration(s.wait, [...at, 'wait'], issues);
  }
  const lab = isObject(data.lab) ? data.lab : {};
  for (const [i, o] of entries(lab.objectives)) if (isObject(o)) conditionPeers(o.expect, ['lab', 'objectives', i, 'expect'], peer);
  return issues;
}

/** Peer names and addresses must be unique; returns the well-formed names in order. */
function checkPeers(topology: Obj, issues: Issue[]): string[] {
  const names = new Map<string, string>();
  const owners = new Map<string, string>();
  for (const [i, p] of entries(topology.peers)) {
    if (!isObject(p)) continue;
    const at = ['topology', 'peers', i];
    if (typeof p.name === 'string') {
      const first = names.get(p.name);
      if (first !== undefined) issues.push({ code: 'XTW_ERR_RUNBOOK_DUPLICATE_PEER', path: [...at, 'name'], detail: `peer name "${p.name}" is already used by topology.peers[${first}]; expected unique peer names` });
      else names.set(p.name, i);
    }
    for (const nic of ['lan1', 'lan2']) {
      const spec = isObject(p[nic]) ? p[nic] : {};
      for (const field of ['ipv4', 'ipv6', 'staticNat']) {
        const canonical = address(spec[field], [...at, nic, field], issues);
        if (canonical === undefined) continue;
        const here = `${String(p.name)} ${nic}.${field}`;
        const other = owners.get(canonical);
        if (other !== undefined) issues.push({ code: 'XTW_ERR_RUNBOOK_DUPLICATE_ADDRESS', path: [...at, nic, field], detail: `address ${String(spec[field])} of ${here} is already assigned to ${other}; expected each address once` });
        else owners.set(canonical, here);
      }
    }
    for (const [j, a] of entries(p.dnsServers)) address(a, [...at, 'dnsServers', j], issues);
  }
  return [...names.keys()];
}

function checkCluster(topology: Obj, names: string[], peer: (v: unknown, path: string[]) => void, issues: Issue[]): void {
  if (!isObject(topology.cluster)) return;
  const cluster = topology.cluster;
  const seen = new Set<unknown>();
  for (const [i, n] of entries(cluster.peers)) {
    const at = ['topology', 'cluster', 'peers', i];
    if (typeof n === 'string' && seen.has(n)) issues.push({ code: 'XTW_ERR_RUNBOOK_DUPLICATE_PEER', path: at, detail: `peer "${n}" is listed twice in the cluster; expected each peer once` });
    seen.add(n);
    peer(n, at);
  }
  const primary = cluster.primary;
  if (typeof primary !== 'string') return;
  if (!names.includes(primary)) peer(primary, ['topology', 'cluster', 'primary']);
  else if (Array.isArray(cluster.peers) && !seen.has(primary)) {
    issues.push({ code: 'XTW_ERR_RUNBOOK_BAD_CLUSTER', path: ['topology', 'cluster', 'primary'], detail: `primary "${primary}" is not one of the cluster's peers; expected one of: ${[...seen].map(String).join(', ')}` });
  }
}

function faultPeers(f: unknown, at: string[], peer: (v: unknown, path: string[]) => void, issues: Issue[]): void {
  if (!isObject(f)) return;
  for (const [g, group] of entries(f.groups)) for (const [k, n] of entries(group)) peer(n, [...at, 'groups', g, k]);
  for (const [k, n] of entries(f.between)) peer(n, [...at, 'between', k]);
  for (const [k, n] of entries(f.inside)) peer(n, [...at, 'inside', k]);
  peer(f.forPeer, [...at, 'forPeer']);
  peer(f.peer, [...at, 'peer']);
  address(f.publicAddress, [...at, 'publicAddress'], issues);
}

function conditionPeers(c: unknown, at: string[], peer: (v: unknown, path: string[]) => void): void {
  if (Array.isArray(c)) for (const [i, x] of entries(c)) conditionPeers(x, [...at, i], peer);
  else if (isObject(c)) peer(c.peer, [...at, 'peer']);
}

/** Exact IPv6 check (the schema's pattern is only a shape) and record families; returns a comparable form. */
function address(v: unknown, path: string[], issues: Issue[], recordType?: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (!isIpAddress(v)) {
    if (LOOSE_IPV6.test(v)) issues.push({ code: 'XTW_ERR_RUNBOOK_BAD_ADDRESS', path, detail: `"${v}" is not a valid IPv6 address; expected e.g. 2001:db8::11` });
    return undefined;
  }
  const six = v.includes(':');
  if ((recordType === 'A' && six) || (recordType === 'AAAA' && !six)) {
    issues.push({ code: 'XTW_ERR_RUNBOOK_BAD_ADDRESS', path, detail: `an ${String(recordType)} record needs an ${six ? 'IPv4' : 'IPv6'} address; got ${v}` });
  }
  return six ? expandIpv6(v) : v;
}

function expandIpv6(v: string): string {
  const [head = '', tail] = v.toLowerCase().split('::');
  const groups = (s: string) => (s === '' ? [] : s.split(':'));
  const h = groups(head);
  const t = tail === undefined ? [] : groups(tail);
  const zeros = tail === undefined ? [] : Array<string>(Math.max(0, 8 - h.length - t.length)).fill('0');
  return [...h, ...zeros, ...t].map((g) => (g.includes('.') ? g : String(parseInt(g, 16)))).join(':');
}

/** Milliseconds for a schema-valid duration; a text the schema accepts but the twin cannot parse is an error. */
function duration(v: unknown, path: string[], issues: Issue[]): number | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  const ms = parseDurationMs(v);
  if (ms === undefined && typeof v === 'string' && DURATION_TEXT.test(v)) {
    issues.push({ code: 'XTW_ERR_RUNBOOK_BAD_DURATION', path, detail: `${describe(v)} cannot be read as a duration; expected e.g. "90s", "2m", "1h30m"` });
  }
  return ms;
}
