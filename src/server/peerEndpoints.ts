/**
 * Every peer of every lab as a host a client can reach (issue #17): its own loopback HTTPS listener
 * (the XML and REST APIs) and SNMP agent, on one port number from the configured range (TCP for
 * HTTPS, UDP for SNMP), and its log lines forwarded to the remote syslog servers it is configured
 * with. `sync` brings the listeners in line with the labs the manager holds — new labs' peers get
 * ports, ended labs give theirs back, rebuilt labs are followed anew — and runs on the server's tick
 * and right after a lab is created or ended, one run at a time.
 */
import type { Server } from 'node:https';
import type { Lab } from './lab.js';
import type { LabManager } from './labs.js';
import { createPeerHttps } from './peerHttps.js';
import { startPeerSnmp, type PeerSnmpAgent } from './peerSnmp.js';
import type { SyslogForwarder } from './syslogForwarder.js';
import type { TlsIdentity } from './tlsIdentity.js';

export interface PeerAddress {
  readonly peer: string;
  readonly https: string;
  readonly snmp: string;
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

interface OpenPeer {
  readonly port: number;
  readonly https: Server;
  readonly snmp: PeerSnmpAgent;
}

interface OpenLab {
  lab: Lab;
  unfollow: () => void;
  readonly peers: Map<string, OpenPeer>;
}

export class PeerEndpoints {
  private readonly labsOpen = new Map<string, OpenLab>();
  private readonly used = new Set<number>();
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  /** peers left without listeners because the range had no free port (the banner says so) */
  unplaced = 0;

  constructor(
    private readonly labs: LabManager,
    private readonly options: { host: string; ports: PortRange; tls: TlsIdentity; syslog: SyslogForwarder },
  ) {}

  /** The peers of a lab with their addresses, in the lab's peer order. */
  addresses(labId: string): PeerAddress[] {
    const open = this.labsOpen.get(labId);
    if (!open) return [];
    const host = this.options.host;
    return open.lab.twin.peerNames().flatMap((peer) => {
      const p = open.peers.get(peer);
      return p ? [{ peer, https: `https://${host}:${p.port}`, snmp: `${host}:${p.port}` }] : [];
    });
  }

  /** Brings the listeners in line with the labs; a call during a run waits for one more run. */
  sync(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again && !this.closed);
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running;
    for (const id of [...this.labsOpen.keys()]) await this.closeLab(id);
  }

  private async syncOnce(): Promise<void> {
    const views = new Map(this.labs.list().map((v) => [v.meta.id, v]));
    for (const id of [...this.labsOpen.keys()]) if (!views.has(id)) await this.closeLab(id);
    this.unplaced = 0;
    for (const [id, view] of views) {
      if (this.closed) return;
      let open = this.labsOpen.get(id);
      if (!open) {
        open = { lab: view.lab, unfollow: this.options.syslog.follow(view.lab.twin), peers: new Map() };
        this.labsOpen.set(id, open);
      } else if (open.lab !== view.lab) {
        // The lab was rebuilt from its log: follow the new world's log lines.
        open.unfollow();
        open.lab = view.lab;
        open.unfollow = this.options.syslog.follow(view.lab.twin);
      }
      for (const peer of view.lab.twin.peerNames()) {
        if (!open.peers.has(peer)) {
          const opened = await this.openPeer(id, peer);
          if (opened) open.peers.set(peer, opened);
          else this.unplaced++;
        }
      }
      for (const p of open.peers.values()) p.snmp.refreshAccess();
    }
  }

  /** A free port of the range with both listeners on it, or undefined when the range is used up. */
  private async openPeer(labId: string, peer: string): Promise<OpenPeer | undefined> {
    const { host, ports, tls } = this.options;
    for (let port = ports.from; port <= ports.to; port++) {
      if (this.used.has(port)) continue;
      this.used.add(port);
      const https = createPeerHttps(this.labs, labId, peer, tls);
      try {
        await listen(https, host, port);
      } catch {
        this.used.delete(port);
        continue;
      }
      try {
        const snmp = await startPeerSnmp(() => this.labs.get(labId)?.lab.twin, peer, host, port);
        return { port, https, snmp };
      } catch {
        await new Promise<void>((resolve) => https.close(() => resolve()));
        this.used.delete(port);
      }
    }
    return undefined;
  }

  private async closeLab(id: string): Promise<void> {
    const open = this.labsOpen.get(id);
    if (!open) return;
    this.labsOpen.delete(id);
    open.unfollow();
    for (const p of open.peers.values()) {
      p.https.closeAllConnections();
      await new Promise<void>((resolve) => p.https.close(() => resolve()));
      await p.snmp.close();
      this.used.delete(p.port);
    }
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
