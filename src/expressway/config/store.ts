/**
 * One peer's configuration database: the *saved* tree (what the pages and `xConfiguration` show)
 * and the *active* tree (what the running system uses). Every write goes through immer's
 * `produceWithPatches`; the patches are what replication and the configuration log carry
 * (STYLE R6): each write's `ConfigChange`s are read back from its patches (the change log lines are
 * rendered from them), and the primary ships them to its subordinates (src/cluster/patchLog.ts). A key with a restart flag changes only `saved` until the next restart, when
 * `activate()` copies it over (DOMAIN §5.5) — `pending()` lists such keys.
 */
import { applyPatches, enablePatches, Immer, type Patch } from 'immer';
import { CONFIG_KEYS, defaultConfig, type Config, type ConfigValue, type RestartAlarm } from './schema.js';
import { checkPeerList, checkValue, requireKey } from './validate.js';
import type { ConfigStoreState, TreeReader, TreeWriter } from '../checkpoint.js';

enablePatches();
/**
 * immer without auto-freeze: its deep freeze walks all ~95 keys on every write and halves the
 * write rate. The trees stay immutable all the same: each new tree is frozen here (values are
 * scalars or already-frozen lists and certificates, see `frozen`).
 */
const immer = new Immer({ autoFreeze: false });

function produceWithPatches(base: Config, recipe: (draft: Record<string, ConfigValue>) => void): [Config, Patch[], Patch[]] {
  const [next, patches, inverse] = immer.produceWithPatches(base, recipe as (d: Record<string, ConfigValue>) => void);
  return [next === base ? base : Object.freeze(next), patches, inverse];
}

/**
 * The changes a write made, read from its patches: every write sets whole top-level keys, so each
 * patch is one key's new value and its inverse the old one, in the order the keys were written.
 */
export function changesOf(patches: readonly Patch[], inverse: readonly Patch[]): ConfigChange[] {
  return patches.map((p, i) => ({ key: String(p.path[0]), from: (inverse[i]?.value ?? null) as ConfigValue, to: (p.value ?? null) as ConfigValue }));
}

/** `values` with `patches` applied (a subordinate applying the primary's changes); `values` is not touched. */
export function applyConfigPatches(values: Readonly<Record<string, ConfigValue>>, patches: readonly Patch[]): Record<string, ConfigValue> {
  return applyPatches(values, patches as Patch[]) as Record<string, ConfigValue>;
}

/** Deep-freeze a value before it enters a tree (lists, certificates, mappings). */
export function frozen<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    for (const x of Object.values(v)) frozen(x);
    Object.freeze(v);
  }
  return v;
}

export interface ConfigChange {
  readonly key: string;
  readonly from: ConfigValue;
  readonly to: ConfigValue;
}

export interface SaveResult {
  /** read from `patches` (changesOf) */
  readonly changes: readonly ConfigChange[];
  readonly patches: readonly Patch[];
  /** the patches that undo this write, one per patch (their values are the old ones) */
  readonly inversePatches: readonly Patch[];
}

const NO_WRITE: SaveResult = { changes: [], patches: [], inversePatches: [] };

export type Edits = Readonly<Record<string, unknown>>;

export class ConfigStore {
  private savedTree: Config;
  private activeTree: Config;

  constructor(initial: Config = defaultConfig()) {
    this.savedTree = frozen(initial);
    this.activeTree = this.savedTree;
  }

  get saved(): Config {
    return this.savedTree;
  }

  get active(): Config {
    return this.activeTree;
  }

  /**
   * Validate every edit (unknown keys, types, ranges, the peer-list rules), then apply all of them,
   * or none. Keys without a restart flag act at once.
   */
  save(edits: Edits): SaveResult {
    const checked: Record<string, ConfigValue> = {};
    let peerList = false;
    for (const k of Object.keys(edits)) {
      const spec = requireKey(k);
      checked[spec.key] = frozen(checkValue(spec, edits[k]));
      peerList ||= spec.key.startsWith('Alternates Peer ');
    }
    if (peerList) checkPeerList({ ...this.savedTree, ...checked });
    return this.commit(this.diff(checked));
  }

  /** Keys whose saved value differs from the active one (they act at the next restart). */
  pending(): string[] {
    if (this.savedTree === this.activeTree) return [];
    return CONFIG_KEYS.filter((s) => s.restart && !sameValue(this.savedTree[s.key], this.activeTree[s.key])).map((s) => s.key);
  }

  /** The restart-required alarms the pending keys call for. */
  pendingAlarms(): Set<RestartAlarm> {
    return new Set(this.pending().map((k) => requireKey(k).restart!));
  }

  /** At restart: everything saved becomes active. */
  activate(): void {
    this.activeTree = this.savedTree;
  }

  /** Copy the saved values of `keys` to the active tree. */
  activateKeys(keys: readonly string[]): void {
    const changes = keys.filter((k) => !sameValue(this.savedTree[k], this.activeTree[k]));
    if (changes.length === 0) return;
    this.activeTree = produceWithPatches(this.activeTree, (d: Record<string, ConfigValue>) => {
      for (const k of changes) d[k] = this.savedTree[k] as never;
    })[0];
  }

  /** Replace both trees at once (factory reset, restore). */
  replaceAll(config: Config): void {
    this.savedTree = frozen(config);
    this.activeTree = this.savedTree;
  }

  /** Replace both trees at once, and say what changed in the saved one (restore). */
  replaceAllWithPatches(config: Config): SaveResult {
    const before = this.savedTree;
    const changed = Object.keys(config).filter((k) => !sameValue(before[k], config[k]));
    const [, patches, inverse] = produceWithPatches(before, (d) => {
      for (const k of changed) d[k] = config[k] ?? null;
    });
    this.replaceAll(config);
    return { changes: changesOf(patches, inverse), patches, inversePatches: inverse };
  }

  /**
   * Apply values that arrive from the primary (replication) without the peer-list rules: they are
   * replicated keys only, already validated on the primary. Restart-flagged keys wait as usual.
   */
  applyReplicated(values: Readonly<Record<string, ConfigValue>>): SaveResult {
    return this.commit(this.diff(frozen(values)));
  }

  /** Both trees for a checkpoint (the same tree twice when nothing is pending). */
  saveState(trees: TreeWriter): ConfigStoreState {
    return { saved: trees.ref(this.savedTree), active: trees.ref(this.activeTree) };
  }

  loadState(state: ConfigStoreState, trees: TreeReader): void {
    this.savedTree = trees.get(state.saved);
    this.activeTree = trees.get(state.active);
  }

  private diff(values: Readonly<Record<string, ConfigValue>>): ConfigChange[] {
    const changes: ConfigChange[] = [];
    for (const key of Object.keys(values)) {
      const to = values[key]!;
      if (!sameValue(this.savedTree[key], to)) changes.push({ key, from: this.savedTree[key] ?? null, to });
    }
    return changes;
  }

  /** Write changes to `saved`, and to `active` for keys that act at once; what changed is read from immer's patches. */
  private commit(changes: readonly ConfigChange[]): SaveResult {
    if (changes.length === 0) return NO_WRITE;
    const nothingPending = this.savedTree === this.activeTree;
    const [nextSaved, patches, inverse] = produceWithPatches(this.savedTree, (d: Record<string, ConfigValue>) => write(d, changes));
    this.savedTree = nextSaved;
    const immediate = changes.filter((c) => !requireKey(c.key).restart);
    // Common case: nothing was pending and everything acts at once — both trees stay one object.
    if (nothingPending && immediate.length === changes.length) this.activeTree = nextSaved;
    else if (immediate.length > 0) {
      this.activeTree = produceWithPatches(this.activeTree, (d: Record<string, ConfigValue>) => write(d, immediate))[0];
    }
    return { changes: changesOf(patches, inverse), patches, inversePatches: inverse };
  }
}

function write(draft: Record<string, ConfigValue>, changes: readonly ConfigChange[]): void {
  for (const c of changes) draft[c.key] = c.to;
}

/** Structural equality for configuration values (scalars, lists, certificates). */
export function sameValue(a: ConfigValue | undefined, b: ConfigValue | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
