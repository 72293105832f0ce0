/**
 * Connections as JSON (issue #15): every live pair, and every finished pair a packet still
 * refers to (a segment in flight or held by a rule), with both ends, their buffers and timers.
 * Handlers are the owners' closures and are not saved: a restored live end throws until its owner
 * re-attaches handlers (`Network.reattachConnection(id, side, handlers)`), so a forgotten
 * re-attachment is an error at the first callback, never a silently deaf connection.
 */
import { SimError } from '../errors.js';
import type { Json } from '../json.js';
import { TcpEnd, TcpPair, type ConnectionHandlers, type ConnectionState, type EndOwner } from './connection.js';
import type { HostTable } from './host.js';
import type { NatDevice, NatTable } from './nat.js';
import type { Endpoint, Packet } from './packet.js';
import type { PacketCodec } from './packetCodec.js';

interface SavedEnd {
  side: 'client' | 'server';
  host: string;
  local: Endpoint;
  remote: Endpoint;
  state: ConnectionState;
  lastArrivalMs: number;
  pending: { payload: Json; sizeBytes: number | null }[];
  outbox: Json[];
}

interface SavedPair {
  id: number;
  live: boolean;
  client: SavedEnd;
  server: SavedEnd | null;
  forward: Json;
  backward: Json;
  natOut: number | 'removed' | null;
  natIn: number | 'removed' | null;
  broken: string | null;
  blockedReason: string | null;
  resetTimer: number | null;
  connectTimer: number | null;
  clientPort: number;
}

export interface TcpSave {
  nextConnectionId: number;
  pairs: SavedPair[];
}

/** Handlers of a restored end whose owner has not re-attached yet: any callback is an error. */
const unattached = new WeakSet<object>();

function unattachedHandlers(pair: number, side: string, host: string): ConnectionHandlers {
  const h = new Proxy({}, {
    get: (_t, prop) => (typeof prop === 'string' && prop.startsWith('on')
      ? () => {
        throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: `connection ${pair} (${side} end on ${host})`, why: `it was restored but its owner never re-attached handlers (${prop} called)` });
      }
      : undefined),
  });
  unattached.add(h);
  return h;
}

/** Whether an end still waits for its owner to re-attach handlers. */
export function isUnattached(end: TcpEnd): boolean {
  return unattached.has(end.handlers);
}

export function saveTcp(nextConnectionId: number, live: Map<number, TcpPair>, referenced: Iterable<TcpPair>, codec: PacketCodec): TcpSave {
  const pairs = new Map<number, TcpPair>(live);
  for (const pair of referenced) pairs.set(pair.id, pair);
  const ids = [...pairs.keys()].sort((a, b) => a - b);
  const natRef = (n: NatDevice | undefined): number | 'removed' | null => (n === undefined ? null : n.removed ? 'removed' : n.id);
  const saveEnd = (e: TcpEnd): SavedEnd => ({
    side: e.side, host: e.host, local: { ...e.local }, remote: { ...e.remote }, state: e.state, lastArrivalMs: e.lastArrivalMs,
    pending: e.pending.map((x) => ({ payload: (x.payload ?? null) as Json, sizeBytes: x.sizeBytes ?? null })),
    outbox: e.outbox.map((p) => codec.save(p)),
  });
  return {
    nextConnectionId,
    pairs: ids.map((id) => {
      const pair = pairs.get(id)!;
      return {
        id, live: live.has(id), client: saveEnd(pair.client), server: pair.server ? saveEnd(pair.server) : null,
        forward: pair.forward ? codec.save(pair.forward) : null, backward: pair.backward ? codec.save(pair.backward) : null,
        natOut: natRef(pair.natOut), natIn: natRef(pair.natIn), broken: pair.broken ?? null, blockedReason: pair.blockedReason ?? null,
        resetTimer: pair.resetTimer ?? null, connectTimer: pair.connectTimer ?? null, clientPort: pair.clientPort,
      };
    }),
  };
}

/**
 * Rebuild the saved pairs into `known` (every pair) and `live` (the live ones, in id order). Pairs
 * are registered before any packet is decoded: a path template's target is its own client end.
 */
export function loadTcp(saved: TcpSave, hosts: HostTable, nats: NatTable, owner: EndOwner, codec: PacketCodec,
  known: Map<number, TcpPair>, live: Map<number, TcpPair>): void {
  if (saved === null || typeof saved !== 'object' || !Array.isArray(saved.pairs)) {
    throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the connections', why: 'not a saved TCP state' });
  }
  const removedNat = { removed: true } as NatDevice;
  const nat = (ref: number | 'removed' | null): NatDevice | undefined =>
    ref === null ? undefined : ref === 'removed' ? removedNat : nats.devices.find((d) => d.id === ref) ?? removedNat;
  const makeEnd = (pair: TcpPair, s: SavedEnd): TcpEnd => {
    const live = s.state === 'open' || s.state === 'connecting';
    const end = new TcpEnd(pair, s.side, hosts.get(s.host), { ...s.local }, { ...s.remote },
      live ? unattachedHandlers(pair.id, s.side, s.host) : {}, owner);
    end.state = s.state;
    end.lastArrivalMs = s.lastArrivalMs;
    for (const x of s.pending) end.pending.push({ payload: x.payload ?? undefined, sizeBytes: x.sizeBytes ?? undefined });
    return end;
  };
  known.clear();
  live.clear();
  for (const s of saved.pairs) {
    const pair = new TcpPair(s.id, undefined as unknown as TcpEnd);
    pair.client = makeEnd(pair, s.client);
    pair.server = s.server ? makeEnd(pair, s.server) : undefined;
    pair.natOut = nat(s.natOut);
    pair.natIn = nat(s.natIn);
    pair.broken = s.broken ?? undefined;
    pair.blockedReason = s.blockedReason ?? undefined;
    pair.resetTimer = s.resetTimer ?? undefined;
    pair.connectTimer = s.connectTimer ?? undefined;
    pair.clientPort = s.clientPort;
    known.set(pair.id, pair);
    if (s.live) live.set(pair.id, pair);
  }
  for (const s of saved.pairs) {
    const pair = known.get(s.id)!;
    pair.forward = s.forward === null ? undefined : codec.load(s.forward);
    pair.backward = s.backward === null ? undefined : codec.load(s.backward);
    pair.client.outbox.push(...s.client.outbox.map((p) => codec.load(p)));
    if (pair.server && s.server) pair.server.outbox.push(...s.server.outbox.map((p) => codec.load(p)));
  }
}

/** A tcp packet's target as JSON: `[pair id, side]`. */
export function saveTcpTarget(p: Packet): Json {
  const end = p.target as TcpEnd | undefined;
  return end === undefined ? null : [end.pair.id, end.side];
}

/**
 * The end a saved tcp packet targets. A refusal's sender is a server end the pair never kept
 * (nothing listened): it comes back as a closed end of that pair on the packet's source host.
 */
export function loadTcpTarget(json: Json, p: Packet, known: Map<number, TcpPair>, hosts: HostTable, owner: EndOwner): TcpEnd | undefined {
  if (json === null) return undefined;
  const [id, side] = json as [number, 'client' | 'server'];
  const pair = known.get(id);
  if (pair === undefined) throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: `a tcp packet ${p.id}`, why: `its connection ${id} is not saved` });
  if (side === 'client') return pair.client;
  if (pair.server !== undefined) return pair.server;
  const refuser = new TcpEnd(pair, 'server', hosts.get(p.srcHost), p.src, p.dst, {}, owner);
  refuser.state = 'closed';
  return refuser;
}
