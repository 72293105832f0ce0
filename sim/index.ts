/**
 * The simulation kernel's front door (STYLE R2). Domain-free: virtual clock and event queue,
 * seeded random streams, trace, network and DNS. Nothing here knows about Expressway.
 *
 * @example
 * const queue = new EventQueue();
 * queue.after(1_000, () => console.log('one virtual second later'));
 * queue.runUntilIdle();
 */
export { EventQueue, DEFAULT_MAX_EVENTS } from './queue.js';
export type { EventId, Callback, RunLimits, EventHandler, PayloadCodec, QueueSave } from './queue.js';
export { checkJson } from './json.js';
export type { Json } from './json.js';
export { queueTimers } from './timers.js';
export type { VirtualTimers } from './timers.js';
export { Rng, RandomStream, firstDivergence } from './random.js';
export type { Seed, Draw, RngSave, StreamState } from './random.js';
export { Trace, canonicalJson, isEventOf } from './trace.js';
export type { TraceSave, TraceEvent, TraceOptions, TraceListener, TraceSchema, AnyTraceSchema, TypedEvent, TraceSink } from './trace.js';
export { SimError, SIM_ERRORS, RETIRED_SIM_ERROR_CODES } from './errors.js';
export type { SimErrorCode } from './errors.js';
export { InvariantError, assert } from './assert.js';
export { CatalogError, fillTemplate, showAsJson } from './catalogError.js';
export type { Catalog, CatalogStyle } from './catalogError.js';
export {
  SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS, seconds, minutes, hours,
  parseDurationMs, formatVirtualTime, formatDuration,
} from './time.js';

// Network and DNS (sim/net, sim/dns.ts)
export { Network, NET_DEFAULTS, parseAddress, isIpAddress, parseCidr, sameSubnet, isPrivateIpv4 } from './net/index.js';
export type {
  NetworkOptions, HostAddress, NetDefaults, AddressFamily, ParsedAddress, ParsedCidr, InterfaceSpec, AddressOwner,
  Endpoint, Datagram, PacketView, Protocol, DropReason, PathSelector, LatencyOptions, LossOptions,
  DuplicateOptions, ReorderOptions, RuleHandle, HoldHandle, RuleInfo, PartitionOptions, NatKind, NatOptions,
  NatHandle, NetStats, DatagramHandler, UdpSource, UdpDestination, UdpSocket, Connection, ConnectionHandlers,
  ConnectionState, ConnectionRef, AcceptHandler, ListenSocket, RttReply, RttCallback, NetworkSave,
} from './net/index.js';
export { Dns, DNS_DEFAULTS } from './dns.js';
export { saveKernel, loadKernel, KERNEL_CHECKPOINT_FORMAT } from './checkpoint.js';
export type { KernelParts, KernelSave } from './checkpoint.js';
export type { DnsSave, DnsReply, DnsCallback, DnsOptions, DnsDefaults, DnsRecordType, DnsRecordOf, SrvRecord, DnsFailure, DnsAnswer } from './dns.js';
