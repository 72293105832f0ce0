/**
 * The only IPv4/IPv6 parser and formatter in the project. Everything that stores or compares an
 * address stores the canonical text from `parseAddress`: dotted quad without leading zeros for
 * IPv4, RFC 5952 lower-case compressed form for IPv6 (with the dotted tail for IPv4-mapped
 * addresses). Bad text is an error that names it (STYLE R8); the `is*` predicates never throw.
 */
import { SimError } from '../errors.js';

export type AddressFamily = 4 | 6;

/** A parsed address: its family and its canonical text. */
export interface ParsedAddress {
  readonly family: AddressFamily;
  readonly text: string;
}

/** An address with a prefix length, as in `10.0.0.5/24`. */
export interface ParsedCidr {
  readonly address: string;
  readonly family: AddressFamily;
  readonly prefixLength: number;
}

const IPV4_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * Parses an IPv4 or IPv6 address and returns its family and canonical text.
 *
 * @example
 * parseAddress('2001:DB8:0:0:0:0:0:1'); // { family: 6, text: '2001:db8::1' }
 * parseAddress('01.2.3.4'); // throws XTW_ERR_SIM_BAD_ADDRESS
 */
export function parseAddress(text: unknown): ParsedAddress {
  const parsed = tryParse(text);
  if (!parsed) throw new SimError('XTW_ERR_SIM_BAD_ADDRESS', { value: text });
  return parsed;
}

/** True for a valid IPv4 or IPv6 address text. */
export function isIpAddress(text: unknown): boolean {
  return tryParse(text) !== undefined;
}

/** Parses `address/prefixLength`; the prefix must fit the family (0-32 or 0-128). */
export function parseCidr(text: unknown): ParsedCidr {
  if (typeof text !== 'string') throw new SimError('XTW_ERR_SIM_BAD_ADDRESS', { value: text });
  const slash = text.indexOf('/');
  if (slash < 0) throw new SimError('XTW_ERR_SIM_BAD_PREFIX', { value: text, family: 'an address' });
  const address = parseAddress(text.slice(0, slash));
  const prefixText = text.slice(slash + 1);
  const prefixLength = /^(?:0|[1-9]\d{0,2})$/.test(prefixText) ? Number(prefixText) : Number.NaN;
  checkPrefix(prefixLength, address.family);
  return { address: address.text, family: address.family, prefixLength };
}

/** Whether `a` and `b` share the first `prefixLength` bits (false across families). */
export function sameSubnet(a: string, b: string, prefixLength: number): boolean {
  const pa = parseAddress(a);
  const pb = parseAddress(b);
  checkPrefix(prefixLength, pa.family);
  if (pa.family !== pb.family) return false;
  const ga = groups(pa);
  const gb = groups(pb);
  const bitsPerGroup = pa.family === 4 ? 8 : 16;
  let left = prefixLength;
  for (let i = 0; i < ga.length && left > 0; i++, left -= bitsPerGroup) {
    const take = Math.min(bitsPerGroup, left);
    const shift = bitsPerGroup - take;
    if (ga[i]! >> shift !== gb[i]! >> shift) return false;
  }
  return true;
}

/** True for an IPv4 address in 10/8, 172.16/12 or 192.168/16 (RFC 1918); false for anything else. */
export function isPrivateIpv4(text: unknown): boolean {
  const parsed = tryParse(text);
  if (!parsed || parsed.family !== 4) return false;
  const [a, b] = groups(parsed) as [number, number];
  return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** The octets (IPv4) or 16-bit groups (IPv6) of a canonical address. */
function groups(parsed: ParsedAddress): number[] {
  return parsed.family === 4 ? parsed.text.split('.').map(Number) : (parseIpv6Groups(parsed.text) as number[]);
}

function checkPrefix(prefixLength: number, family: AddressFamily): void {
  const max = family === 4 ? 32 : 128;
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > max) {
    throw new SimError('XTW_ERR_SIM_BAD_PREFIX', { value: prefixLength, family: `IPv${family}` });
  }
}

function tryParse(text: unknown): ParsedAddress | undefined {
  if (typeof text !== 'string' || text.length === 0 || text.length > 45) return undefined;
  if (text.includes(':')) {
    const g = parseIpv6Groups(text);
    return g ? { family: 6, text: formatIpv6(g) } : undefined;
  }
  const o = parseIpv4Octets(text);
  return o ? { family: 4, text: o.join('.') } : undefined;
}

function parseIpv4Octets(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const part of parts) {
    if (!IPV4_OCTET.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** Eight 16-bit groups, or undefined. Accepts `::` once and a dotted IPv4 tail. */
function parseIpv6Groups(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] === '' ? [] : halves[0]!.split(':');
  const tail = halves.length === 2 ? (halves[1] === '' ? [] : halves[1]!.split(':')) : [];
  const words: number[][] = [[], []];
  const lists = halves.length === 2 ? [head, tail] : [head];
  for (let li = 0; li < lists.length; li++) {
    const list = lists[li]!;
    for (let i = 0; i < list.length; i++) {
      const part = list[i]!;
      const isLast = li === lists.length - 1 && i === list.length - 1;
      if (isLast && part.includes('.')) {
        const o = parseIpv4Octets(part);
        if (!o) return undefined;
        words[li]!.push((o[0]! << 8) | o[1]!, (o[2]! << 8) | o[3]!);
      } else if (IPV6_GROUP.test(part)) {
        words[li]!.push(parseInt(part, 16));
      } else {
        return undefined;
      }
    }
  }
  const [a, b] = words as [number[], number[]];
  if (halves.length === 1) return a.length === 8 ? a : undefined;
  // `::` stands for at least one zero group (RFC 4291 section 2.2).
  const missing = 8 - a.length - b.length;
  if (missing < 1) return undefined;
  return [...a, ...new Array<number>(missing).fill(0), ...b];
}

/** RFC 5952: lower case, no leading zeros, the longest run (≥ 2) of zero groups as `::`. */
function formatIpv6(g: number[]): string {
  const mapped = g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
  if (mapped) return `::ffff:${g[6]! >> 8}.${g[6]! & 255}.${g[7]! >> 8}.${g[7]! & 255}`;
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = g.map((n) => n.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

const cache = new Map<string, ParsedAddress>();
const CACHE_LIMIT = 4096;

/**
 * `parseAddress` memoised for the per-packet path. A pure function's cache cannot change results,
 * so sharing it between networks keeps runs deterministic; it is bounded and simply cleared when full.
 * @internal
 */
export function parseAddressCached(text: unknown): ParsedAddress {
  if (typeof text === 'string') {
    const hit = cache.get(text);
    if (hit) return hit;
  }
  const parsed = parseAddress(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text as string, parsed);
  return parsed;
}
