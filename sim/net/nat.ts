/**
 * NAT devices on the path (STYLE R10, after netsim): the variants differ only in the mapping key.
 * masquerade: (protocol, inside address, inside port) → a public port allocated in order from the
 * ephemeral range; replies to that public port go back to the inside endpoint (endpoint-independent,
 * mappings live until the device is removed). static: one inside host ↔ the public address, ports
 * kept. Traffic between inside hosts is never translated; packets of the other family pass as is.
 */
import { SimError } from '../errors.js';
import { parseAddress, type AddressFamily } from './address.js';
import { checkName, type Host, type HostTable } from './host.js';
import type { Endpoint, Packet, Protocol } from './packet.js';

export type NatKind = 'masquerade' | 'static';

export interface NatOptions {
  name: string;
  /** host names behind the device */
  inside: readonly string[];
  /** the address outside hosts see, and send replies to; owned by no interface */
  publicAddress: string;
  kind: NatKind;
}

/** Installing a NAT returns its handle; `remove()` takes the device off the path (idempotent). */
export interface NatHandle {
  readonly id: number;
  readonly name: string;
  readonly publicAddress: string;
  remove(): void;
}

/** A device as JSON (issue #15): its identity and every mapping it has made, in the order made. */
export interface SavedNat {
  id: number;
  name: string;
  kind: NatKind;
  inside: string[];
  publicAddress: string;
  family: AddressFamily;
  portFirst: number;
  portLast: number;
  nextPort: number;
  /** masquerade mappings: [proto, inside address, inside port, public port] */
  out: [Protocol, string, number, number][];
  /** masquerade reverse mappings: [proto, public port, inside endpoint] */
  back: [Protocol, number, Endpoint][];
}

type ByProto<T> = Record<Protocol, T>;
const byProto = <T>(make: () => T): ByProto<T> => ({ udp: make(), tcp: make(), icmp: make() });

/** @internal */
export class NatDevice {
  removed = false;
  /** masquerade mapping key (proto → inside address → inside port) → public endpoint */
  private readonly out = byProto(() => new Map<string, Map<number, Endpoint>>());
  /** masquerade reverse mapping: proto → public port → inside endpoint */
  private readonly back = byProto(() => new Map<number, Endpoint>());
  private nextPort: number;
  /** the one inside host of a static device */
  private readonly staticHost: string;

  constructor(
    readonly id: number,
    readonly name: string,
    readonly kind: NatKind,
    readonly inside: ReadonlySet<string>,
    readonly publicAddress: string,
    readonly family: AddressFamily,
    private readonly portFirst: number,
    private readonly portLast: number,
  ) {
    this.nextPort = portFirst;
    this.staticHost = inside.values().next().value ?? '';
  }

  /** The public source for a packet leaving the group, or undefined when the port range is used up. */
  translateOut(p: Packet): Endpoint | undefined {
    if (this.kind === 'static') return { address: this.publicAddress, port: p.src.port };
    let byAddress = this.out[p.proto].get(p.srcAddressInside);
    if (!byAddress) {
      byAddress = new Map();
      this.out[p.proto].set(p.srcAddressInside, byAddress);
    }
    const known = byAddress.get(p.src.port);
    if (known) return known;
    const back = this.back[p.proto];
    const span = this.portLast - this.portFirst + 1;
    if (back.size >= span) return undefined;
    while (back.has(this.nextPort)) this.advancePort();
    const mapped: Endpoint = { address: this.publicAddress, port: this.nextPort };
    this.advancePort();
    byAddress.set(p.src.port, mapped);
    back.set(mapped.port, p.src);
    return mapped;
  }

  /** Points a packet sent to the public address at the inside endpoint; false when nothing maps. */
  translateIn(p: Packet, hosts: HostTable): boolean {
    let address: string | undefined;
    let port = p.dst.port;
    if (this.kind === 'static') {
      const host = hosts.hosts.get(this.staticHost);
      address = host?.firstIface(this.family)?.address(this.family);
    } else {
      const inside = this.back[p.proto].get(port);
      address = inside?.address;
      if (inside) port = inside.port;
    }
    const iface = address === undefined ? undefined : hosts.ownerOf(address);
    if (!iface || address === undefined) return false;
    p.dst = { address, port };
    p.dstIface = iface;
    p.dstHost = iface.host.name;
    return true;
  }

  /** Whether packets from `src` to the host `dstHost` are translated by this device. */
  translates(p: Packet): boolean {
    return !this.inside.has(p.dstHost) && addressFamilyOf(p.srcAddressInside) === this.family;
  }

  save(): SavedNat {
    const out: SavedNat['out'] = [];
    const back: SavedNat['back'] = [];
    for (const proto of ['udp', 'tcp', 'icmp'] as const) {
      for (const [address, ports] of this.out[proto]) for (const [port, mapped] of ports) out.push([proto, address, port, mapped.port]);
      for (const [port, inside] of this.back[proto]) back.push([proto, port, { ...inside }]);
    }
    return {
      id: this.id, name: this.name, kind: this.kind, inside: [...this.inside], publicAddress: this.publicAddress,
      family: this.family, portFirst: this.portFirst, portLast: this.portLast, nextPort: this.nextPort, out, back,
    };
  }

  static load(s: SavedNat): NatDevice {
    const d = new NatDevice(s.id, s.name, s.kind, new Set(s.inside), s.publicAddress, s.family, s.portFirst, s.portLast);
    d.nextPort = s.nextPort;
    for (const [proto, address, port, publicPort] of s.out) {
      let byAddress = d.out[proto].get(address);
      if (!byAddress) d.out[proto].set(address, (byAddress = new Map()));
      byAddress.set(port, { address: s.publicAddress, port: publicPort });
    }
    for (const [proto, port, inside] of s.back) d.back[proto].set(port, { ...inside });
    return d;
  }

  private advancePort(): void {
    this.nextPort = this.nextPort >= this.portLast ? this.portFirst : this.nextPort + 1;
  }
}

function addressFamilyOf(canonical: string): AddressFamily {
  return canonical.includes(':') ? 6 : 4;
}

/** @internal Every NAT device, by public address and by inside host. */
export class NatTable {
  /** the last device id given out */
  lastId = 0;
  readonly devices: NatDevice[] = [];
  readonly byPublic = new Map<string, NatDevice>();

  /** Validates fully (nothing is applied on error), then installs. */
  add(hosts: HostTable, id: number, o: NatOptions, ports: { first: number; last: number }): NatDevice {
    if (o === null || typeof o !== 'object') throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: o });
    checkName(o.name, 'NAT');
    if (this.devices.some((d) => d.name === o.name)) {
      throw new SimError('XTW_ERR_SIM_NAT_CONFLICT', { value: `a NAT named ${o.name} exists` });
    }
    if (o.kind !== 'masquerade' && o.kind !== 'static') {
      throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: `NAT kind must be masquerade or static, got ${String(o.kind)}` });
    }
    if (!Array.isArray(o.inside) || o.inside.length === 0 || (o.kind === 'static' && o.inside.length !== 1)) {
      throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: `NAT ${o.name}: inside must list ${o.kind === 'static' ? 'exactly one host' : 'hosts'}` });
    }
    const inside: Host[] = o.inside.map((name) => hosts.get(name));
    if (new Set(inside).size !== inside.length) {
      throw new SimError('XTW_ERR_SIM_BAD_RULE', { value: `NAT ${o.name}: a host is listed twice` });
    }
    for (const host of inside) {
      if (host.nat) throw new SimError('XTW_ERR_SIM_NAT_CONFLICT', { value: `${host.name} is already inside ${host.nat.name}` });
    }
    const pub = parseAddress(o.publicAddress);
    const owner = hosts.describeOwner(pub.text);
    if (owner !== undefined) throw new SimError('XTW_ERR_SIM_NAT_CONFLICT', { value: `${pub.text} is used by ${owner}` });
    const device = new NatDevice(id, o.name, o.kind, new Set(inside.map((h) => h.name)), pub.text, pub.family, ports.first, ports.last);
    this.devices.push(device);
    this.byPublic.set(pub.text, device);
    for (const host of inside) host.nat = device;
    return device;
  }

  /** Replace every device with saved ones and put their inside hosts behind them again. */
  load(saved: SavedNat[], hosts: HostTable): void {
    for (const host of hosts.hosts.values()) host.nat = undefined;
    this.devices.length = 0;
    this.byPublic.clear();
    for (const s of saved) {
      const device = NatDevice.load(s);
      this.devices.push(device);
      this.byPublic.set(device.publicAddress, device);
      for (const name of device.inside) hosts.get(name).nat = device;
    }
  }

  remove(device: NatDevice, hosts: HostTable): boolean {
    if (device.removed) return false;
    device.removed = true;
    this.devices.splice(this.devices.indexOf(device), 1);
    this.byPublic.delete(device.publicAddress);
    for (const name of device.inside) {
      const host = hosts.hosts.get(name);
      if (host && host.nat === device) host.nat = undefined;
    }
    return true;
  }
}
