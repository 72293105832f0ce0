/**
 * A peer's state as plain JSON, for a world's checkpoint (issue #15): what `Peer.save` writes and
 * `Peer.load` reads back into a peer built the normal way. Configuration trees are immutable and
 * their *identity* is meaningful (the store's "nothing pending" is `saved === active`; the cluster's
 * patch log notices a write it did not hear of by a tree it does not hold), so trees are written
 * once each to a table and referred to by index: the same index loads as the same frozen object.
 */
import type { EventId } from '../../sim/index.js';
import type { Config } from './config/schema.js';
import { frozen } from './config/store.js';
import type { LifecycleState } from './machine.js';
import type { LifecycleTimerState } from './lifecycleTimer.js';
import type { MessageParams } from './messages.js';
import type { AlarmKey } from './alarms.js';
import type { PeerSystem } from './peerTypes.js';

/** Index of a configuration tree in a checkpoint's tree table. */
export type TreeRef = number;

/** Collects the distinct trees a checkpoint refers to, each once. */
export class TreeWriter {
  private readonly ids = new Map<Config, TreeRef>();
  readonly trees: Config[] = [];

  ref(tree: Config): TreeRef {
    let id = this.ids.get(tree);
    if (id === undefined) {
      id = this.trees.length;
      this.ids.set(tree, id);
      this.trees.push(tree);
    }
    return id;
  }
}

/** Gives back the trees of a checkpoint's table: one frozen object per index. */
export class TreeReader {
  private readonly loaded: (Config | undefined)[] = [];

  constructor(private readonly trees: readonly Config[]) {}

  get(ref: TreeRef): Config {
    const tree = this.loaded[ref] ?? (this.loaded[ref] = frozen(this.trees[ref]!));
    return tree;
  }
}

export interface ConfigStoreState {
  readonly saved: TreeRef;
  readonly active: TreeRef;
}

export interface AlarmState {
  readonly key: AlarmKey;
  readonly detail: string;
  readonly raisedAtMs: number;
  readonly params: MessageParams;
}

export interface BackupState {
  readonly name: string;
  readonly serial: string;
  readonly version: string;
  readonly config: TreeRef;
  readonly takenAtMs: number;
}

export interface PeerState {
  readonly system: PeerSystem;
  readonly config: ConfigStoreState;
  readonly alarms: readonly AlarmState[];
  /** oldest first, as Maintenance > Backup lists them */
  readonly backups: readonly BackupState[];
  readonly state: LifecycleState;
  readonly factoryResets: number;
  /** the running Peer N list whose exact restore cancels an armed factory reset, or null */
  readonly resetCancelledBy: readonly string[] | null;
  readonly certificateCheck: EventId | null;
  readonly lifecycleTimer: LifecycleTimerState;
}
