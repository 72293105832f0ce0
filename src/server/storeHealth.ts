/**
 * Whether the store can be written now. A write that fails (disk full, file made read-only, a
 * damaged page) puts the server in a refusing state: it says what is wrong (log and the `problem`
 * the UI shows as a banner), refuses every change with a clear message, keeps serving reads, and
 * probes the store every STORE_RETRY_MS until a write succeeds again.
 */
import { STORE_RETRY_MS } from './limits.js';
import type { LabStore } from './store.js';

/** A change refused or undone because the store could not keep it. */
export class StoreUnwritable extends Error {}

export class StoreHealth {
  /** Why changes are refused now, or undefined while the store takes writes. */
  problem: string | undefined;
  private lastProbeWall = -Infinity;

  constructor(private readonly store: LabStore, private readonly wallNow: () => number, private readonly onChange: (problem: string | undefined) => void) {
    this.problem = store.damage;
    if (this.problem) onChange(this.problem);
  }

  /** Runs a store write; a failure turns the server to refusing and throws StoreUnwritable. */
  write<T>(what: () => T): T {
    if (this.problem) throw new StoreUnwritable(this.problem);
    try {
      return what();
    } catch (e) {
      this.fail(e);
      throw new StoreUnwritable(this.problem!);
    }
  }

  /** While refusing, tries a small write now and then; true when the store takes writes again. */
  recover(): boolean {
    if (!this.problem) return true;
    if (this.store.damage) return false;
    const now = this.wallNow();
    if (now - this.lastProbeWall < STORE_RETRY_MS) return false;
    this.lastProbeWall = now;
    try {
      this.store.probe();
    } catch {
      return false;
    }
    this.problem = undefined;
    this.onChange(undefined);
    return true;
  }

  private fail(e: unknown): void {
    const cause = (e as { code?: unknown }).code;
    this.problem = `the lab store cannot be written (${typeof cause === 'string' ? `${cause}: ` : ''}${(e as Error).message})`;
    this.lastProbeWall = this.wallNow();
    this.onChange(this.problem);
  }
}
