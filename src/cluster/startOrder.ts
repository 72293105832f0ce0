/**
 * Boot order (DOMAIN §3 R20, §6.15): "primary must start first — if others start first they may try
 * to take control, leaving an inconsistent state hard to recover", with 20024 "Cluster is in
 * inconsistent state" as the symptom (DOMAIN's mapping of 20024 to R20 is INFERRED, and so is ours).
 *
 * R20 is a rule for forming and changing a cluster in the right order. The twin's reading, each part
 * an assumption (DOMAIN names no mechanism):
 * - Out of order: a member subordinate goes down (restart, reboot, power cut) with cluster settings
 *   saved that take effect at this restart (a TLS mode change, a new list) while its primary's
 *   database had closed its link to it in an orderly way and not spoken since (no hello) — the
 *   operator restarted the primary and did not wait for it. A primary lost to a power cut or a
 *   partition closes nothing, so a subordinate restarted meanwhile is not out of order: the operator
 *   could not have known.
 * - Such a subordinate, when it boots, waits `waitForPrimaryAtBootMs` for its primary's database to
 *   link to it, and knocks on the primary's cluster-database port (TCP 4372, DOMAIN §4.1) halfway
 *   and at the end. Refused both times, with no link from the primary in between, the box answers
 *   but its database has not started: this subordinate started first and takes control. An answer
 *   (the database runs, it just has not linked: a name it cannot resolve, a network that healed a
 *   moment ago) or a knock that times out (primary powered off, cut off) proves nothing: it stays a
 *   subordinate. The knock hangs up at once; the primary's side sees a connection close before any
 *   hello, as it would from any peer that gave up.
 * - Control lasts until that subordinate restarts: a boot that puts no cluster change into effect
 *   brings it back as a subordinate, which waits for its primary and joins it. So the X15.4 restart
 *   order "Master > Peer > Peer" (DOMAIN §6.15) is the way back; DOMAIN's own remedy is to recreate
 *   the cluster. A settled peer that merely comes back from a restart or power cut never takes
 *   control, nor does a peer still joining (it has no cluster database of its own yet).
 * A boot with nothing out of order judges nothing: no timer, no packet, no trace event.
 *
 * The verdict goes out in hellos and in a `start-order` message; clusterAlarms.ts raises 20024 on
 * the subordinate and on every peer whose database link to it is up.
 */
import type { Connection, ConnectionHandlers, ConnectionRef, Json } from '../../sim/index.js';
import type { DbLinksContext, LinkEvent } from './context.js';
import type { ServiceTimer } from './serviceTimers.js';
import type { PeerLink } from './links.js';
import { CLUSTER_DB_PORT } from './protocol.js';
import { CLUSTER_TIMINGS } from './timings.js';

/** What the boot-order check uses of the node. */
export type StartOrderContext = Pick<DbLinksContext, 'host' | 'clusterIp' | 'joined' | 'isPrimary' | 'primaryIndex' | 'links' | 'net' | 'refreshAlarms' | 'timer'>;

/** Knocks on the primary's database port during the wait: halfway and at the end. */
const PROBES = 2;

export interface StartOrderState {
  readonly verdict: boolean;
  readonly judging: boolean;
  readonly primaryStopped: boolean;
  readonly changeAwaitingBoot: boolean;
  readonly knock: { readonly ref: Json; readonly left: number } | null;
}

export class StartOrder {
  /** this subordinate started before its primary and holds control of the cluster database */
  private verdict = false;
  /** this boot waits for the primary before judging */
  private judging = false;
  /** the primary's database closed its link to this peer and has not spoken (hello) since */
  private primaryStopped = false;
  /** the services went down out of order with cluster settings that take effect at the next boot */
  private changeAwaitingBoot = false;

  /** the knock on the primary's port in flight, and the knocks after it (a checkpoint re-attaches it) */
  private knock: { conn: Connection; left: number } | undefined;
  private readonly probing: ServiceTimer<number>;

  /** `announce` tells the linked peers when it takes control after the hellos went out */
  constructor(private readonly node: StartOrderContext, private readonly announce: (startedBeforePrimary: boolean) => void) {
    this.probing = node.timer<number>('cluster.start-order.probe', (left) => this.probe(left));
  }

  /** For a checkpoint (issue #15): the judgement, and a knock in flight by the network's reference. */
  saveState(): StartOrderState {
    const live = this.knock && (this.knock.conn.state === 'connecting' || this.knock.conn.state === 'open');
    return {
      verdict: this.verdict, judging: this.judging, primaryStopped: this.primaryStopped, changeAwaitingBoot: this.changeAwaitingBoot,
      knock: live ? { ref: this.node.net.connectionRef(this.knock!.conn) as unknown as Json, left: this.knock!.left } : null,
    };
  }

  loadState(s: StartOrderState): void {
    this.verdict = s.verdict;
    this.judging = s.judging;
    this.primaryStopped = s.primaryStopped;
    this.changeAwaitingBoot = s.changeAwaitingBoot;
    this.knock = undefined;
    if (s.knock) this.knock = { conn: this.node.net.reattachConnection(s.knock.ref as unknown as ConnectionRef, this.knockHandlers(s.knock.left)), left: s.knock.left };
  }

  /** This subordinate started before its primary and holds control of the cluster database. */
  get startedBeforePrimary(): boolean {
    return this.verdict;
  }

  /** The services went down; `clusterChangePending` = a member with cluster settings saved that take effect at this restart. */
  wentDown(clusterChangePending: boolean): void {
    this.changeAwaitingBoot ||= clusterChangePending && this.primaryStopped;
  }

  /** The services start (a boot), before any link: a restart gives control up; judge only a boot out of order. */
  start(): void {
    this.judging = this.changeAwaitingBoot;
    this.changeAwaitingBoot = false;
    this.primaryStopped = false;
    this.verdict = false;
    if (!this.judging) return;
    this.probeLater(PROBES);
  }

  linkEvent(link: PeerLink, how: LinkEvent): void {
    if (link.index !== this.node.primaryIndex || this.node.isPrimary) return;
    this.primaryStopped = how === 'closed';
    // The primary's database spoke within the wait: it runs, and this subordinate joins it as usual.
    if (how !== 'closed' && this.judging) this.settle(false);
  }

  private probeLater(left: number): void {
    this.probing.after(CLUSTER_TIMINGS.waitForPrimaryAtBootMs / PROBES, left - 1);
  }

  /** The primary has not linked yet: does its box refuse its database port? `left` knocks follow this one. */
  private probe(left: number): void {
    if (!this.judging) return;
    const node = this.node;
    const primary = node.links.at(node.primaryIndex);
    if (!node.joined || node.isPrimary || !primary?.resolution?.ok) return this.settle(false);
    const conn = node.net.connect({ host: node.host, address: node.clusterIp }, { address: primary.resolution.ip, port: CLUSTER_DB_PORT }, this.knockHandlers(left));
    this.knock = { conn, left };
  }

  private knockHandlers(left: number): ConnectionHandlers {
    return {
      onOpen: (c) => {
        this.knock = undefined;
        c.close();
        this.settle(false);
      },
      onRefused: () => {
        this.knock = undefined;
        return left > 0 ? this.probeLater(left) : this.settle(true);
      },
      onTimeout: () => {
        this.knock = undefined;
        this.settle(false);
      },
    };
  }

  /** End this boot's judgement: `tookControl` or it stays a subordinate. */
  private settle(tookControl: boolean): void {
    if (!this.judging) return;
    this.judging = false;
    if (!tookControl) return;
    this.verdict = true;
    this.announce(true);
    this.node.refreshAlarms();
  }
}
