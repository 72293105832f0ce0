/**
 * Expectations a runbook can state, checked against what an operator could see: a peer's
 * observation (alarms, page statuses, configuration, state, log lines, the last CLI output) and,
 * for `replicated`, every joined subordinate's replicated configuration against its primary's.
 * Each check returns a sentence saying what was expected and what was seen.
 */
import { CONFIG_KEYS, keySpec, peerListInForce, type Twin } from '../twin.js';
import { forwardedLines, syslogServers } from '../operator/index.js';
import type { Bounds, Condition } from './schema.js';

export interface ConditionContext {
  /** the output of the last tshell step on each peer */
  readonly lastOutput: ReadonlyMap<string, readonly string[]>;
}

export interface Verdict {
  readonly ok: boolean;
  /** the claim, as a reader of the report wants it */
  readonly claim: string;
  /** what was seen when it failed */
  readonly seen?: string;
}

const REPLICATED = CONFIG_KEYS.filter((k) => k.scope === 'replicated').map((k) => k.key);

/** One condition or a list of them (as `expect`, `wait.until` and objectives allow), as a list. */
export function conditionList(c: Condition | readonly Condition[]): Condition[] {
  return Array.isArray(c) ? [...c] : [c as Condition];
}

export function checkCondition(twin: Twin, c: Condition, ctx: ConditionContext): Verdict {
  if ('replicated' in c) return checkReplicated(twin);
  if ('endpointsWaiting' in c) return inBounds(twin.endpointsWaiting(), c.endpointsWaiting, 'endpoints waiting for a peer');
  if ('armed' in c) return checkArmed(twin, c);
  const o = twin.observe(c.peer);
  const p = c.peer;
  if ('alarm' in c) {
    const present = c.present ?? true;
    const has = o.alarms.some((a) => a.id === String(c.alarm) || a.shownId === String(c.alarm) || a.key === c.alarm);
    return verdict(has === present, `${p}: alarm ${c.alarm} ${present ? 'raised' : 'not raised'}`, `alarms: ${o.alarms.map((a) => a.shownId).join(', ') || 'none'}`);
  }
  if ('state' in c) return verdict(o.state === c.state, `${p}: state ${c.state}`, `state ${o.state}`);
  if ('status' in c) {
    const e = o.clustering.entries.find((x) => x.index === c.status.entry);
    return verdict(e?.status === c.status.is, `${p}: Peer ${c.status.entry} shows "${c.status.is}"`, `"${e?.status ?? ''}"${e?.failure ? ` (${e.failure})` : ''}`);
  }
  if ('certificate' in c) {
    const e = o.clustering.entries.find((x) => x.index === c.certificate.entry);
    const word = e?.certificate.startsWith('Certificate: Valid') ? 'Valid' : e?.certificate.startsWith('Certificate: Invalid') ? 'Invalid' : '';
    return verdict(word === c.certificate.is, `${p}: Peer ${c.certificate.entry} certificate ${c.certificate.is}`, `"${e?.certificate ?? ''}"`);
  }
  if ('database' in c) return verdict(o.clustering.databaseStatus === c.database, `${p}: cluster database status ${c.database}`, o.clustering.databaseStatus);
  if ('config' in c || 'active' in c) {
    const which = 'config' in c ? 'saved' : 'active';
    const wanted = 'config' in c ? c.config : c.active;
    const tree = which === 'saved' ? o.saved : o.active;
    const wrong = Object.entries(wanted).filter(([k, v]) => {
      const key = keySpec(k)?.key ?? k;
      return String(tree[key] ?? '') !== String(v ?? '');
    });
    return verdict(wrong.length === 0, `${p}: ${which} ${Object.entries(wanted).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(', ')}`,
      wrong.map(([k]) => `${k} = ${JSON.stringify(tree[keySpec(k)?.key ?? k] ?? null)}`).join(', '));
  }
  if ('banner' in c) return verdict(o.factoryResetBanner === c.banner, `${p}: factory-reset banner ${c.banner ? 'shown' : 'not shown'}`, o.factoryResetBanner ? 'shown' : 'not shown');
  if ('log' in c) {
    const present = c.present ?? true;
    const hit = twin.logLines(p).some((l) => l.includes(c.log));
    return verdict(hit === present, `${p}: log ${present ? 'has' : 'has no'} line containing ${JSON.stringify(c.log)}`, hit ? 'found' : 'not found');
  }
  if ('output' in c) {
    const out = ctx.lastOutput.get(p) ?? [];
    return verdict(out.some((l) => l.includes(c.output)), `${p}: last CLI output contains ${JSON.stringify(c.output)}`, out.slice(0, 6).join(' | '));
  }
  if ('syslog' in c) return checkSyslog(twin, p, c.syslog);
  if ('registrations' in c) return inBounds(o.registrations, c.registrations, `${p}: endpoints registered`);
  if ('version' in c) return verdict(o.system.version === c.version, `${p}: software version ${c.version}`, o.system.version);
  if ('factoryReset' in c) {
    const happened = twin.wasFactoryReset(p);
    return verdict(happened === c.factoryReset, `${p}: ${c.factoryReset ? 'was' : 'was not'} factory reset`, happened ? 'it was' : 'it was not');
  }
  return { ok: false, claim: `unknown condition ${JSON.stringify(c)}` };
}

/**
 * Every joined subordinate holds its primary's replicated configuration (DOMAIN §5.4): each is
 * compared with the peer at its own Configuration primary index, so a revived old primary that
 * the others removed does not count.
 */
function checkReplicated(twin: Twin): Verdict {
  const obs = twin.peerNames().map((n) => twin.observe(n)).filter((o) => o.clustering.joined);
  const differing: string[] = [];
  let compared = 0;
  for (const o of obs) {
    if (o.clustering.isPrimary) continue;
    // The primary index points into the list in force (the saved one, or the running one while a reset is armed, DOMAIN §9.1).
    const address = peerListInForce(o)[o.clustering.primaryIndex - 1]?.toLowerCase();
    // The primary is the joined peer that the entry names: by FQDN, LAN1 IPv4, or the entry it shows as "This system" (any family, any spelling of it).
    const primary = obs.find((p) => p.clustering.isPrimary && (p.fqdn === address || p.active['Ethernet 1 IP V4 Address'] === address
      || p.clustering.entries.some((e) => e.status === 'This system' && e.address.toLowerCase() === address)));
    if (!primary) {
      differing.push(`${o.name}: no joined primary at Peer ${o.clustering.primaryIndex}`);
      continue;
    }
    compared++;
    for (const k of REPLICATED) if (JSON.stringify(o.saved[k]) !== JSON.stringify(primary.saved[k])) differing.push(`${o.name}: ${k}`);
  }
  return verdict(differing.length === 0, `every subordinate's replicated configuration equals its primary's${compared ? '' : ' (no subordinates)'}`, differing.slice(0, 5).join(', '));
}

/** The peer's log lines as it forwards them: to server n (its format and filter), or all of them in a format. */
function checkSyslog(twin: Twin, p: string, c: Extract<Condition, { syslog: unknown }>['syslog']): Verdict {
  const present = c.present ?? true;
  const what = `${present ? 'a' : 'no'} syslog line${c.server !== undefined ? ` to server ${c.server}` : ` in ${c.format ?? 'Legacy BSD'} format`} containing ${JSON.stringify(c.contains)}`;
  let lines: string[];
  if (c.server !== undefined) {
    const server = syslogServers(twin.observe(p)).find((s) => s.index === c.server);
    if (!server) return verdict(!present, `${p}: ${what}`, `remote syslog server ${c.server} has no address`);
    if (c.format !== undefined && server.format !== c.format) return verdict(false, `${p}: ${what} (${c.format})`, `server ${c.server} is set to ${server.format}`);
    lines = forwardedLines(twin.logLines(p), server);
  } else {
    lines = forwardedLines(twin.logLines(p), { format: c.format ?? 'Legacy BSD', severity: 'Debug' });
  }
  const hit = lines.find((l) => l.includes(c.contains));
  return verdict((hit !== undefined) === present, `${p}: ${what}`, hit ?? `${lines.length} lines, none matching${lines.length ? `; last: ${lines.at(-1)!.slice(0, 160)}` : ''}`);
}

/** `armed: none` (nothing armed, on the peer if named) or `armed: <trap>` (that trap armed, on the peer if named). */
function checkArmed(twin: Twin, c: { armed: string; peer?: string }): Verdict {
  const on = c.peer === undefined ? '' : ` on ${c.peer}`;
  const armed = twin.armedTraps().filter((t) => c.peer === undefined || t.peer === c.peer);
  const seen = armed.map((t) => `${t.trap}${t.peer !== undefined && c.peer === undefined ? ` (${t.peer})` : ''}: ${t.detail}`).join('; ') || 'nothing armed';
  if (c.armed === 'none') return verdict(armed.length === 0, `no trap armed${on}`, seen);
  return verdict(armed.some((t) => t.trap === c.armed), `trap ${c.armed} armed${on}`, seen);
}

function inBounds(n: number, b: Bounds, what: string): Verdict {
  const ok = (b.min === undefined || n >= b.min) && (b.max === undefined || n <= b.max);
  const range = b.min !== undefined && b.max !== undefined ? `${b.min}..${b.max}` : b.min !== undefined ? `≥ ${b.min}` : `≤ ${b.max ?? '∞'}`;
  return verdict(ok, `${what} ${range}`, String(n));
}

function verdict(ok: boolean, claim: string, seen: string): Verdict {
  return ok ? { ok, claim } : { ok, claim, seen };
}
