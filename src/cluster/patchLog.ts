/**
 * What a peer's replicated configuration went through, as immer patches (src/expressway/config/store.ts):
 * the log a configuration primary answers pulls from. A subordinate asks for the changes since the
 * version it last applied and says what its replicated configuration is now (a digest); when that is
 * exactly the primary's configuration at that version, the primary sends the patches since —
 * otherwise (first join, a restore, ForceConfigUpdate, local edits, a primary it never pulled from,
 * or versions the log no longer holds) the whole replicated configuration (DOMAIN §5.4, §11.2).
 *
 * Bounded: the lab server runs for weeks (issue #15). The log keeps only what a subordinate can still
 * ask for — the versions after the oldest acknowledged one among the peers this peer links to — and
 * never more than `PATCH_LOG_MAX_ENTRIES` writes; beyond that a subordinate gets a full pull.
 */
import type { Patch } from 'immer';
import { canonicalJson } from '../../sim/index.js';
import { applyConfigPatches, REPLICATED_KEYS, type Config, type TreeReader, type TreeRef, type TreeWriter } from '../expressway/index.js';
import type { PullRequest, PullSync } from './protocol.js';

/** At most this many writes are kept; a subordinate further behind is sent everything (a full pull). */
export const PATCH_LOG_MAX_ENTRIES = 32;

const REPLICATED = new Set(REPLICATED_KEYS);

/** The patches of a write that touch replicated keys (each patch sets one top-level key). */
export function replicatedPatches(patches: readonly Patch[]): Patch[] {
  return patches.filter((p) => REPLICATED.has(String(p.path[0])));
}

let memo: { config: Config; digest: string } | undefined;

/** A 64-bit digest (16 hex digits) of a configuration's replicated values: equal digests, equal values. */
export function replicatedDigest(config: Config): string {
  if (memo?.config === config) return memo.digest;
  // FNV-1a over the canonical JSON, in two 32-bit lanes (different offsets) for 64 bits.
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (const key of REPLICATED_KEYS) {
    const text = `${key}=${canonicalJson(config[key] ?? null)};`;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 15);
    }
  }
  const digest = (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  memo = { config, digest };
  return digest;
}

interface Entry {
  readonly version: number;
  readonly patches: readonly Patch[];
  /** digest of the replicated configuration after this write */
  readonly digest: string;
}

export interface PatchLogState {
  readonly baseVersion: number;
  readonly baseDigest: string;
  readonly entries: readonly Entry[];
  /** the tree the log describes (its identity tells a write the log did not hear of) */
  readonly tree: TreeRef;
  readonly acks: readonly (readonly [string, number])[];
}

export class PatchLog {
  /** the version just before the first kept entry, and the configuration's digest then (from 1: 0 means none) */
  private baseVersion = 1;
  private baseDigest: string;
  private entries: Entry[] = [];
  /** the saved tree the log describes: another one means a write the log did not hear of */
  private tree: Config;
  /** per linked peer's address: the version it last said it had applied */
  private readonly acks = new Map<string, number>();

  constructor(saved: Config) {
    this.tree = saved;
    this.baseDigest = replicatedDigest(saved);
  }

  get version(): number {
    return this.baseVersion + this.entries.length;
  }

  /** Writes kept now (for the bound, and what the twin shows). */
  get size(): number {
    return this.entries.length;
  }

  /** A write to this peer's configuration, whatever its origin; `saved` is the tree after it. */
  record(patches: readonly Patch[], saved: Config): void {
    const replicated = replicatedPatches(patches);
    this.tree = saved;
    if (replicated.length === 0) return;
    this.entries.push({ version: this.version + 1, patches: replicated, digest: replicatedDigest(saved) });
    this.trim(this.entries.length - PATCH_LOG_MAX_ENTRIES);
  }

  /**
   * The patches that take a subordinate from `since` to this log's version, when its replicated
   * configuration (`digest`) is exactly this peer's at `since`; undefined when it needs everything.
   */
  patchesSince(since: number, digest: string, saved: Config): Patch[] | undefined {
    this.follow(saved);
    // Version 0 is no one's: a subordinate that has applied nothing from this primary since it
    // started (first join, after a restart or ForceConfigUpdate) resynchronises in full.
    if (since === 0 || since < this.baseVersion || since > this.version) return undefined;
    const at = since === this.baseVersion ? this.baseDigest : this.entries[since - this.baseVersion - 1]!.digest;
    if (at !== digest) return undefined;
    return this.entries.slice(since - this.baseVersion).flatMap((e) => e.patches);
  }

  /**
   * A linked peer said it had applied `version`: versions every linked peer has are no longer kept.
   * Peers no longer linked (`linked` lists the addresses linked now) are forgotten.
   */
  acknowledge(address: string, version: number, linked: readonly string[]): void {
    this.acks.set(address, version);
    for (const a of [...this.acks.keys()]) if (!linked.includes(a)) this.acks.delete(a);
    const oldest = Math.min(...this.acks.values());
    this.trim(Math.min(oldest, this.version) - this.baseVersion);
  }

  saveState(trees: TreeWriter): PatchLogState {
    return { baseVersion: this.baseVersion, baseDigest: this.baseDigest, entries: structuredClone(this.entries), tree: trees.ref(this.tree), acks: [...this.acks] };
  }

  loadState(state: PatchLogState, trees: TreeReader): void {
    this.baseVersion = state.baseVersion;
    this.baseDigest = state.baseDigest;
    this.entries = structuredClone([...state.entries]);
    this.tree = trees.get(state.tree);
    this.acks.clear();
    for (const [address, version] of state.acks) this.acks.set(address, version);
  }

  /** A write the log did not hear of (factory reset, boot): start afresh from `saved`, one version on. */
  private follow(saved: Config): void {
    if (saved === this.tree) return;
    this.baseVersion = this.version + 1;
    this.baseDigest = replicatedDigest(saved);
    this.entries = [];
    this.tree = saved;
  }

  /** Drop the `count` oldest entries (none when `count` ≤ 0). */
  private trim(count: number): void {
    if (count <= 0) return;
    const dropped = this.entries.splice(0, count);
    const last = dropped.at(-1)!;
    this.baseVersion = last.version;
    this.baseDigest = last.digest;
  }
}

const replicatedValues = (config: Readonly<Record<string, Config[string]>>): Config =>
  Object.fromEntries(REPLICATED_KEYS.map((k) => [k, config[k] ?? null]));

/** What the primary sends for `pull`: its patches since the subordinate's version, or every replicated value. */
export function syncFor(log: PatchLog, pull: Pick<PullRequest, 'since' | 'digest'>, saved: Config): PullSync {
  const patches = log.patchesSince(pull.since, pull.digest, saved);
  return patches ? { kind: 'patches', patches } : { kind: 'full', values: replicatedValues(saved) };
}

/**
 * The primary's replicated values a sync brings to a subordinate whose configuration is `saved`:
 * all of them, or its own with the primary's patches applied — in the replicated keys' order either
 * way, so the changes (and their log lines) come out the same as from a full pull.
 */
export function valuesAfter(sync: PullSync, saved: Config): Config {
  if (sync.kind === 'full') return sync.values as Config;
  return replicatedValues(applyConfigPatches(replicatedValues(saved), sync.patches));
}
