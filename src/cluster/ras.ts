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

export class Ras {
  private socket: UdpSocket | undefined;
  private seqNum: number;

  constructor(private readonly node: RasContext) {
    this.seqNum = node.random.int(10_000, 60_000);
  }

  private get h323On(): boolean {
    return this.node.peer.config.active['H323 Mode'] === 'On';
  }

  start(): void {
    const node = this.node;
    if (!node.clusterIp || node.net.ownerOf(node.clusterIp)?.host !== node.host) return;
    this.socket = node.net.bindUdp(node.host, RAS_PORT, (d) => this.received(d), { address: node.clusterIp });
    node.every(TIMINGS.rasPeerQueryPeriodMs, () => this.query(), node.nowMs + node.random.int(0, TIMINGS.rasPeerQueryPeriodMs - 1));
  }

  stop(): void {
    this.socket?.close();
    this.socket = undefined;
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
    const line = (message: 'SCI' | 'LRQ', seqNum: number, flag: 'Retransmit' | 'Timeout') => () => {
      if (link.ras !== 'retrying' && link.ras !== 'dead') return;
      node.log(logLines.rasSentLine({ atMs: node.nowMs, host, dstIp: ip, message, seqNum, flag }));
      // Both retransmits probe the peer; the twin answers only SCI, so send that.
      if (flag === 'Retransmit') this.send(link, { type: 'SCI', seqNum: sci });
    };
    const lrqStep = TIMINGS.rasLrqRetransmitIntervalMs;
    const sciStep = TIMINGS.rasSciRetransmitIntervalMs;
    line('SCI', sci, 'Retransmit')();
    node.after(lrqStep / 2, line('LRQ', lrq, 'Retransmit'));
    node.after(lrqStep / 2 + lrqStep, line('LRQ', lrq, 'Retransmit'));
    node.after(sciStep, line('SCI', sci, 'Retransmit'));
    node.after(TIMINGS.gatekeeperTimeoutMs, () => {
      if (link.ras !== 'retrying') return;
      node.links.rasDead(link);
      node.log(logLines.gatekeeperTimeoutLine({ atMs: node.nowMs, host, peerAddress: ip }));
      node.log(logLines.rasSentLine({ atMs: node.nowMs, host, dstIp: ip, message: 'LRQ', seqNum: lrq, flag: 'Timeout' }));
      node.trace.emit(node.host, 'cluster.ras.dead', { peer: link.address });
      node.refreshAlarms();
    });
    node.after(2 * sciStep, line('SCI', sci, 'Timeout'));
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
