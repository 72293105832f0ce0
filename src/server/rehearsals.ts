/**
 * Rehearsals off the event loop: an uploaded runbook runs in a worker thread (one CPU-heavy run
 * takes seconds at the server's limits), so every other request is answered meanwhile. One worker,
 * started on the first rehearsal, takes jobs in turn; at most MAX_REHEARSALS_WAITING wait for it,
 * and one client has at most one rehearsal in hand. A run beyond REHEARSAL_TIMEOUT_MS is stopped.
 */
import { Worker } from 'node:worker_threads';
import { refusal, type ServerErrorCode } from './errors.js';
import { MAX_REHEARSALS_WAITING, REHEARSAL_TIMEOUT_MS } from './limits.js';

export interface RehearsalJob {
  readonly runbook: string;
  readonly fileName: string;
  readonly format: 'html' | 'json' | 'text';
}

export type RehearsalAnswer =
  | { readonly ok: true; readonly type: string; readonly body: string }
  | { readonly ok: false; readonly code: ServerErrorCode; readonly message: string };

interface Waiting {
  readonly id: number;
  readonly job: RehearsalJob;
  readonly client: string;
  readonly done: (a: RehearsalAnswer) => void;
}

export class Rehearsals {
  private worker: Worker | undefined;
  private readonly queue: Waiting[] = [];
  private running: (Waiting & { timer: NodeJS.Timeout }) | undefined;
  private readonly clients = new Set<string>();
  private nextId = 1;

  /** The rehearsal's report, or a refusal: the client already has one in hand, or too many wait. */
  run(client: string, job: RehearsalJob): Promise<RehearsalAnswer> {
    if (this.clients.has(client)) return Promise.resolve(refusal('XTW_ERR_SERVER_BUSY', { value: 'you already have a rehearsal running; wait for its report' }));
    if (this.queue.length >= MAX_REHEARSALS_WAITING) return Promise.resolve(refusal('XTW_ERR_SERVER_BUSY', { value: `${MAX_REHEARSALS_WAITING} rehearsals are waiting already; try again in a minute` }));
    this.clients.add(client);
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, client, done: (a) => (this.clients.delete(client), resolve(a)) });
      this.next();
    });
  }

  async close(): Promise<void> {
    for (const w of this.queue.splice(0)) w.done(refusal('XTW_ERR_SERVER_BUSY', { value: 'the server is stopping' }));
    if (this.running) {
      clearTimeout(this.running.timer);
      this.running.done(refusal('XTW_ERR_SERVER_BUSY', { value: 'the server is stopping' }));
      this.running = undefined;
    }
    await this.worker?.terminate();
    this.worker = undefined;
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    const w = this.queue.shift()!;
    const worker = this.start();
    const timer = setTimeout(() => this.finish(w.id, refusal('XTW_ERR_SERVER_REHEARSAL_TIMEOUT', { value: REHEARSAL_TIMEOUT_MS / 1000 }), true), REHEARSAL_TIMEOUT_MS);
    this.running = { ...w, timer };
    worker.postMessage({ id: w.id, ...w.job });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./rehearsalWorker.mjs', import.meta.url));
    worker.on('message', (m: { id: number; answer: RehearsalAnswer }) => this.finish(m.id, m.answer, false));
    worker.on('error', (e) => this.finish(this.running?.id ?? -1, refusal('XTW_ERR_SERVER_INTERNAL', { value: `the rehearsal failed: ${e.message}` }), true));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private finish(id: number, answer: RehearsalAnswer, restart: boolean): void {
    if (!this.running || this.running.id !== id) return;
    clearTimeout(this.running.timer);
    const { done } = this.running;
    this.running = undefined;
    if (restart) {
      void this.worker?.terminate();
      this.worker = undefined;
    }
    done(answer);
    this.next();
  }
}
