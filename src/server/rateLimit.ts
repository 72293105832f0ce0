/**
 * A per-client rate bound: at most `max` uses per `windowMs` of wall time for each client (its
 * address). Clients are forgotten once their window has passed, and at most MAX_RATE_CLIENTS are
 * remembered at once (beyond that, the oldest is forgotten): the bound itself cannot fill memory.
 */
import { MAX_RATE_CLIENTS } from './limits.js';

export class RateLimit {
  /** client → wall times of its uses within the window, oldest first */
  private readonly uses = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly wallNow: () => number) {}

  /** Counts a use by `client`; false (nothing counted) when it is over its bound. */
  take(client: string): boolean {
    const now = this.wallNow();
    const recent = (this.uses.get(client) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.max) {
      this.uses.set(client, recent);
      return false;
    }
    recent.push(now);
    this.uses.delete(client);
    this.uses.set(client, recent);
    if (this.uses.size > MAX_RATE_CLIENTS) this.uses.delete(this.uses.keys().next().value!);
    return true;
  }

  /** Whole seconds until `client` may try again (for Retry-After). */
  retryAfterS(client: string): number {
    const oldest = this.uses.get(client)?.[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + this.windowMs - this.wallNow()) / 1000));
  }
}
