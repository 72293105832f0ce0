/**
 * The sockets behind remote syslog (INTERFACES §5): every log line a lab's peer writes goes, framed
 * by `syslogMessage` (src/operator/interfaces/syslog.ts), to each remote server on that peer's
 * Maintenance > Logging whose severity filter lets it through — over UDP (one datagram a line), TCP
 * or TLS (one line each, LF-terminated; assumption: the product's stream framing is NOT FOUND, and
 * non-transparent framing is what RFC 6587 collectors such as rsyslog and SC4S take for both formats).
 *
 * Bounded: a stream server that is slow or absent holds at most SYSLOG_QUEUE_LINES lines (older
 * ones are dropped, as UDP would lose them), and a failed connection is retried at most every
 * SYSLOG_RETRY_MS. Only loopback servers are reached unless the trainer allows others
 * (`xtwin serve --syslog-remote`): a student's setting must not aim the lab server at someone else.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { passes, syslogMessage, syslogServers, type SyslogServer } from '../operator/index.js';
import type { Twin } from '../twin.js';
import { SYSLOG_QUEUE_LINES, SYSLOG_RETRY_MS } from './limits.js';

interface Stream {
  socket: Socket;
  ready: boolean;
  queue: string[];
}

export class SyslogForwarder {
  private udp: UdpSocket | undefined;
  private readonly streams = new Map<string, Stream>();
  private readonly failedAt = new Map<string, number>();
  /** lines not sent: a server not allowed, a queue full, a connection down */
  dropped = 0;
  /** servers already reported as not allowed (each is said once, not once a line) */
  private readonly refused = new Set<string>();

  /** `onRefused` hears, once per address, of a configured server the lab server will not reach. */
  constructor(private readonly options: { allowRemote: boolean; wallNow: () => number; onRefused?: (address: string) => void }) {}

  /** Forwards every log line `twin`'s peers write from now on; returns the unsubscribe. */
  follow(twin: Twin): () => void {
    return twin.onLogLine((peer, line) => {
      for (const server of syslogServers(twin.observe(peer))) {
        const message = syslogMessage(line, server.format);
        if (message && passes(message.severity, server.severity)) this.send(server, message.text);
      }
    });
  }

  send(server: SyslogServer, text: string): void {
    if (!this.allowed(server.address)) {
      this.dropped++;
      if (!this.refused.has(server.address)) {
        this.refused.add(server.address);
        this.options.onRefused?.(server.address);
      }
      return;
    }
    if (server.transport === 'UDP') {
      this.udp ??= createSocket('udp4').on('error', () => {});
      this.udp.send(text, server.port, server.address === 'localhost' ? '127.0.0.1' : server.address);
      return;
    }
    const key = `${server.transport}:${server.address}:${server.port}`;
    let stream = this.streams.get(key);
    if (!stream) {
      const failed = this.failedAt.get(key);
      if (failed !== undefined && this.options.wallNow() - failed < SYSLOG_RETRY_MS) {
        this.dropped++;
        return;
      }
      stream = this.open(key, server);
    }
    if (stream.ready) stream.socket.write(`${text}\n`);
    else {
      if (stream.queue.length >= SYSLOG_QUEUE_LINES) {
        stream.queue.shift();
        this.dropped++;
      }
      stream.queue.push(text);
    }
  }

  close(): void {
    this.udp?.close();
    this.udp = undefined;
    for (const s of this.streams.values()) s.socket.destroy();
    this.streams.clear();
  }

  private open(key: string, server: SyslogServer): Stream {
    const host = server.address === 'localhost' ? '127.0.0.1' : server.address;
    const onReady = (): void => {
      stream.ready = true;
      for (const line of stream.queue) socket.write(`${line}\n`);
      stream.queue = [];
    };
    // assumption: the twin holds no CA list for syslog servers (the product's CRL checking is off by
    // default); a TLS server's certificate is taken as it is, as the lab's loopback receivers are self-signed.
    const socket = server.transport === 'TLS'
      ? tlsConnect({ host, port: server.port, rejectUnauthorized: false, ...(isIP(host) ? {} : { servername: host }) }, onReady)
      : tcpConnect({ host, port: server.port }, onReady);
    const stream: Stream = { socket, ready: false, queue: [] };
    socket.on('error', () => {
      this.failedAt.set(key, this.options.wallNow());
      this.dropped += stream.queue.length;
      stream.queue = [];
    });
    socket.on('close', () => {
      if (this.streams.get(key) === stream) this.streams.delete(key);
    });
    this.streams.set(key, stream);
    return stream;
  }

  private allowed(address: string): boolean {
    if (this.options.allowRemote) return true;
    return address === 'localhost' || /^127\./.test(address);
  }
}
