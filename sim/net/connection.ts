/**
 * The two ends of a TCP-like connection and the pair that ties them to their path. An end is what
 * the application holds (`Connection`); the pair holds what both ends share: the path in each
 * direction (a template packet that rules are matched against), the NAT devices on it, and the
 * reset timer that runs while the path is blocked. Protocol behaviour is in tcp.ts and tcpPaths.ts.
 */
import { SimError } from '../errors.js';
import type { EventId } from '../queue.js';
import type { Host } from './host.js';
import type { NatDevice } from './nat.js';
import { Packet, type Endpoint } from './packet.js';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'reset';

/** Callbacks of one connection end; all optional. */
export interface ConnectionHandlers {
  /** the connection is open (client: the accept came back; server: right after `onAccept`) */
  onOpen?(conn: Connection): void;
  /** data from the peer, in the order it was sent */
  onData?(conn: Connection, payload: unknown): void;
  /** the peer closed the connection */
  onClose?(conn: Connection): void;
  /** the connection broke: `reason` is `rule:<name>`, `host-down`, `link-down`, `no-route` … */
  onReset?(conn: Connection, reason: string): void;
  /** client only: the host answered but nothing listens on the port (after one round trip) */
  onRefused?(reason: string): void;
  /** client only: no answer within `connectTimeoutMs` */
  onTimeout?(): void;
}

/** One end of a connection, as the application holds it. */
export interface Connection {
  /** the same id on both ends */
  readonly id: number;
  /** the host this end lives on */
  readonly host: string;
  readonly local: Endpoint;
  /** the peer as this end sees it (after NAT) */
  readonly remote: Endpoint;
  readonly state: ConnectionState;
  /** Queue data for the peer (buffered while connecting); throws on a closed or reset end. */
  send(payload: unknown, sizeBytes?: number): void;
  /** Close this end; the peer sees `onClose` after the data already sent. Idempotent. */
  close(): void;
}

/**
 * What an owner saves about a connection it holds (`Network.connectionRef`), to get it back after
 * a restore (`Network.reattachConnection`). Plain JSON.
 */
export interface ConnectionRef {
  readonly id: number;
  readonly side: 'client' | 'server';
  readonly host: string;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly state: ConnectionState;
}

/** @internal Segment kinds. */
export const SYN = 1;
export const SYN_ACK = 2;
export const REFUSE = 3;
export const DATA = 4;
export const FIN = 5;

/** @internal What an end asks the protocol to do. */
export interface EndOwner {
  send(end: TcpEnd, payload: unknown, sizeBytes: number | undefined): void;
  close(end: TcpEnd): void;
}

/** @internal */
export class TcpEnd implements Connection {
  state: ConnectionState;
  /** arrival time of the last segment this end sent: later ones never arrive earlier */
  lastArrivalMs = 0;
  /** data sent while connecting, sent on open */
  readonly pending: { payload: unknown; sizeBytes: number | undefined }[] = [];
  /** segments sent while the path was blocked, sent when it heals */
  readonly outbox: Packet[] = [];

  constructor(
    readonly pair: TcpPair,
    readonly side: 'client' | 'server',
    readonly hostRef: Host,
    readonly local: Endpoint,
    readonly remote: Endpoint,
    public handlers: ConnectionHandlers,
    private readonly owner: EndOwner,
  ) {
    this.state = side === 'client' ? 'connecting' : 'open';
  }

  get id(): number {
    return this.pair.id;
  }
  get host(): string {
    return this.hostRef.name;
  }
  get peer(): TcpEnd | undefined {
    return this.side === 'client' ? this.pair.server : this.pair.client;
  }
  get live(): boolean {
    return this.state === 'open' || this.state === 'connecting';
  }

  send(payload: unknown, sizeBytes?: number): void {
    if (!this.live) throw new SimError('XTW_ERR_SIM_SOCKET_CLOSED', { value: this.id });
    this.owner.send(this, payload, sizeBytes);
  }

  close(): void {
    this.owner.close(this);
  }
}

/** @internal */
export class TcpPair {
  server: TcpEnd | undefined = undefined;
  /** client → server path (the SYN after resolution) */
  forward: Packet | undefined = undefined;
  /** server → client path */
  backward: Packet | undefined = undefined;
  natOut: NatDevice | undefined = undefined;
  natIn: NatDevice | undefined = undefined;
  /** set when an end was abandoned (host down, gave up connecting): the other end resets for sure */
  broken: string | undefined = undefined;
  blockedReason: string | undefined = undefined;
  resetTimer: EventId | undefined = undefined;
  connectTimer: EventId | undefined = undefined;
  /** ephemeral port held on the client host, released when the pair is done */
  clientPort = 0;

  constructor(
    readonly id: number,
    public client: TcpEnd,
  ) {}

  get done(): boolean {
    return !this.client.live && (this.server === undefined || !this.server.live);
  }
}

/** @internal A segment travelling the path of `template`, sent by `sender`. */
export function segmentOf(id: number, template: Packet, kind: number, sender: TcpEnd, payload: unknown,
  sizeBytes: number, nowMs: number): Packet {
  const p = new Packet(id, 'tcp', template.srcHost, template.srcAddressInside, template.src.port,
    template.dstAddressSent, template.dstPortSent, payload, sizeBytes, nowMs);
  p.src = template.src;
  p.dst = template.dst;
  p.dstHost = template.dstHost;
  p.srcIface = template.srcIface;
  p.dstIface = template.dstIface;
  p.segment = kind;
  p.target = sender;
  return p;
}

/** @internal The server → client path, mirrored from the resolved SYN. */
export function backwardOf(syn: Packet, client: TcpEnd): Packet {
  const p = new Packet(0, 'tcp', syn.dstHost, syn.dst.address, syn.dst.port, syn.src.address, syn.src.port,
    undefined, 0, syn.sentAtMs);
  // What the client sees as the source is what it dialled (a NAT's public address, or the server's).
  p.src = client.remote;
  p.dst = client.local;
  p.dstHost = syn.srcHost;
  p.srcIface = syn.dstIface;
  p.dstIface = syn.srcIface;
  return p;
}
