// A small kernel world with checkpoint-aware owners, for the kernel checkpoint tests: three hosts
// on one LAN, each running an app that echoes datagrams, accepts and makes connections, asks DNS
// and measures round trips — all through named handlers, so the world saves — and logs what it
// sees. A driver applies random operations (traffic and faults) and keeps its own state as data.
import fc from 'fast-check';
import {
  Dns, EventQueue, Network, Rng, Trace, loadKernel, saveKernel,
  type Connection, type ConnectionHandlers, type ConnectionRef, type DnsReply, type EventHandler, type Json, type KernelSave, type RttReply,
} from '../../../sim/index.js';

export const HOSTS = ['a', 'b', 'c'] as const;
type HostName = (typeof HOSTS)[number];
const addressOf = (h: HostName) => `10.0.0.${HOSTS.indexOf(h) + 1}`;

interface Held { id: number; side: 'client' | 'server'; conn: Connection }

class App {
  readonly conns: Held[] = [];

  readonly dnsAnswer: EventHandler<DnsReply>;
  readonly rttResult: EventHandler<RttReply>;

  constructor(private readonly w: KernelWorld, readonly host: HostName) {
    this.dnsAnswer = w.queue.handler<DnsReply>(`${host}/dns.answer`, (r) => this.note(`dns ${JSON.stringify(r)}`));
    this.rttResult = w.queue.handler<RttReply>(`${host}/rtt`, (r) => this.note(`rtt ${r.rttMs === null ? 'lost' : r.rttMs.toFixed(6)} ${JSON.stringify(r.context)}`));
    w.net.bindUdp(host, 7, (d) => this.datagram(d.payload, d.src));
    w.net.listen(host, 80, (c) => this.accepted(c));
  }

  note(text: string): void {
    this.w.log.push(`${this.w.queue.nowMs} ${this.host} ${text}`);
  }

  private datagram(payload: unknown, src: { address: string; port: number }): void {
    this.note(`udp ${JSON.stringify(payload)} from ${src.address}:${src.port}`);
    const p = payload as { hops: number };
    if (p.hops > 0) this.w.net.sendUdp({ host: this.host, port: 7 }, src, { hops: p.hops - 1 });
  }

  private accepted(c: Connection): ConnectionHandlers {
    this.hold(c, 'server');
    return this.handlers('server', () => c);
  }

  private hold(c: Connection, side: 'client' | 'server'): void {
    this.conns.push({ id: c.id, side, conn: c });
  }

  handlers(side: 'client' | 'server', conn: () => Connection): ConnectionHandlers {
    return {
      onOpen: (c) => this.note(`open ${c.id}/${side}`),
      onData: (c, m) => {
        this.note(`data ${c.id}/${side} ${JSON.stringify(m)}`);
        const n = (m as { n: number }).n;
        if (side === 'server' && n > 0) c.send({ n: n - 1 });
      },
      onClose: (c) => this.note(`close ${c.id}/${side}`),
      onReset: (c, why) => this.note(`reset ${c.id}/${side} ${why}`),
      onRefused: (why) => this.note(`refused ${conn().id} ${why}`),
      onTimeout: () => this.note(`timeout ${conn().id}`),
    };
  }

  connect(to: HostName, n: number): void {
    let c: Connection | undefined;
    c = this.w.net.connect({ host: this.host }, { address: addressOf(to), port: 80 }, this.handlers('client', () => c!));
    this.hold(c, 'client');
    if (c.state === 'connecting' || c.state === 'open') c.send({ n });
  }

  /** The `i`th connection this app holds, if any. */
  conn(i: number): Connection | undefined {
    return this.conns[i % Math.max(1, this.conns.length)]?.conn;
  }

  save(): Json {
    return { conns: this.conns.map((h) => this.w.net.connectionRef(h.conn)) } as unknown as Json;
  }

  load(saved: { conns: ConnectionRef[] }): void {
    this.w.net.reattachUdp(this.host, 7, (d) => this.datagram(d.payload, d.src));
    this.w.net.reattachListener(this.host, 80, (c) => this.accepted(c));
    this.conns.length = 0;
    for (const ref of saved.conns) {
      let c: Connection | undefined;
      c = this.w.net.reattachConnection(ref, this.handlers(ref.side, () => c!));
      this.hold(c, ref.side);
    }
  }
}

export type Op =
  | { kind: 'udp'; from: number; to: number; hops: number }
  | { kind: 'connect'; from: number; to: number; n: number }
  | { kind: 'send'; host: number; conn: number; n: number }
  | { kind: 'close'; host: number; conn: number }
  | { kind: 'partition'; a: number; b: number; oneWay: boolean }
  | { kind: 'loss'; ratio: number }
  | { kind: 'latency'; from: number; meanMs: number; jitterMs: number }
  | { kind: 'hold'; to: number }
  | { kind: 'removeRule'; index: number }
  | { kind: 'power'; host: number; up: boolean }
  | { kind: 'link'; host: number; up: boolean }
  | { kind: 'nat'; host: number }
  | { kind: 'removeNat'; index: number }
  | { kind: 'dnsRecord'; name: number; host: number }
  | { kind: 'dnsFailure'; name: number; failure: 'nxdomain' | 'servfail' | 'timeout' | undefined }
  | { kind: 'resolve'; host: number; name: number }
  | { kind: 'rtt'; from: number; to: number }
  | { kind: 'run'; ms: number };

const host = fc.nat(2);
export const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('run' as const), ms: fc.integer({ min: 0, max: 400 }) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('udp' as const), from: host, to: host, hops: fc.nat(3) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('connect' as const), from: host, to: host, n: fc.nat(3) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('send' as const), host, conn: fc.nat(9), n: fc.nat(3) }), weight: 3 },
  fc.record({ kind: fc.constant('close' as const), host, conn: fc.nat(9) }),
  fc.record({ kind: fc.constant('partition' as const), a: host, b: host, oneWay: fc.boolean() }),
  fc.record({ kind: fc.constant('loss' as const), ratio: fc.constantFrom(0.1, 0.5) }),
  fc.record({ kind: fc.constant('latency' as const), from: host, meanMs: fc.integer({ min: 0, max: 100 }), jitterMs: fc.nat(20) }),
  fc.record({ kind: fc.constant('hold' as const), to: host }),
  { arbitrary: fc.record({ kind: fc.constant('removeRule' as const), index: fc.nat(5) }), weight: 2 },
  fc.record({ kind: fc.constant('power' as const), host, up: fc.boolean() }),
  fc.record({ kind: fc.constant('link' as const), host, up: fc.boolean() }),
  fc.record({ kind: fc.constant('nat' as const), host }),
  fc.record({ kind: fc.constant('removeNat' as const), index: fc.nat(3) }),
  fc.record({ kind: fc.constant('dnsRecord' as const), name: fc.nat(2), host }),
  fc.record({ kind: fc.constant('dnsFailure' as const), name: fc.nat(2), failure: fc.constantFrom('nxdomain' as const, 'servfail' as const, 'timeout' as const, undefined) }),
  { arbitrary: fc.record({ kind: fc.constant('resolve' as const), host, name: fc.nat(2) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('rtt' as const), from: host, to: host }), weight: 2 },
);

/** The driver's own state: ids of what it installed, kept as data so it survives a checkpoint too. */
interface Driver { rules: number[]; nats: number[] }

export class KernelWorld {
  readonly queue = new EventQueue();
  readonly rng: Rng;
  readonly trace: Trace;
  readonly net: Network;
  readonly dns: Dns;
  readonly log: string[] = [];
  readonly apps: App[];
  private driver: Driver = { rules: [], nats: [] };

  constructor(seed: number, maxKept = 500) {
    this.rng = Rng.fromSeed(seed);
    this.trace = new Trace(this.queue, { maxKept });
    this.net = new Network({ queue: this.queue, rng: this.rng, trace: this.trace, defaults: { latencyMsMean: 2, latencyMsJitter: 1.5 } });
    this.dns = new Dns({ queue: this.queue, rng: this.rng, trace: this.trace, defaults: { answerLatencyMsJitter: 3 } });
    for (const h of HOSTS) {
      this.net.addHost(h);
      this.net.addInterface(h, { name: 'lan1', ipv4: addressOf(h), ipv4PrefixLength: 24 });
    }
    this.apps = HOSTS.map((h) => new App(this, h));
  }

  apply(ops: readonly Op[]): void {
    for (const op of ops) this.applyOne(op);
  }

  save(): { kernel: KernelSave; apps: Json[]; driver: Driver } {
    return { kernel: saveKernel(this), apps: this.apps.map((a) => a.save()), driver: structuredClone(this.driver) };
  }

  load(saved: ReturnType<KernelWorld['save']>): void {
    loadKernel(this, saved.kernel, () => this.apps.forEach((a, i) => a.load(saved.apps[i] as never)));
    this.driver = structuredClone(saved.driver);
  }

  private applyOne(op: Op): void {
    const net = this.net;
    const h = (i: number) => HOSTS[i]!;
    switch (op.kind) {
      case 'run': this.queue.advance(op.ms); return;
      case 'udp': net.sendUdp({ host: h(op.from), port: 7 }, { address: addressOf(h(op.to)), port: 7 }, { hops: op.hops }); return;
      case 'connect': this.apps[op.from]!.connect(h(op.to), op.n); return;
      case 'send': {
        const c = this.apps[op.host]!.conn(op.conn);
        if (c && (c.state === 'open' || c.state === 'connecting')) c.send({ n: op.n });
        return;
      }
      case 'close': this.apps[op.host]!.conn(op.conn)?.close(); return;
      case 'partition':
        if (op.a !== op.b) this.driver.rules.push(net.partition([h(op.a)], [h(op.b)], { oneWay: op.oneWay }).id);
        return;
      case 'loss': this.driver.rules.push(net.loss({ lossRatio: op.ratio }).id); return;
      case 'latency': this.driver.rules.push(net.latency({ from: h(op.from), latencyMsMean: op.meanMs, latencyMsJitter: op.jitterMs }).id); return;
      case 'hold': this.driver.rules.push(net.hold({ to: h(op.to) }).id); return;
      case 'removeRule': {
        const id = this.driver.rules.splice(op.index % Math.max(1, this.driver.rules.length), 1)[0];
        if (id !== undefined) net.ruleHandle(id)?.remove();
        return;
      }
      case 'power': net.setHostUp(h(op.host), op.up); return;
      case 'link': net.setInterfaceUp(h(op.host), 'lan1', op.up); return;
      case 'nat':
        try {
          this.driver.nats.push(net.addNat({ name: `nat${op.host}`, inside: [h(op.host)], publicAddress: `203.0.113.${op.host + 1}`, kind: 'masquerade' }).id);
        } catch {
          // already behind a NAT: a conflict, as the real API reports it
        }
        return;
      case 'removeNat': {
        const id = this.driver.nats.splice(op.index % Math.max(1, this.driver.nats.length), 1)[0];
        if (id !== undefined) net.natHandle(id)?.remove();
        return;
      }
      case 'dnsRecord': this.dns.setRecord(`n${op.name}.example.com`, 'A', [addressOf(h(op.host))]); return;
      case 'dnsFailure': this.dns.setFailure(`n${op.name}.example.com`, op.failure); return;
      case 'resolve': {
        this.dns.resolve(h(op.host), `n${op.name}.example.com`, 'A', { to: this.apps[op.host]!.dnsAnswer, context: { asked: op.name } });
        return;
      }
      case 'rtt': net.measureRtt(h(op.from), h(op.to), { to: this.apps[op.from]!.rttResult, context: { to: op.to } }); return;
    }
  }
}
