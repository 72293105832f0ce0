/**
 * The simulated network as one value (after Maelstrom): hosts, rules, NAT, datagrams, connections
 * and round trips, all on the event queue's virtual clock and the `net` random stream. This class is
 * the façade: it validates, applies, writes the control-plane trace (`net.host.*`, `net.link.*`,
 * `net.rule.*`, `net.nat.*`) and tells live connections that the world changed. Everything can
 * change mid-run, because faults are injected mid-run.
 */
import type { EventQueue } from '../queue.js';
import type { Rng } from '../random.js';
import type { Trace } from '../trace.js';
import { parseAddress } from './address.js';
import type { Connection, ConnectionHandlers, ConnectionRef, TcpEnd } from './connection.js';
import { NET_DEFAULTS, mergeNetDefaults, type NetDefaults } from './defaults.js';
import { Fabric, type NetContext, type NetStats } from './fabric.js';
import { HostTable, type AddressOwner, type InterfaceSpec } from './host.js';
import { NatTable, type NatHandle, type NatOptions } from './nat.js';
import type { PartitionOptions } from './partition.js';
import { RuleBook } from './ruleBook.js';
import { Rtt } from './rtt.js';
import {
  NetChance,
  type DuplicateOptions, type HoldHandle, type LatencyOptions, type LossOptions, type PathSelector,
  type ReorderOptions, type RuleHandle, type RuleInfo,
} from './rules.js';
import { listen, listenSocket, type AcceptHandler, type ListenSocket } from './listen.js';
import { Tcp } from './tcp.js';
import { Udp, udpSocket, checkPort, type DatagramHandler, type UdpDestination, type UdpSocket, type UdpSource } from './udp.js';
import { PacketCodec } from './packetCodec.js';
import { NetworkCheckpoint, type NetworkSave } from './networkSave.js';
import { findSocket } from './hostSave.js';
import { parseAddressCached } from './address.js';
import type { RttCallback } from './rtt.js';
import type { NatDevice } from './nat.js';

export interface NetworkOptions {
  queue: EventQueue;
  rng: Rng;
  trace: Trace;
  /** overrides of `NET_DEFAULTS` */
  defaults?: Partial<NetDefaults>;
}

/** One address of a host, as `addressesOf` lists it. */
export interface HostAddress {
  readonly iface: string;
  readonly family: 4 | 6;
  readonly address: string;
  readonly prefixLength: number | undefined;
  readonly up: boolean;
}

/**
 * A simulated IP network between named hosts.
 *
 * @example
 * const queue = new EventQueue();
 * const net = new Network({ queue, rng: Rng.fromSeed(1), trace: new Trace(queue) });
 * net.addHost('a'); net.addInterface('a', { name: 'lan1', ipv4: '10.0.0.1' });
 * net.addHost('b'); net.addInterface('b', { name: 'lan1', ipv4: '10.0.0.2' });
 * net.bindUdp('b', 1719, (d) => console.log(d.payload, 'from', d.src.address));
 * net.sendUdp({ host: 'a', port: 1719 }, { address: '10.0.0.2', port: 1719 }, 'hello');
 * queue.runUntilIdle();
 */
export class Network {
  private readonly ctx: NetContext;
  private readonly fabric: Fabric;
  private readonly udp: Udp;
  private readonly tcp: Tcp;
  private readonly rtt: Rtt;
  private readonly book: RuleBook;
  private readonly checkpoint: NetworkCheckpoint;

  constructor(options: NetworkOptions) {
    const nats = new NatTable();
    this.ctx = {
      queue: options.queue,
      trace: options.trace,
      chance: new NetChance(options.rng.stream('net')),
      defaults: mergeNetDefaults(NET_DEFAULTS, options.defaults),
      hosts: new HostTable((address) => {
        const nat = nats.byPublic.get(address);
        return nat ? `NAT ${nat.name}` : undefined;
      }),
      rules: [],
      nats,
      stats: { sent: 0, delivered: 0, dropped: 0 },
      nextPacketId: 0,
    };
    const codec = new PacketCodec(this.ctx.hosts);
    this.fabric = new Fabric(this.ctx, codec);
    this.udp = new Udp(this.ctx, this.fabric);
    this.tcp = new Tcp(this.ctx, this.fabric, codec);
    this.rtt = new Rtt(this.ctx, this.fabric);
    codec.targets = {
      save: (p) => (p.proto === 'tcp' ? this.tcp.saveTarget(p) : p.proto === 'icmp' ? this.rtt.saveTarget(p) : null),
      load: (proto, json, p) => (proto === 'tcp' ? this.tcp.loadTarget(json, p) : proto === 'icmp' ? this.rtt.loadTarget(json) : undefined),
    };
    this.book = new RuleBook(this.ctx, () => this.tcp.paths.reevaluateAll(), (p) => this.fabric.resume[p.proto](p));
    this.checkpoint = new NetworkCheckpoint(this.ctx, this.fabric, this.tcp, this.rtt, this.book, codec);
  }

  // Checkpoints (issue #15)

  /** The network as plain JSON; packets in flight are saved by the event queue. */
  save(): NetworkSave {
    return this.checkpoint.save();
  }

  /**
   * Replace the state with a saved one (no trace events). Then each owner re-attaches its handlers
   * (`reattachUdp`, `reattachListener`, `reattachConnection`, rule and NAT handles by id), and the
   * event queue loads last.
   */
  load(saved: NetworkSave): void {
    this.checkpoint.load(saved);
  }

  /** Restored sockets, listeners and live connection ends whose owners have not re-attached (should be none). */
  unattached(): string[] {
    return this.checkpoint.unattached();
  }

  /** Give a restored UDP binding its handler again; returns its socket. */
  reattachUdp(host: string, port: number, handler: DatagramHandler, options: { address?: string } = {}): UdpSocket {
    const h = this.ctx.hosts.get(host);
    checkPort(port);
    const address = options.address === undefined ? undefined : parseAddressCached(options.address).text;
    const binding = findSocket(h, h.udp.get(port), address, 'UDP port', port);
    binding.handler = handler;
    return udpSocket(h, port, binding);
  }

  /** Give a restored listener its accept handler again; returns its socket. */
  reattachListener(host: string, port: number, onAccept: AcceptHandler, options: { address?: string } = {}): ListenSocket {
    const h = this.ctx.hosts.get(host);
    checkPort(port);
    const address = options.address === undefined ? undefined : parseAddressCached(options.address).text;
    const listener = findSocket(h, h.listeners.get(port), address, 'the listener on port', port);
    listener.onAccept = onAccept;
    return listenSocket(h, port, listener);
  }

  /** What an owner saves about a connection it holds, to re-attach it after a restore. */
  connectionRef(conn: Connection): ConnectionRef {
    const end = conn as TcpEnd;
    return { id: end.id, side: end.side, host: end.host, local: { ...end.local }, remote: { ...end.remote }, state: end.state };
  }

  /**
   * Give a restored connection end its handlers again (from the ref saved with `connectionRef`).
   * A connection that had finished comes back finished (sending throws, closing does nothing).
   */
  reattachConnection(ref: ConnectionRef, handlers: ConnectionHandlers): Connection {
    return this.tcp.reattach(ref, handlers);
  }

  /** The handle of an installed rule, by id (for owners of a restored world). */
  ruleHandle(id: number): RuleHandle | undefined {
    return this.book.handleOf(id);
  }

  /** The handle of an installed NAT device, by id (for owners of a restored world). */
  natHandle(id: number): NatHandle | undefined {
    const device = this.ctx.nats.devices.find((d) => d.id === id);
    return device ? this.natHandleOf(device) : undefined;
  }

  /** The defaults in force now. */
  get defaults(): Readonly<NetDefaults> {
    return this.ctx.defaults;
  }

  /** Change defaults mid-run (e.g. base latency); later packets use them. Validated first. */
  setDefaults(changes: Partial<NetDefaults>): void {
    this.ctx.defaults = mergeNetDefaults(this.ctx.defaults, changes);
    this.ctx.trace.emit('net', 'net.defaults', { ...changes });
  }

  /** Counters since creation (a copy). */
  stats(): NetStats {
    return { ...this.ctx.stats };
  }

  // Hosts and interfaces

  addHost(name: string): void {
    this.ctx.hosts.addHost(name);
    this.ctx.trace.emit('net', 'net.host.add', { host: name });
  }

  hasHost(name: string): boolean {
    return this.ctx.hosts.hosts.has(name);
  }

  hostNames(): string[] {
    return [...this.ctx.hosts.hosts.keys()];
  }

  isHostUp(name: string): boolean {
    return this.ctx.hosts.get(name).up;
  }

  addInterface(host: string, spec: InterfaceSpec): void {
    const iface = this.ctx.hosts.addInterface(host, spec);
    this.ctx.trace.emit('net', 'net.iface.add', { host, iface: iface.name, ipv4: iface.ipv4, ipv6: iface.ipv6 });
  }

  removeInterface(host: string, name: string): void {
    this.ctx.hosts.removeInterface(host, name);
    this.ctx.trace.emit('net', 'net.iface.remove', { host, iface: name });
    this.tcp.paths.reevaluateAll();
  }

  /**
   * New addresses on an existing interface, in its place (a host renumbered by its operator):
   * connections on the old addresses lose their path; nothing else of the host changes.
   */
  renumberInterface(host: string, name: string, spec: Omit<InterfaceSpec, 'name'>): void {
    const iface = this.ctx.hosts.renumberInterface(host, name, spec);
    this.ctx.trace.emit('net', 'net.iface.renumber', { host, iface: name, ipv4: iface.ipv4, ipv6: iface.ipv6 });
    this.tcp.paths.reevaluateAll();
  }

  /** Link down/up on one interface. */
  setInterfaceUp(host: string, name: string, up: boolean): void {
    const iface = this.ctx.hosts.iface(host, name);
    if (iface.up === up) return;
    iface.up = up;
    this.ctx.trace.emit('net', up ? 'net.link.up' : 'net.link.down', { host, iface: name });
    this.tcp.paths.reevaluateAll();
  }

  /** Power: a down host sends and receives nothing, and its connections are abandoned. */
  setHostUp(name: string, up: boolean): void {
    const host = this.ctx.hosts.get(name);
    if (host.up === up) return;
    host.up = up;
    this.ctx.trace.emit('net', up ? 'net.host.up' : 'net.host.down', { host: name });
    if (!up) this.tcp.paths.hostDown(host);
    this.tcp.paths.reevaluateAll();
  }

  /** Which host and interface own `address` (an invalid address throws). */
  ownerOf(address: string): AddressOwner | undefined {
    const iface = this.ctx.hosts.ownerOf(parseAddress(address).text);
    return iface ? { host: iface.host.name, iface: iface.name } : undefined;
  }

  /** Every address of `host`, interface by interface, IPv4 before IPv6. */
  addressesOf(host: string): HostAddress[] {
    const out: HostAddress[] = [];
    for (const i of this.ctx.hosts.get(host).ifaces) {
      if (i.ipv4 !== undefined) out.push({ iface: i.name, family: 4, address: i.ipv4, prefixLength: i.ipv4PrefixLength, up: i.up });
      if (i.ipv6 !== undefined) out.push({ iface: i.name, family: 6, address: i.ipv6, prefixLength: i.ipv6PrefixLength, up: i.up });
    }
    return out;
  }

  // Rules (STYLE R10): install order is evaluation order; each handle's remove() heals.

  /** Add `latencyMsMean ± latencyMsJitter` to matching packets (on top of the base latency). */
  latency(options: LatencyOptions): RuleHandle {
    return this.book.latency(options);
  }

  /** Drop matching datagrams with probability `lossRatio` (connections retransmit instead). */
  loss(options: LossOptions): RuleHandle {
    return this.book.loss(options);
  }

  /** Deliver one extra copy of a matching datagram with probability `duplicateRatio`. */
  duplicate(options: DuplicateOptions): RuleHandle {
    return this.book.duplicate(options);
  }

  /** Hold back a share `reorderRatio` of matching packets by `reorderDelayMs`, so later ones overtake. */
  reorder(options: ReorderOptions): RuleHandle {
    return this.book.reorder(options);
  }

  /** Block traffic between two groups of hosts or addresses: both ways, or A → B with `oneWay`. */
  partition(groupA: readonly string[], groupB: readonly string[], options: PartitionOptions = {}): RuleHandle {
    return this.book.partition(groupA, groupB, options);
  }

  /** Keep matching packets until `release()`, then send them on in order. */
  hold(options: PathSelector = {}): HoldHandle {
    return this.book.hold(options);
  }

  /** Remove every partition (other rules stay). */
  heal(): void {
    this.book.heal();
  }

  /** Remove every rule; the base latency (the defaults) stays. */
  clearRules(): void {
    this.book.clear();
  }

  /** The installed rules, in install (= evaluation) order. */
  rules(): RuleInfo[] {
    return this.book.list();
  }

  // NAT

  /** Put a NAT device in front of `inside` hosts. Conflicts throw XTW_ERR_SIM_NAT_CONFLICT. */
  addNat(options: NatOptions): NatHandle {
    const d = this.ctx.defaults;
    const device = this.ctx.nats.add(this.ctx.hosts, ++this.ctx.nats.lastId, options,
      { first: d.ephemeralPortFirst, last: d.ephemeralPortLast });
    this.ctx.trace.emit('net', 'net.nat.add', {
      id: device.id, name: device.name, kind: device.kind, inside: [...device.inside], publicAddress: device.publicAddress,
    });
    return this.natHandleOf(device);
  }

  private natHandleOf(device: NatDevice): NatHandle {
    return {
      id: device.id,
      name: device.name,
      publicAddress: device.publicAddress,
      remove: () => {
        if (!this.ctx.nats.remove(device, this.ctx.hosts)) return;
        this.ctx.trace.emit('net', 'net.nat.remove', { id: device.id, name: device.name });
        this.tcp.paths.reevaluateAll();
      },
    };
  }

  // Datagrams

  /** Bind `handler` to a UDP port on `host` (all its addresses, or one). A port in use throws. */
  bindUdp(host: string, port: number, handler: DatagramHandler, options: { address?: string } = {}): UdpSocket {
    return this.udp.bind(host, port, handler, options);
  }

  /** Send a datagram. Anything that stops it on the way is a silent drop, recorded in the trace. */
  sendUdp(from: UdpSource, to: UdpDestination, payload: unknown, sizeBytes: number = this.ctx.defaults.packetSizeBytes): void {
    this.udp.send(from, to, payload, sizeBytes);
  }

  // Connections

  /** Accept connections on a TCP-like port; `onAccept` returns the new end's handlers. */
  listen(host: string, port: number, onAccept: AcceptHandler, options: { address?: string } = {}): ListenSocket {
    return listen(this.ctx, host, port, onAccept, options);
  }

  /** Open a connection; the outcome arrives through `handlers` (open, refused or timeout). */
  connect(from: { host: string; address?: string }, to: { address: string; port: number },
    handlers: ConnectionHandlers = {}): Connection {
    return this.tcp.connect(from, to, handlers);
  }

  /** Connections not yet finished (open, or waiting on the other end). */
  get liveConnections(): number {
    return this.tcp.paths.size;
  }

  // Round trips

  /** The expected round trip from the current rules; undefined when the path is blocked or absent. */
  rttMs(hostA: string, hostB: string): number | undefined {
    return this.rtt.expectedMs(this.ctx.hosts.get(hostA), this.ctx.hosts.get(hostB));
  }

  /** Send an echo through the real rules; `onResult` gets the sampled round trip or undefined. */
  measureRtt(hostA: string, hostB: string, onResult: RttCallback): void {
    this.rtt.measure(this.ctx.hosts.get(hostA), this.ctx.hosts.get(hostB), onResult);
  }
}
