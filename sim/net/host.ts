/**
 * Hosts and their interfaces, and which interface owns each address. Owns validation of names and
 * addresses (validate fully, then apply: a rejected call changes nothing) and power and link state.
 * It does not send anything or write the trace; the network does, after a change is applied.
 * Hosts and interfaces live in insertion-ordered Maps and arrays, so every listing is deterministic.
 */
import { SimError } from '../errors.js';
import { isIpAddress, parseAddress, type AddressFamily } from './address.js';
import type { UdpBinding } from './udp.js';
import type { Listener } from './listen.js';
import type { NatDevice } from './nat.js';

/** What `addInterface` takes: a name (`lan1`, `lan2` …) and an IPv4 and/or IPv6 address. */
export interface InterfaceSpec {
  name: string;
  ipv4?: string;
  ipv4PrefixLength?: number;
  ipv6?: string;
  ipv6PrefixLength?: number;
}

/** @internal One interface. `removed` stays true once removed so in-flight packets can see it. */
export class Iface {
  up = true;
  removed = false;
  constructor(
    readonly host: Host,
    readonly name: string,
    readonly ipv4: string | undefined,
    readonly ipv4PrefixLength: number | undefined,
    readonly ipv6: string | undefined,
    readonly ipv6PrefixLength: number | undefined,
  ) {}

  address(family: AddressFamily): string | undefined {
    return family === 4 ? this.ipv4 : this.ipv6;
  }
}

/** @internal One host: power state, interfaces in insertion order, and its sockets. */
export class Host {
  up = true;
  readonly ifaces: Iface[] = [];
  readonly udp = new Map<number, UdpBinding[]>();
  readonly listeners = new Map<number, Listener[]>();
  /** local ports held by open connections */
  readonly connectionPorts = new Set<number>();
  nextEphemeralPort = 0;
  /** the NAT device this host is inside of, if any */
  nat: NatDevice | undefined = undefined;
  constructor(readonly name: string) {}

  /** The first interface with an address of `family`: the default source address. */
  firstIface(family: AddressFamily): Iface | undefined {
    for (const iface of this.ifaces) if (iface.address(family) !== undefined) return iface;
    return undefined;
  }
}

/** Where an address lives. */
export interface AddressOwner {
  readonly host: string;
  readonly iface: string;
}

/** @internal */
export class HostTable {
  readonly hosts = new Map<string, Host>();
  readonly owners = new Map<string, Iface>();

  /** `reservedBy(address)` names another owner of an address (a NAT public address), if any. */
  constructor(private readonly reservedBy: (address: string) => string | undefined) {}

  get(name: unknown): Host {
    const host = typeof name === 'string' ? this.hosts.get(name) : undefined;
    if (!host) throw new SimError('XTW_ERR_SIM_UNKNOWN_HOST', { value: name });
    return host;
  }

  addHost(name: unknown): Host {
    checkName(name, 'host');
    if (this.hosts.has(name)) throw new SimError('XTW_ERR_SIM_DUPLICATE_HOST', { value: name });
    const host = new Host(name);
    this.hosts.set(name, host);
    return host;
  }

  addInterface(hostName: unknown, spec: InterfaceSpec): Iface {
    const host = this.get(hostName);
    if (spec === null || typeof spec !== 'object') {
      throw new SimError('XTW_ERR_SIM_BAD_NAME', { what: 'interface', value: spec });
    }
    checkName(spec.name, 'interface');
    if (host.ifaces.some((i) => i.name === spec.name)) {
      throw new SimError('XTW_ERR_SIM_DUPLICATE_INTERFACE', { value: spec.name, host: host.name });
    }
    const ipv4 = this.checkAddress(spec.ipv4, 4, spec.ipv4PrefixLength, 32);
    const ipv6 = this.checkAddress(spec.ipv6, 6, spec.ipv6PrefixLength, 128);
    if (ipv4 === undefined && ipv6 === undefined) {
      throw new SimError('XTW_ERR_SIM_BAD_ADDRESS', { value: `interface ${spec.name} has neither ipv4 nor ipv6` });
    }
    const iface = new Iface(host, spec.name, ipv4, spec.ipv4PrefixLength, ipv6, spec.ipv6PrefixLength);
    host.ifaces.push(iface);
    if (ipv4 !== undefined) this.owners.set(ipv4, iface);
    if (ipv6 !== undefined) this.owners.set(ipv6, iface);
    return iface;
  }

  iface(hostName: unknown, ifaceName: unknown): Iface {
    const host = this.get(hostName);
    const iface = host.ifaces.find((i) => i.name === ifaceName);
    if (!iface) throw new SimError('XTW_ERR_SIM_UNKNOWN_INTERFACE', { value: ifaceName, host: host.name });
    return iface;
  }

  /**
   * Give an interface new addresses in its place (the host's interface order, and so its default
   * source address, stays): validate fully, then swap. An address the interface already has is
   * not a conflict. @returns the new interface
   */
  renumberInterface(hostName: unknown, ifaceName: unknown, spec: Omit<InterfaceSpec, 'name'>): Iface {
    const old = this.iface(hostName, ifaceName);
    // An address this interface already owns is kept as it is; any other is checked like a new one.
    const kept = (text: string | undefined, family: AddressFamily): string | undefined =>
      text !== undefined && isIpAddress(text) && parseAddress(text).family === family && this.owners.get(parseAddress(text).text) === old ? parseAddress(text).text : undefined;
    const ipv4 = kept(spec.ipv4, 4) ?? this.checkAddress(spec.ipv4, 4, spec.ipv4PrefixLength, 32);
    const ipv6 = kept(spec.ipv6, 6) ?? this.checkAddress(spec.ipv6, 6, spec.ipv6PrefixLength, 128);
    if (ipv4 === undefined && ipv6 === undefined) {
      throw new SimError('XTW_ERR_SIM_BAD_ADDRESS', { value: `interface ${old.name} has neither ipv4 nor ipv6` });
    }
    const iface = new Iface(old.host, old.name, ipv4, spec.ipv4PrefixLength, ipv6, spec.ipv6PrefixLength);
    iface.up = old.up;
    const list = old.host.ifaces;
    list[list.indexOf(old)] = iface;
    if (old.ipv4 !== undefined) this.owners.delete(old.ipv4);
    if (old.ipv6 !== undefined) this.owners.delete(old.ipv6);
    old.removed = true;
    if (ipv4 !== undefined) this.owners.set(ipv4, iface);
    if (ipv6 !== undefined) this.owners.set(ipv6, iface);
    return iface;
  }

  removeInterface(hostName: unknown, ifaceName: unknown): Iface {
    const iface = this.iface(hostName, ifaceName);
    const list = iface.host.ifaces;
    list.splice(list.indexOf(iface), 1);
    if (iface.ipv4 !== undefined) this.owners.delete(iface.ipv4);
    if (iface.ipv6 !== undefined) this.owners.delete(iface.ipv6);
    iface.removed = true;
    return iface;
  }

  ownerOf(address: string): Iface | undefined {
    return this.owners.get(address);
  }

  /** A description of whoever owns `address`, for conflict messages. */
  describeOwner(address: string): string | undefined {
    const iface = this.owners.get(address);
    return iface ? `${iface.host.name}/${iface.name}` : this.reservedBy(address);
  }

  private checkAddress(text: unknown, family: AddressFamily, prefix: unknown, max: number): string | undefined {
    if (text === undefined) {
      if (prefix !== undefined) throw new SimError('XTW_ERR_SIM_BAD_PREFIX', { value: prefix, family: `IPv${family} without an address` });
      return undefined;
    }
    const parsed = parseAddress(text);
    if (parsed.family !== family) throw new SimError('XTW_ERR_SIM_BAD_ADDRESS', { value: text });
    if (prefix !== undefined && !(Number.isInteger(prefix) && (prefix as number) >= 0 && (prefix as number) <= max)) {
      throw new SimError('XTW_ERR_SIM_BAD_PREFIX', { value: prefix, family: `IPv${family}` });
    }
    const owner = this.describeOwner(parsed.text);
    if (owner !== undefined) throw new SimError('XTW_ERR_SIM_DUPLICATE_ADDRESS', { value: parsed.text, owner });
    return parsed.text;
  }
}

/**
 * Names are short strings without spaces or slashes (they appear in traces and selectors), and a
 * name is never an IP address, so a selector entry is unambiguously a host or an address.
 */
export function checkName(name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.:-]{1,64}$/.test(name) || isIpAddress(name)) {
    throw new SimError('XTW_ERR_SIM_BAD_NAME', { what, value: name });
  }
}
