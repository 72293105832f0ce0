/**
 * `applyAction`: the one door through which every front end changes the world (DESIGN "Operator
 * surface"). Each action is checked completely — its shape, the peer, the page and keys, the state
 * the peer must be in — and only then applied with one call on the twin, whose own checks also run
 * before it changes anything. So a refused action is `{ ok: false }` with the product's (or the
 * twin's) words and a world that is byte-for-byte what it was. Input never makes it throw.
 *
 * @example applyAction(twin, { kind: 'page', peer: 'expc01', page: 'clustering', set: { 'Alternates Peer 2 Address': '10.0.0.12' } })
 */
import { CONFIG_KEYS, isFqdn, keySpec, message, TwinError, type ChangeOrigin, type PageName, type Twin } from '../twin.js';
import type { Action, ActionResult } from './actionTypes.js';
import { attempt, OperatorError } from './errors.js';
import { prepareFault, type InstalledFault } from './faults.js';
import { prepareRootCommand } from './rootShell.js';
import { runTshell } from './tshell/commands.js';
import { MAX_WAIT_MS } from './bounds.js';
import { bad, finite, flag, ipAddress, oneOf, peerName, record, requiredText, text, type Fields } from './validate.js';

const ACTION_KINDS: readonly Action['kind'][] = ['tshell', 'page', 'root', 'power', 'restart', 'upgrade', 'backup', 'restore', 'redeploy', 'dns', 'fault', 'heal', 'wait'];
const PAGES: readonly PageName[] = [...new Set(CONFIG_KEYS.map((s) => s.page))];

/**
 * The web session a page save comes from. assumption: one admin workstation; the seed shows
 * httpd pid 15060 and source port 53155 (DOMAIN §10.2 C); the address is the twin's.
 */
export const WEB_ORIGIN: ChangeOrigin = { via: 'web', web: { httpdPid: 15060, srcIp: '10.0.0.100', srcPort: 53155, user: 'admin' } };

export function applyAction(twin: Twin, action: Action): ActionResult {
  const prepared = attempt(() => prepare(twin, action as unknown));
  if (!prepared.ok) return { ok: false, output: [], error: prepared.error };
  const run = prepared.value;
  if (typeof run !== 'function') return run;
  const done = attempt(run);
  if (!done.ok) return { ok: false, output: [], error: done.error };
  const value = done.value;
  return Array.isArray(value) ? { ok: true, output: value } : { ok: true, output: value.output, ...(value.faultId !== undefined ? { faultId: value.faultId } : {}) };
}

/** Check an action; returns the thunk that applies it, or (tshell) the finished result. */
function prepare(twin: Twin, raw: unknown): (() => string[] | InstalledFault) | ActionResult {
  const a = record('action', raw);
  const kind = oneOf('action', a, 'kind', ACTION_KINDS) as Action['kind'];
  switch (kind) {
    case 'tshell': {
      const peer = peerName(twin, kind, a);
      const line = text(kind, a, 'line', { nonEmpty: false }) as string;
      const r = runTshell(twin, peer, line);
      return r.ok ? { ok: true, output: r.output } : { ok: false, output: r.output, error: r.error ?? { code: 'XTW_ERR_OP_TSHELL_SYNTAX', message: 'refused' } };
    }
    case 'page': return preparePage(twin, a);
    case 'root': return prepareRootCommand(twin, peerName(twin, kind, a), requiredText(kind, a, 'command'));
    case 'power': {
      const peer = peerName(twin, kind, a);
      const on = flag(kind, a, 'on');
      if (on === undefined) bad(kind, 'on', 'true or false', a.on);
      const off = twin.observe(peer).state === 'poweredOff';
      if (on === !off) throw new OperatorError('XTW_ERR_OP_POWER_STATE', { peer, value: on ? 'on' : 'off' });
      return () => (on ? twin.powerOn(peer) : twin.powerOff(peer), [`${peer}: powered ${on ? 'on' : 'off'}`]);
    }
    case 'restart': {
      const peer = peerName(twin, kind, a);
      const mode = oneOf(kind, a, 'mode', ['restart', 'reboot'] as const, true) ?? 'restart';
      return () => (mode === 'reboot' ? twin.reboot(peer) : twin.restart(peer), [`${peer}: ${mode === 'reboot' ? 'Reboot' : 'Restart'} requested`]);
    }
    case 'upgrade': {
      const peer = peerName(twin, kind, a);
      const version = requiredText(kind, a, 'version').trim();
      return () => (twin.upgrade(peer, version), [message('upgrade.inProgress'), message('upgrade.complete')]);
    }
    case 'backup': {
      const peer = peerName(twin, kind, a);
      return () => [twin.backup(peer).name];
    }
    case 'restore': {
      const peer = peerName(twin, kind, a);
      const backup = requiredText(kind, a, 'backup');
      const from = a.from === undefined ? undefined : peerName(twin, kind, a, 'from');
      const taken = from === undefined || from === peer ? '' : ` taken on ${from} (this box keeps its LAN1 address and option keys)`;
      return () => (twin.restore(peer, backup, from), [`${peer}: restored ${backup}${taken}; restarting`]);
    }
    case 'redeploy': {
      const peer = peerName(twin, kind, a);
      return () => (twin.redeploy(peer), [`${peer}: fresh OVA deployed (new serial number, LAN1 address and passwords from the install wizard); power it on`]);
    }
    case 'dns': return prepareDns(twin, a);
    case 'fault': return prepareFault(twin, a.fault);
    case 'heal': {
      const id = finite(kind, a, 'id', { min: 1, max: Number.MAX_SAFE_INTEGER, optional: true });
      if (id !== undefined && !twin.activeFaults().some((f) => f.id === id)) throw new TwinError('XTW_ERR_TWIN_UNKNOWN_FAULT', { value: id });
      const count = id === undefined ? twin.activeFaults().length : 1;
      return () => (twin.heal(id), [id === undefined ? `healed ${count} fault(s)` : `healed fault ${id}`]);
    }
    case 'wait': {
      const durationMs = finite(kind, a, 'durationMs', { min: 0, max: MAX_WAIT_MS }) as number;
      return () => (twin.advance(durationMs), []);
    }
  }
}

/** Fields of one admin page and Save: keys are xConfiguration paths; the peer validates values (all or nothing). */
function preparePage(twin: Twin, a: Fields): () => string[] {
  const peer = peerName(twin, 'page', a);
  const edits = pageEdits(a);
  return () => {
    const { changes } = twin.save(peer, edits, WEB_ORIGIN);
    return changes.length === 0 ? ['Saved (no changes)'] : changes.map((c) => `Saved ${c.key}: ${show(c.from)} -> ${show(c.to)}`);
  };
}

/**
 * The page, and its fields as edits by canonical key: each known key must be on this page, and
 * given once. Needs no twin (`xtwin validate` uses it); an unknown key is the peer's to refuse.
 */
export function pageEdits(a: Fields): Record<string, unknown> {
  const page = a.page;
  if (typeof page !== 'string' || !(PAGES as readonly string[]).includes(page)) {
    throw new OperatorError('XTW_ERR_OP_UNKNOWN_PAGE', { value: page, known: PAGES });
  }
  const set = record('page', a.set, 'set');
  const edits: Record<string, unknown> = {};
  const given = new Map<string, string>();
  for (const [key, value] of Object.entries(set)) {
    const spec = keySpec(key);
    // An unknown key is refused by the peer, in its own words; here only page and duplicates.
    if (spec && spec.page !== page) throw new OperatorError('XTW_ERR_OP_KEY_NOT_ON_PAGE', { value: spec.key, actual: spec.page, page });
    const canonical = spec?.key ?? key;
    const other = given.get(canonical.toLowerCase());
    if (other !== undefined) throw new OperatorError('XTW_ERR_OP_DUPLICATE_KEY', { value: key, other });
    given.set(canonical.toLowerCase(), key);
    edits[canonical] = value;
  }
  return edits;
}

export function prepareDns(twin: Twin, a: Fields): () => string[] {
  const name = requiredText('dns', a, 'name').trim().toLowerCase();
  if (!isFqdn(name)) bad('dns', 'name', 'a DNS name', a.name);
  const type = oneOf('dns', a, 'type', ['A', 'AAAA'] as const) as 'A' | 'AAAA';
  const value = a.value === undefined ? undefined : ipAddress('dns', a, 'value', type === 'A' ? 4 : 6).trim();
  return () => (twin.setDnsRecord(name, type, value), [value === undefined ? `DNS: removed ${type} ${name}` : `DNS: ${name} ${type} ${value}`]);
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '""';
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? String(v) : JSON.stringify(v);
}
