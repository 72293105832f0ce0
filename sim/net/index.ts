/**
 * The simulated network's front door (STYLE R2): the `Network` class, its defaults, the address
 * helpers and the public types. Everything else in this folder is internal.
 */
export { Network } from './network.js';
export type { NetworkOptions, HostAddress } from './network.js';
export { NET_DEFAULTS } from './defaults.js';
export type { NetDefaults } from './defaults.js';
export { parseAddress, isIpAddress, parseCidr, sameSubnet, isPrivateIpv4 } from './address.js';
export type { AddressFamily, ParsedAddress, ParsedCidr } from './address.js';
export type { InterfaceSpec, AddressOwner } from './host.js';
export type { Endpoint, Datagram, PacketView, Protocol, DropReason } from './packet.js';
export type {
  PathSelector, LatencyOptions, LossOptions, DuplicateOptions, ReorderOptions,
  RuleHandle, HoldHandle, RuleInfo,
} from './rules.js';
export type { PartitionOptions } from './partition.js';
export type { NatKind, NatOptions, NatHandle } from './nat.js';
export type { NetStats } from './fabric.js';
export type { DatagramHandler, UdpSource, UdpDestination, UdpSocket } from './udp.js';
export type { Connection, ConnectionHandlers, ConnectionState, ConnectionRef } from './connection.js';
export type { AcceptHandler, ListenSocket } from './listen.js';
export type { RttReply, RttCallback } from './rtt.js';
export type { NetworkSave } from './networkSave.js';
