/**
 * The whole network as JSON (issue #15), and back. Saved: defaults, counters, hosts, NAT devices
 * with their mappings, rules in order with held packets, connections, round-trip probes. Packets
 * in flight are the event queue's (named `net.deliver.*` events): the network saves the
 * connections and probes they belong to, and the queue, loaded after the network, finds them.
 * Owners' handlers are not saved: each owner re-attaches its sockets, listeners and connections
 * after the load (see hostSave.ts, tcpSave.ts); `unattached()` lists any that were forgotten.
 */
import { SimError } from '../errors.js';
import { mergeNetDefaults, NET_DEFAULTS, type NetDefaults } from './defaults.js';
import type { Fabric, NetContext, NetStats } from './fabric.js';
import { loadHosts, saveHosts, waitingSockets, type SavedHost } from './hostSave.js';
import type { SavedNat } from './nat.js';
import type { Packet } from './packet.js';
import type { PacketCodec } from './packetCodec.js';
import type { RuleBook, RulesSave } from './ruleBook.js';
import type { Rtt, RttSave } from './rtt.js';
import type { Tcp } from './tcp.js';
import type { TcpSave } from './tcpSave.js';

export interface NetworkSave {
  defaults: NetDefaults;
  stats: NetStats;
  nextPacketId: number;
  lastNatId: number;
  hosts: SavedHost[];
  nats: SavedNat[];
  rules: RulesSave;
  tcp: TcpSave;
  rtt: RttSave;
}

/** @internal */
export class NetworkCheckpoint {
  constructor(
    private readonly ctx: NetContext,
    private readonly fabric: Fabric,
    private readonly tcp: Tcp,
    private readonly rtt: Rtt,
    private readonly book: RuleBook,
    private readonly codec: PacketCodec,
  ) {}

  save(): NetworkSave {
    const ctx = this.ctx;
    const inFlight: Packet[] = [
      ...this.fabric.arrival.tcp.pendingPayloads(), ...this.fabric.arrival.icmp.pendingPayloads(), ...this.book.held(),
    ];
    return {
      defaults: { ...ctx.defaults },
      stats: { ...ctx.stats },
      nextPacketId: ctx.nextPacketId,
      lastNatId: ctx.nats.lastId,
      hosts: saveHosts(ctx.hosts),
      nats: ctx.nats.devices.map((d) => d.save()),
      rules: this.book.save(this.codec),
      tcp: this.tcp.save(inFlight),
      rtt: this.rtt.save(inFlight),
    };
  }

  /** Replace the network's state with a saved one; load the event queue after this. */
  load(saved: NetworkSave): void {
    if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.hosts) || !Array.isArray(saved.nats)) {
      throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the network', why: 'not a saved network' });
    }
    const ctx = this.ctx;
    ctx.defaults = mergeNetDefaults(NET_DEFAULTS, saved.defaults);
    Object.assign(ctx.stats, saved.stats);
    ctx.nextPacketId = saved.nextPacketId;
    ctx.nats.lastId = saved.lastNatId;
    loadHosts(saved.hosts, ctx.hosts);
    ctx.nats.load(saved.nats, ctx.hosts);
    // Connections and probes before rules: a held packet names the connection or probe it belongs to.
    this.tcp.load(saved.tcp);
    this.rtt.load(saved.rtt);
    this.book.load(saved.rules, this.codec);
  }

  /** What was restored and still waits for its owner's handlers. */
  unattached(): string[] {
    return [...waitingSockets(this.ctx.hosts), ...this.tcp.unattached()];
  }
}
