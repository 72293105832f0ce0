/**
 * One peer's configuration database: the *saved* tree (what the pages and `xConfiguration` show)
 * and the *active* tree (what the running system uses). Every write goes through immer's
 * `produceWithPatches`; the patches are what replication and the configuration log carry
 * (STYLE R6). A key with a restart flag changes only `saved` until the next restart, when
 * `activate()` copies it over (DOMAIN §5.5) — `pending()` lists such keys.
 */
import { enablePatches, Immer, type Patch } from 'immer';
import { CONFIG_KEYS, defaultConfig, type Config, type ConfigValue, type RestartAlarm } from './schema.js';
import { checkPeerList, checkValue, requireKey } from './validate.js';

enablePatches();
/**
 * immer without auto-freeze: its deep freeze walks all ~95 keys on every write and halves the
 * write rate. The trees stay immutable all the same: each new tree is frozen here (values are
 * scalars or already-frozen lists and certificates, see `frozen`).
 */
const immer = new Immer({ autoFreeze: false });

function produceWithPatches(base: Config, recipe: (draft: Record<string, ConfigValue>) => void): [Config, Patch[]] {
  const [next, patches] = immer.produceWithPatches(base, recipe as (d: Record<string, ConfigValue>) => void);
  return [next === base ? base : Object.freeze(next), patches];
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
  readonly changes: readonly ConfigChange[];
  readonly patches: readonly Patch[];
}

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
    const changes = this.diff(checked);
    return { changes, patches: this.commit(changes) };
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

  /** Replace both trees at once (factory reset, restore, ForceConfigUpdate). */
  replaceAll(config: Config): void {
    this.savedTree = frozen(config);
    this.activeTree = this.savedTree;
  }

  /**
   * Apply values that arrive from the primary (replication) without the peer-list rules: they are
   * replicated keys only, already validated on the primary. Restart-flagged keys wait as usual.
   */
  applyReplicated(values: Readonly<Record<string, ConfigValue>>): ConfigChange[] {
    const changes = this.diff(frozen(values));
    this.commit(changes);
    return changes;
  }

  private diff(values: Readonly<Record<string, ConfigValue>>): ConfigChange[] {
    const changes: ConfigChange[] = [];
    for (const key of Object.keys(values)) {
      const to = values[key]!;
      if (!sameValue(this.savedTree[key], to)) changes.push({ key, from: this.savedTree[key] ?? null, to });
    }
    return changes;
  }

  /** Write changes to `saved`, and to `active` for keys that act at once. Returns immer's patches. */
  private commit(changes: readonly ConfigChange[]): Patch[] {
    if (changes.length === 0) return [];
    const nothingPending = this.savedTree === this.activeTree;
    const [nextSaved, patches] = produceWithPatches(this.savedTree, (d: Record<string, ConfigValue>) => write(d, changes));
    this.savedTree = nextSaved;
    const immediate = changes.filter((c) => !requireKey(c.key).restart);
    // Common case: nothing was pending and everything acts at once — both trees stay one object.
    if (nothingPending && immediate.length === changes.length) this.activeTree = nextSaved;
    else if (immediate.length > 0) {
      this.activeTree = produceWithPatches(this.activeTree, (d: Record<string, ConfigValue>) => write(d, immediate))[0];
    }
    return patches;
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
