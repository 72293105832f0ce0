/**
 * One virtual peer's HTTPS listener: the product's XML and REST APIs (handleHttp) behind Basic auth
 * as on the product — user `admin`, the lab's student or trainer token as password, like SSH — with
 * the product's 401 realm. A change made through REST is an operator action like any other: it goes
 * through the lab manager's `act` (checked, stored before it is answered, replayed after a restart).
 * A peer that is not serving refuses the connection, as the product's would: the socket is closed.
 */
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, handleHttp, PEER_ADMIN_USER, type HttpApply, type Credentials } from '../operator/index.js';
import type { LabManager, Role } from './labs.js';
import { PEER_HTTP_BODY_LIMIT, PEER_HTTP_CONNECTIONS, PEER_HTTP_REQUEST_TIMEOUT_MS } from './limits.js';
import type { TlsIdentity } from './tlsIdentity.js';

/** Credentials no Basic header can present (a user name cannot hold the colon that ends it). */
const NOBODY: Credentials = { user: ':', password: '' };

export function createPeerHttps(labs: LabManager, labId: string, peer: string, tls: TlsIdentity): Server {
  const server = createServer({ cert: tls.cert, key: tls.key, requestTimeout: PEER_HTTP_REQUEST_TIMEOUT_MS }, (req, res) => {
    readBody(req, (body) => {
      if (body === undefined) return send(res, 413, { 'Content-Type': 'text/plain; charset=utf-8' }, 'Request Entity Too Large');
      answer(labs, labId, peer, req, res, body);
    });
  });
  server.maxConnections = PEER_HTTP_CONNECTIONS;
  return server;
}

function answer(labs: LabManager, labId: string, peer: string, req: IncomingMessage, res: ServerResponse, body: string): void {
  const view = labs.get(labId);
  if (!view || !view.lab.twin.peerNames().includes(peer) || !view.lab.twin.observe(peer).serving) {
    req.socket.destroy();
    return;
  }
  const presented = basicCredentials(req.headers.authorization);
  const auth = presented && presented.user === PEER_ADMIN_USER ? labs.authorize(labId, presented.password) : undefined;
  const role: Role | undefined = auth?.ok ? auth.role : undefined;
  const apply: HttpApply = (action) => {
    if (role === undefined) return { ok: false, message: 'not authorized', status: 401 };
    const done = labs.act(labId, role, action);
    if (!done.ok) return { ok: false, message: done.message, status: done.status };
    return done.result.ok ? { ok: true } : { ok: false, message: done.result.error.message };
  };
  const r = handleHttp(view.lab.twin, peer, { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body },
    { credentials: role !== undefined && presented ? presented : NOBODY, apply });
  send(res, r.status, r.headers, r.body);
}

function send(res: ServerResponse, status: number, headers: Readonly<Record<string, string>>, body: string): void {
  res.writeHead(status, { ...headers, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** The body as text, or undefined (and the rest ignored) once it exceeds PEER_HTTP_BODY_LIMIT. */
function readBody(req: IncomingMessage, done: (body: string | undefined) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let over = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > PEER_HTTP_BODY_LIMIT) over = true;
    else chunks.push(chunk);
  });
  req.on('end', () => done(over ? undefined : Buffer.concat(chunks).toString('utf8')));
  req.on('error', () => req.socket.destroy());
}
