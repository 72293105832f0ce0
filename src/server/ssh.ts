/**
 * The SSH endpoint (ssh2): a real SSH client lands in a virtual peer's shell.
 *
 *   ssh -p 2222 expc01.<lab>@127.0.0.1         the admin account's tshell on expc01
 *   ssh -p 2222 root.expc01.<lab>@127.0.0.1    root's shell on expc01
 *
 * The password is the lab's student or trainer token. `ssh host 'xStatus Cluster'` runs one command
 * and exits; a shell with a pty gets line editing; a shell without one reads a script from stdin.
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Server as NetServer, Socket } from 'node:net';
import ssh2 from 'ssh2';
import type { LabManager, Role } from './labs.js';
import { MAX_SSH_CONNECTIONS, SSH_HANDSHAKE_TIMEOUT_MS } from './limits.js';
import { openLabTerminal, type Account } from './shells.js';

const { Server } = ssh2;

export { MAX_SSH_CONNECTIONS } from './limits.js';

export interface SshEndpoint {
  readonly port: number;
  close(): Promise<void>;
}

/** Who a login names: `[root.]<peer>.<lab>`. */
export function parseLogin(username: string): { account: Account; peer: string; lab: string } | undefined {
  const parts = username.split('.');
  if (parts.length < 2) return undefined;
  const root = parts[0] === 'root' && parts.length >= 3;
  const lab = parts.at(-1)!;
  const peer = parts.slice(root ? 1 : 0, -1).join('.');
  return peer && lab ? { account: root ? 'root' : 'admin', peer, lab } : undefined;
}

/**
 * A host key that stays the same across restarts when `keyFile` is given (clients remember it in
 * known_hosts); generated on first use.
 */
export function hostKey(keyFile?: string): string {
  if (keyFile && existsSync(keyFile)) return readFileSync(keyFile, 'utf8');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
  if (keyFile) writeFileSync(keyFile, privateKey, { mode: 0o600 });
  return privateKey;
}

/** The TCP socket under an ssh2 connection (ssh2 keeps it as `_sock`; it has no public accessor). */
function socketOf(client: ssh2.Connection): Socket | undefined {
  return (client as unknown as { _sock?: Socket })._sock;
}

export function startSsh(labs: LabManager, options: { port: number; host: string; hostKey: string; handshakeTimeoutMs?: number }): Promise<SshEndpoint> {
  let connections = 0;
  /** Sockets whose key exchange has not finished, with the timer that closes them. */
  const handshakes = new WeakMap<Socket, NodeJS.Timeout>();
  const server = new Server({ hostKeys: [options.hostKey], banner: 'expressway-twin: a virtual Expressway peer' }, (client) => {
    connections++;
    client.on('close', () => connections--);
    client.on('error', () => {});
    if (connections > MAX_SSH_CONNECTIONS) return client.end();
    const socket = socketOf(client);
    client.on('handshake', () => socket && clearTimeout(handshakes.get(socket)));
    let login: { account: Account; peer: string; lab: string; role: Role } | undefined;

    client.on('authentication', (ctx) => {
      const who = parseLogin(ctx.username);
      if (ctx.method !== 'password' || !who) return ctx.reject(['password']);
      const auth = labs.authorize(who.lab, ctx.password);
      if (!auth.ok || !auth.view.lab.twin.peerNames().includes(who.peer)) return ctx.reject(['password']);
      login = { ...who, role: auth.role };
      ctx.accept();
    });

    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        let pty: { cols: number } | undefined;
        let resize: ((cols: number) => void) | undefined;
        session.on('pty', (accept, _reject, info) => {
          pty = { cols: info.cols };
          accept?.();
        });
        session.on('window-change', (accept, _reject, info) => {
          resize?.(info.cols);
          accept?.();
        });
        session.on('env', (accept) => accept?.());
        session.on('shell', (accept) => {
          const stream = accept();
          const opened = openLabTerminal(labs, { ...login!, labId: login!.lab }, { write: (t) => stream.write(t), close: () => finish(stream) },
            { pty: pty !== undefined, ...(pty && pty.cols > 0 ? { columns: pty.cols } : {}), watch: true });
          if (!opened.ok) return finish(stream);
          const { terminal, stop } = opened;
          resize = (cols) => terminal.resize(cols);
          stream.on('data', (d: Buffer) => terminal.input(d.toString('utf8')));
          stream.on('end', () => terminal.end());
          stream.on('close', stop);
          terminal.start();
        });
        session.on('exec', (accept, _reject, info) => {
          const stream = accept();
          const opened = openLabTerminal(labs, { ...login!, labId: login!.lab }, { write: (t) => stream.write(t), close: () => finish(stream) }, { pty: false, watch: false });
          if (!opened.ok) return finish(stream);
          opened.terminal.input(`${info.command}\n`);
          opened.terminal.end();
        });
      });
    });
  });

  // A connection that never starts (or never finishes) its key exchange holds a slot for nothing.
  // ssh2 hands over a connection only once the client has spoken, so the timer sits on the raw socket.
  (server as unknown as { _srv: NetServer })._srv.on('connection', (socket: Socket) => {
    const timer = setTimeout(() => socket.destroy(), options.handshakeTimeoutMs ?? SSH_HANDSHAKE_TIMEOUT_MS);
    handshakes.set(socket, timer);
    socket.once('close', () => clearTimeout(timer));
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(options.port, options.host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({ port, close: () => new Promise<void>((done) => server.close(() => done())) });
    });
  });
}

function finish(stream: { exit(code: number): void; end(): void }): void {
  stream.exit(0);
  stream.end();
}
