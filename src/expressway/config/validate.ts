/**
 * Validation of configuration writes: one value against its key's type (`checkValue`), and a whole
 * set of edits against the rules that span keys (`checkEdits`: peer list without gaps, no duplicate
 * peer addresses). Validate completely, then apply — a rejected write changes nothing (STYLE R8).
 */
import { isIpAddress, parseAddress } from '../../../sim/index.js';
import { PeerError } from '../errors.js';
import { keySpec, peerAddresses, MAX_PEERS, type Config, type ConfigValue, type KeySpec } from './schema.js';

const FQDN = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*$/;

export function isFqdn(text: string): boolean {
  return FQDN.test(text) && !/^[\d.]+$/.test(text);
}

/** Resolve a key case-insensitively, or throw XTW_ERR_PEER_UNKNOWN_KEY. */
export function requireKey(key: string): KeySpec {
  const spec = keySpec(key);
  if (spec) return spec;
  // "Peer 7 Address" is a seventh peer, not a typo: say so (DOMAIN §2.1, STYLE R8).
  const peerN = /^alternates peer (\d+) address$/i.exec(key.replace(/\s+/g, ' ').trim());
  if (peerN && Number(peerN[1]) > MAX_PEERS) throw new PeerError('XTW_ERR_PEER_TOO_MANY_PEERS', { key, value: Number(peerN[1]) });
  throw new PeerError('XTW_ERR_PEER_UNKNOWN_KEY', { key });
}

/** Coerce and check one value; returns the value to store. */
export function checkValue(spec: KeySpec, raw: unknown): ConfigValue {
  const t = spec.type;
  const label = spec.label;
  switch (t.kind) {
    case 'string': {
      if (typeof raw !== 'string') throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: raw, expected: 'string' });
      if (raw.length > t.maxLength) throw new PeerError('XTW_ERR_PEER_TOO_LONG', { label, max: t.maxLength });
      if (t.pattern && !t.pattern.test(raw)) throw new PeerError('XTW_ERR_PEER_BAD_PATTERN', { label, value: raw, pattern: t.patternText ?? String(t.pattern) });
      return raw;
    }
    case 'int': {
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      if (!Number.isInteger(n)) throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: raw, expected: 'integer' });
      if (n < t.min || n > t.max) throw new PeerError('XTW_ERR_PEER_OUT_OF_RANGE', { label, value: n, min: t.min, max: t.max });
      return n;
    }
    case 'enum': {
      const s = typeof raw === 'string' ? raw : String(raw);
      // The UI says "Enforce" while the stored value is "Enforcing" (DOMAIN §5.1): accept both.
      const wanted = s.toLowerCase() === 'enforce' ? 'enforcing' : s.toLowerCase();
      const hit = t.values.find((v) => v.toLowerCase() === wanted);
      if (!hit) throw new PeerError('XTW_ERR_PEER_BAD_ENUM', { label, value: s, values: t.values });
      return hit;
    }
    case 'host': {
      if (typeof raw !== 'string') throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: raw, expected: 'address' });
      const s = raw.trim();
      if (s === '' && t.optional) return '';
      if (s.length > 128 || !(isIpAddress(s) || isFqdn(s))) throw new PeerError('XTW_ERR_PEER_BAD_ADDRESS', { label, value: raw });
      return isIpAddress(s) ? parseAddress(s).text : s.toLowerCase();
    }
    case 'ip': {
      if (typeof raw !== 'string') throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: raw, expected: 'address' });
      const s = raw.trim();
      if (s === '' && t.optional) return '';
      if (!isIpAddress(s) || (t.family && parseAddress(s).family !== t.family)) {
        throw new PeerError('XTW_ERR_PEER_BAD_IP', { label, value: raw, family: t.family ? `v${t.family}` : '' });
      }
      return parseAddress(s).text;
    }
    case 'mappings': {
      if (!Array.isArray(raw)) throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: raw, expected: 'list of mappings' });
      return raw.map((m: unknown) => {
        const o = m as { fqdn?: unknown; ip?: unknown };
        if (!o || typeof o.fqdn !== 'string' || typeof o.ip !== 'string' || !isFqdn(o.fqdn) || !isIpAddress(o.ip)) {
          throw new PeerError('XTW_ERR_PEER_BAD_MAPPING', { value: JSON.stringify(m) });
        }
        return { fqdn: o.fqdn.toLowerCase(), ip: parseAddress(o.ip).text };
      });
    }
    case 'certificate': {
      if (raw === null) return null;
      const c = raw as Record<string, unknown>;
      const ok = c && typeof c.cn === 'string' && Array.isArray(c.sans) && c.sans.every((s) => typeof s === 'string') &&
        typeof c.issuer === 'string' && typeof c.notBeforeMs === 'number' && typeof c.notAfterMs === 'number';
      if (!ok) throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: JSON.stringify(raw), expected: 'certificate {cn, sans, issuer, notBeforeMs, notAfterMs}' });
      return { cn: c.cn as string, sans: [...(c.sans as string[])], issuer: c.issuer as string, notBeforeMs: c.notBeforeMs as number, notAfterMs: c.notAfterMs as number };
    }
    case 'names': {
      if (!Array.isArray(raw) || !raw.every((s) => typeof s === 'string')) throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: raw, expected: 'list of names' });
      return [...raw];
    }
    case 'optionKeys': {
      if (!Array.isArray(raw)) throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: raw, expected: 'list of option keys' });
      return raw.map((k: unknown) => {
        const o = k as Record<string, unknown>;
        if (!o || typeof o.key !== 'string' || (o.kind !== 'feature' && o.kind !== 'licence') || typeof o.description !== 'string') {
          throw new PeerError('XTW_ERR_PEER_BAD_TYPE', { label, value: JSON.stringify(k), expected: 'option key {key, kind, description}' });
        }
        return { ...(o as object) } as never;
      });
    }
  }
}

/** Cross-key rules after applying `edits` to `config` (DOMAIN §5.1: no gaps, each peer once). */
export function checkPeerList(next: Config): void {
  const list = peerAddresses(next);
  const lastSet = list.reduce((acc, a, i) => (a ? i : acc), -1);
  for (let i = 0; i < lastSet; i++) if (!list[i]) throw new PeerError('XTW_ERR_PEER_PEER_GAP', { n: i + 1 });
  const seen = new Set<string>();
  list.forEach((a, i) => {
    if (!a) return;
    if (seen.has(a)) throw new PeerError('XTW_ERR_PEER_DUPLICATE_PEER', { n: i + 1, value: a });
    seen.add(a);
  });
  if (list.filter(Boolean).length > MAX_PEERS) throw new PeerError('XTW_ERR_PEER_TOO_MANY_PEERS', { value: list.filter(Boolean).length });
}
