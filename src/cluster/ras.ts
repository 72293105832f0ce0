/**
 * H.323 RAS liveness between peers on UDP 1719 (DOMAIN §4.1, §10.2 B, §11.4): every
 * `rasPeerQueryPeriodMs` a peer sends SCI to each other peer and expects SCR. An unanswered query
 * starts the seed's retransmit sequence (SCI and LRQ with Retransmit=True, "gatekeeper timed out",
 * Timeout=True) and marks the peer dead. A peer answers only with H.323 mode On and only a sender
 * at a configured peer address — so H.323 off or NAT between peers shows up here, as in the product.
 */
import type { Datagram, UdpSocket } from '../../sim/index.js';
import { logLines, TIMINGS } from '../expressway/index.js';
import type { RasContext } from './context.js';
import { RAS_PORT, type RasMessage } from './protocol.js';
import type { PeerLink } from './links.js';
import { sameFamily } from './names.js';
import type { ServiceTimer } from './serviceTimers.js';

/** One line of the seed's retransmit sequence, due later (DOMAIN §10.2 B). */
interface SequenceLine {
  readonly link: number;
  readonly host: string;
  readonly ip: string;
  readonly message: 'SCI' | 'LRQ';
  readonly seqNum: number;
  readonly flag: 'Retransmit' | 'Timeout';
  /** the query being retransmitted */
  readonly sci: number;
}

export interface RasSocketState {
  readonly seqNum: number;
  /** the address the RAS socket is bound to, or null */
  readonly bound: string | null;
}

export class Ras {
  private socket: UdpSocket | undefined;
  private bound: string | undefined;
  private seqNum: number;
  private readonly querying: ServiceTimer<undefined>;
  private readonly sequenceLine: ServiceTimer<SequenceLine>;
  private readonly timedOut: ServiceTimer<{ link: number; host: string; ip: string; lrq: number }>;

  constructor(private readonly node: RasContext) {
    this.seqNum = node.random.int(10_000, 60_000);
    this.querying = node.timer('cluster.ras.query', () => this.query());
    this.sequenceLine = node.timer('cluster.ras.line', (l) => this.logLine(l));
    this.timedOut = node.timer('cluster.ras.timeout', (t) => this.gatekeeperTimedOut(t.link, t.host, t.ip, t.lrq));
  }

  private get h323On(): boolean {
    return this.node.peer.config.active['H323 Mode'] === 'On';
  }

  saveState(): RasSocketState {
    return { seqNum: this.seqNum, bound: this.bound ?? null };
  }

  loadState(s: RasSocketState): void {
    this.seqNum = s.seqNum;
    this.bound = s.bound ?? undefined;
    this.socket = this.bound === undefined ? undefined : this.node.net.reattachUdp(this.node.host, RAS_PORT, (d) => this.received(d), { address: this.bound });
  }

  start(): void {
    const node = this.node;
    if (!node.clusterIp || node.net.ownerOf(node.clusterIp)?.host !== node.host) return;
    this.bound = node.clusterIp;
    this.socket = node.net.bindUdp(node.host, RAS_PORT, (d) => this.received(d), { address: node.clusterIp });
    this.querying.every(TIMINGS.rasPeerQueryPeriodMs, undefined, node.nowMs + node.random.int(0, TIMINGS.rasPeerQueryPeriodMs - 1));
  }

  stop(): void {
    this.socket?.close();
    this.socket = undefined;
    this.bound = undefined;
  }

  private send(link: PeerLink, msg: RasMessage): void {
    const node = this.node;
    if (!this.socket || !link.resolution?.ok || !sameFamily(node.clusterIp, link.resolution.ip)) return;
    node.net.sendUdp({ host: node.host, address: node.clusterIp, port: RAS_PORT }, { address: link.resolution.ip, port: RAS_PORT }, msg, 120);
  }

  private query(): void {
    const node = this.node;
    if (!this.h323On) return this.silence();
    if (!node.configured) return;
    for (const link of node.links.all) {
      if (!link.resolution?.ok) continue;
      if (link.rasAwaiting && (link.ras === 'alive' || link.ras === 'unknown')) {
        this.retransmit(link);
        continue;
      }
      if (link.ras === 'retrying') continue;
      node.links.rasQueried(link, this.seqNum++);
      this.send(link, { type: 'SCI', seqNum: link.rasSeqNum });
    }
  }

  /** The seed's sequence from the first retransmit (DOMAIN §10.2 B); any SCR on the way ends it. */
  private retransmit(link: PeerLink): void {
    const node = this.node;
    node.links.rasRetrying(link);
    node.refreshAlarms();
    const sci = link.rasSeqNum;
    const lrq = this.seqNum++;
    const host = node.peer.hostName;
    const ip = link.resolution?.ok ? link.resolution.ip : link.address;
    const line = (message: 'SCI' | 'LRQ', seqNum: number, flag: 'Retransmit' | 'Timeout'): SequenceLine => ({ link: link.id, host, ip, message, seqNum, flag, sci });
    const lrqStep = TIMINGS.rasLrqRetransmitIntervalMs;
    const sciStep = TIMINGS.rasSciRetransmitIntervalMs;
    this.logLine(line('SCI', sci, 'Retransmit'));
    this.sequenceLine.after(lrqStep / 2, line('LRQ', lrq, 'Retransmit'));
    this.sequenceLine.after(lrqStep / 2 + lrqStep, line('LRQ', lrq, 'Retransmit'));
    this.sequenceLine.after(sciStep, line('SCI', sci, 'Retransmit'));
    this.timedOut.after(TIMINGS.gatekeeperTimeoutMs, { link: link.id, host, ip, lrq });
    this.sequenceLine.after(2 * sciStep, line('SCI', sci, 'Timeout'));
  }

  /** A line of the sequence, while the peer is still unanswered (the link as it is now, even if it left the list since). */
  private logLine(l: SequenceLine): void {
    const link = this.node.links.byId(l.link);
    if (!link || (link.ras !== 'retrying' && link.ras !== 'dead')) return;
    this.node.log(logLines.rasSentLine({ atMs: this.node.nowMs, host: l.host, dstIp: l.ip, message: l.message, seqNum: l.seqNum, flag: l.flag }));
    // Both retransmits probe the peer; the twin answers only SCI, so send that.
    if (l.flag === 'Retransmit') this.send(link, { type: 'SCI', seqNum: l.sci });
  }

  private gatekeeperTimedOut(id: number, host: string, ip: string, lrq: number): void {
    const node = this.node;
    const link = node.links.byId(id);
    if (!link || link.ras !== 'retrying') return;
    node.links.rasDead(link);
    node.log(logLines.gatekeeperTimeoutLine({ atMs: node.nowMs, host, peerAddress: ip }));
    node.log(logLines.rasSentLine({ atMs: node.nowMs, host, dstIp: ip, message: 'LRQ', seqNum: lrq, flag: 'Timeout' }));
    node.trace.emit(node.host, 'cluster.ras.dead', { peer: link.address });
    node.refreshAlarms();
  }

  /** With H.323 off this peer runs no RAS at all: its view of the others' liveness is unknown (20018 is the symptom). */
  private silence(): void {
    const links = this.node.links;
    const stale = links.all.filter((l) => links.rasSilenced(l));
    if (stale.length > 0) this.node.refreshAlarms();
  }

  private received(d: Datagram): void {
    const node = this.node;
    const msg = d.payload as RasMessage;
    const link = node.links.forIp(d.src.address);
    if (msg.type === 'SCI') {
      // Answer only a configured peer, and only with H.323 on (DOMAIN §3 R14).
      if (!link || !this.h323On || !node.configured) return;
      node.net.sendUdp({ host: node.host, address: node.clusterIp, port: RAS_PORT }, { address: d.src.address, port: d.src.port }, { type: 'SCR', seqNum: msg.seqNum }, 120);
      return;
    }
    if (!link) return;
    if (node.links.rasAnswered(link)) node.refreshAlarms();
  }
}
