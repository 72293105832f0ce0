/**
 * The lab's websockets: `/api/labs/:id/stream` pushes batches of trace events (alarms raised and
 * cleared, lifecycle changes, links, actions) as they happen, so the browser redraws without
 * polling; `/api/labs/:id/terminal?peer=…&account=admin|root` is a terminal on a peer (the same
 * Terminal the SSH endpoint uses). The token comes as `?token=`, browsers cannot set headers here.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { authorize } from './api.js';
import { visibleEvents } from './visibility.js';
import type { LabManager } from './labs.js';
import { ACCOUNTS, labShell, type Account } from './shells.js';
import { Terminal } from './terminal.js';

/** Bytes one terminal message may carry (STYLE R8). */
export const MAX_TERMINAL_INPUT = 16_384;

/** Websocket close codes: 4404 no such lab or token, 4400 bad request, 4429 too many watchers. */
export function registerStreams(app: FastifyInstance, labs: LabManager): void {
  app.get('/api/labs/:id/stream', { websocket: true }, (socket: WebSocket, req: FastifyRequest) => {
    const auth = authorize(labs, req);
    if (!auth.ok) return socket.close(4404, auth.message.slice(0, 120));
    const id = auth.view.meta.id;
    const stop = labs.watch(id, (batch) => {
      if (socket.readyState !== socket.OPEN) return;
      // The trainer may show or hide faults while the socket is open: the lab's setting now decides.
      const meta = labs.get(id)?.meta ?? auth.view.meta;
      socket.send(JSON.stringify({ type: 'events', ...batch, events: visibleEvents(auth.role, meta, batch.events) }));
    });
    if (!stop) return socket.close(4429, 'too many watchers on this lab');
    socket.send(JSON.stringify({ type: 'hello', nowMs: auth.view.lab.twin.nowMs }));
    socket.on('close', stop);
  });

  app.get('/api/labs/:id/terminal', { websocket: true }, (socket: WebSocket, req: FastifyRequest) => {
    const auth = authorize(labs, req);
    if (!auth.ok) return socket.close(4404, auth.message.slice(0, 120));
    const query = req.query as { peer?: string; account?: string };
    const peer = query.peer ?? '';
    const account = (query.account ?? 'admin') as Account;
    if (!ACCOUNTS.includes(account)) return socket.close(4400, `account must be one of ${ACCOUNTS.join(', ')}`);
    const shell = labShell(labs, auth.view.meta.id, auth.role, peer, account);
    if (!shell) return socket.close(4400, `no peer '${peer.slice(0, 60)}' in this lab`);
    const terminal = new Terminal(shell, {
      write: (text) => socket.readyState === socket.OPEN && socket.send(text),
      close: () => socket.close(1000, 'session ended'),
    }, true);
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (data.length > MAX_TERMINAL_INPUT) return;
      terminal.input(isBinary ? data.toString('utf8') : data.toString());
    });
    const unwatch = labs.watch(auth.view.meta.id, () => terminal.poll());
    if (!unwatch) return socket.close(4429, 'too many watchers on this lab');
    socket.on('close', unwatch);
    terminal.start();
  });
}
