/**
 * `xConfiguration` over one peer (DOMAIN §5.2, §8.1, §8.2): read a subtree by path prefix as
 * `*c xConfiguration <path>: <value>` lines, set one leaf through the peer (which validates it), and
 * help with valuespaces from CONFIG_KEYS. Paths match case-insensitively, word by word. Reads show
 * the *saved* configuration — what the product's pages and CLI show before a restart (DOMAIN §5.5).
 * List-valued keys print as indexed sub-items (`… Entries 1 Fqdn: "…"`) and are edited by xCommands.
 */
import { CONFIG_KEYS, keySpec, message, type Config, type ConfigValue, type KeySpec, type PeerObservation, type Twin } from '../../twin.js';
import { attempt, OperatorError, asActionError } from '../errors.js';
import { accepted, CLI_ORIGIN, refused, type TshellResult } from './outcome.js';
import { renderConfiguration, renderHelp, renderOk, type HelpEntry, type Valuespace } from './render.js';

interface ConfigLine {
  readonly path: readonly string[];
  readonly value: string | number;
  readonly quote: boolean;
}

/** assumption: the product never prints passwords; the CLI shows this mask instead (NOT FOUND in DOMAIN §8). */
export const PASSWORD_MASK = '********';

/** How list-valued keys are edited instead (DOMAIN §8.3); the twin's hint for a refused set. */
export const NOT_SETTABLE_HINT: Readonly<Record<string, string>> = {
  mappings: 'use xCommand Cluster Address Mapping Add / Delete',
  optionKeys: 'use xCommand Option Key Add / Delete',
  certificate: 'install certificates on Maintenance > Security',
  names: 'upload trusted CA certificates on Maintenance > Security',
};

/** Peer errors that say a value is wrong; the CLI reports them as "Invalid value for …" (MESSAGES). */
const VALUE_ERRORS = new Set([
  'XTW_ERR_PEER_BAD_TYPE', 'XTW_ERR_PEER_OUT_OF_RANGE', 'XTW_ERR_PEER_BAD_ENUM', 'XTW_ERR_PEER_TOO_LONG',
  'XTW_ERR_PEER_BAD_ADDRESS', 'XTW_ERR_PEER_BAD_IP', 'XTW_ERR_PEER_BAD_PATTERN',
]);

/** `xConfiguration [path…]`: every line under the path, then OK. */
export function readConfiguration(o: PeerObservation, path: readonly string[]): TshellResult {
  const lines = configurationLines(o.saved).filter((l) => startsWith(l.path, path));
  if (lines.length === 0) return unknownPath(path);
  return accepted(renderConfiguration(lines));
}

/** `xConfiguration <path>: <value>`: one leaf, validated and saved by the peer (all or nothing). */
export function setConfiguration(twin: Twin, peer: string, path: readonly string[], value: string): TshellResult {
  const key = path.join(' ');
  const spec = keySpec(key);
  const hint = spec ? NOT_SETTABLE_HINT[spec.type.kind] : undefined;
  if (spec && hint) {
    const error = asActionError(new OperatorError('XTW_ERR_OP_TSHELL_NOT_SETTABLE', { value: spec.key, hint }))!;
    return refused(error, { name: 'Configuration' });
  }
  const saved = attempt(() => twin.save(peer, { [spec?.key ?? key]: value }, CLI_ORIGIN));
  if (saved.ok) return accepted(renderOk());
  const reason = VALUE_ERRORS.has(saved.error.code) ? message('tshell.reason.invalidValue', { path: spec?.key ?? key, value }) : saved.error.message;
  return refused(saved.error, { name: 'Configuration', reason });
}

/** `xConfiguration [path…] ?|??`: the matching elements; `??` (or a single exact leaf) adds valuespaces. */
export function configurationHelp(path: readonly string[], detailed: boolean): TshellResult {
  const entries = helpGroups().flatMap((g) => {
    const shown = matchGroup(g, path);
    return shown === undefined ? [] : [{ group: g, shown }];
  });
  if (entries.length === 0) return unknownPath(path);
  const exactLeaf = entries.length === 1 && path.length === entries[0]!.group.template.length;
  return accepted(renderHelp(entries.map((e) => helpEntry(e.group, e.shown)), detailed || exactLeaf));
}

// ── Lines ──────────────────────────────────────────────────────────────────────────────────

/** Every configuration line of a tree, in CONFIG_KEYS order. */
export function configurationLines(config: Config): ConfigLine[] {
  return CONFIG_KEYS.flatMap((spec) => linesOf(spec, config[spec.key] ?? spec.default));
}

function linesOf(spec: KeySpec, value: ConfigValue): ConfigLine[] {
  const words = spec.key.split(' ');
  const line = (extra: readonly string[], v: string | number, quote = typeof v === 'string'): ConfigLine => ({ path: [...words, ...extra], value: v, quote });
  switch (spec.type.kind) {
    case 'int':
      return [line([], Number(value), false)];
    case 'enum':
      // DOMAIN §8.1: enum values are unquoted.
      return [line([], String(value), false)];
    case 'mappings':
      return (value as readonly { fqdn: string; ip: string }[]).flatMap((m, i) => [line([String(i + 1), 'Fqdn'], m.fqdn), line([String(i + 1), 'IpAddress'], m.ip)]);
    case 'names':
      return (value as readonly string[]).map((n, i) => line([String(i + 1)], n));
    case 'optionKeys':
      return (value as readonly { key: string; kind: string; description: string }[]).flatMap((k, i) => [
        line([String(i + 1), 'Key'], k.key), line([String(i + 1), 'Type'], k.kind === 'feature' ? 'Feature' : 'Licence', false), line([String(i + 1), 'Description'], k.description),
      ]);
    case 'certificate': {
      const c = value as { cn: string; sans: readonly string[]; issuer: string; notBeforeMs: number; notAfterMs: number } | null;
      if (c === null) return [line([], '')];
      return [
        line(['Subject', 'CN'], c.cn), line(['SubjectAlternativeNames'], c.sans.join(', ')), line(['Issuer'], c.issuer),
        line(['NotBefore'], isoDate(c.notBeforeMs)), line(['NotAfter'], isoDate(c.notAfterMs)),
      ];
    }
    default:
      return [line([], /Password$/.test(spec.key) ? PASSWORD_MASK : String(value ?? ''))];
  }
}

function isoDate(utcMs: number): string {
  return Number.isFinite(utcMs) ? new Date(utcMs).toISOString() : '';
}

function startsWith(words: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= words.length && prefix.every((w, i) => w.toLowerCase() === words[i]!.toLowerCase());
}

function unknownPath(path: readonly string[]): TshellResult {
  const error = asActionError(new OperatorError('XTW_ERR_OP_TSHELL_UNKNOWN_PATH', { family: 'xConfiguration', value: path.join(' ') }))!;
  return refused(error, { name: 'Configuration' });
}

// ── Help ───────────────────────────────────────────────────────────────────────────────────

/** Keys that differ only by one index, shown once as `Peer [1..6] Address` (DOMAIN §8.1). */
interface HelpGroup {
  readonly template: readonly string[];
  readonly indexAt: number;
  readonly indexes: readonly number[];
  readonly spec: KeySpec;
}

let groupsCache: readonly HelpGroup[] | undefined;

function helpGroups(): readonly HelpGroup[] {
  if (groupsCache) return groupsCache;
  const groups = new Map<string, { template: string[]; indexAt: number; indexes: number[]; spec: KeySpec }>();
  for (const spec of CONFIG_KEYS) {
    const words = spec.key.split(' ');
    const indexAt = words.findIndex((w) => /^\d+$/.test(w));
    const template = words.map((w, i) => (i === indexAt ? '#' : w));
    const id = template.join(' ');
    const g = groups.get(id);
    if (g) g.indexes.push(Number(words[indexAt]));
    else groups.set(id, { template, indexAt, indexes: indexAt < 0 ? [] : [Number(words[indexAt])], spec });
  }
  groupsCache = [...groups.values()];
  return groupsCache;
}

/** The path words to show when `path` selects (a prefix of) this group, or undefined. */
function matchGroup(g: HelpGroup, path: readonly string[]): readonly string[] | undefined {
  if (path.length > g.template.length) return undefined;
  let chosen: number | undefined;
  for (let i = 0; i < path.length; i++) {
    const w = path[i]!;
    if (i === g.indexAt) {
      if (!/^\d+$/.test(w) || !g.indexes.includes(Number(w))) return undefined;
      chosen = Number(w);
    } else if (w.toLowerCase() !== g.template[i]!.toLowerCase()) {
      return undefined;
    }
  }
  const index = chosen !== undefined ? String(chosen) : g.indexes.length === 1 ? String(g.indexes[0]) : `[${Math.min(...g.indexes)}..${Math.max(...g.indexes)}]`;
  return g.template.map((w, i) => (i === g.indexAt ? index : w));
}

function helpEntry(g: HelpGroup, shown: readonly string[]): HelpEntry {
  // One index chosen: that key's own spec; a range: the first member's, its label saying "N".
  const single = g.indexAt < 0 || /^\d+$/.test(shown[g.indexAt]!);
  const s = (single ? keySpec(shown.join(' ')) : undefined) ?? g.spec;
  const label = single ? s.label : s.label.replace(/\b\d+\b/, 'N');
  const scope = s.scope === 'replicated' ? 'replicated from the configuration primary' : 'peer-specific';
  return {
    path: `xConfiguration ${shown.join(' ')}`,
    valuespace: valuespaceOf(s),
    description: `${label} (${scope}${s.restart ? '; a restart is needed' : ''}). Default: ${defaultText(s)}`,
  };
}

/** The valuespace notation of DOMAIN §8.1 for a key's type. */
export function valuespaceOf(s: KeySpec): Valuespace | string {
  const t = s.type;
  switch (t.kind) {
    case 'string': return { kind: 'string', minLength: t.minLength ?? 0, maxLength: t.maxLength };
    case 'int': return { kind: 'integer', min: t.min, max: t.max };
    case 'enum': return { kind: 'enum', values: t.values };
    // DOMAIN §8.3: peer addresses are `S 0..128`.
    case 'host': return { kind: 'string', minLength: t.optional ? 0 : 1, maxLength: 128 };
    // assumption: DOMAIN §8.1's `<S: 7,15>` is an IPv4 address; IPv6 text is at most 39 characters.
    case 'ip': return { kind: 'string', minLength: t.optional ? 0 : 7, maxLength: t.family === 4 ? 15 : 39 };
    default: return `<list: ${NOT_SETTABLE_HINT[t.kind] ?? 'read-only'}>`;
  }
}

function defaultText(s: KeySpec): string {
  const d = s.default;
  if (d === null) return 'none';
  if (Array.isArray(d)) return d.length === 0 ? 'empty' : `${d.length} item(s)`;
  if (/Password$/.test(s.key)) return PASSWORD_MASK;
  return d === '' ? '""' : String(d);
}
