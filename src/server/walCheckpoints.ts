/**
 * SQLite's WAL checkpoints off the event loop. In WAL mode every commit appends pages to the WAL
 * file, and by default the commit that takes it past 1,000 pages also copies them into the database
 * file and syncs it — on the connection that committed, so in the lab server on the event loop,
 * where every request waits for it. A hundred labs at ×600 commit a few hundred times a second (a
 * clock entry and log lines each time, a few pages a commit): measured, a checkpoint of 6,700 such
 * pages takes 30 to 50 ms, one of 1,000 pages 5 to 8, about once a second.
 *
 * Here a worker thread with its own connection to the same file runs a passive checkpoint every
 * WAL_CHECKPOINT_EVERY_MS (SQLite lets it run beside the server's writes: it copies what is
 * committed and waits for nobody), and the server's connection checkpoints only past
 * WAL_BOUND_PAGES: a passive checkpoint that never catches up with the writes lets the WAL grow
 * (measured: 23 MB in 40 s of the server's write mix), one on the writer's own connection finishes
 * and lets SQLite start the file again — quickly, as the worker has copied nearly all of it. In that
 * write mix, commits over 10 ms fell from about 4 a second to 1. Should the worker fail, the
 * server's connection checkpoints as SQLite does by default. Durability is SQLite's either way: a
 * commit is in the WAL when it returns, whoever copies it on.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { WAL_BOUND_PAGES, WAL_CHECKPOINT_EVERY_MS } from './limits.js';

/** SQLite's own default, which the server's connection returns to when the worker is gone. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1_000;

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage('ready');
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopped = false;

  /** Starts checkpointing `file` in a worker; `db` (the server's connection) checkpoints only past WAL_BOUND_PAGES once it runs. */
  constructor(file: string, private readonly db: Database.Database) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER, { eval: true, workerData: { driver, file, everyMs: WAL_CHECKPOINT_EVERY_MS } });
    this.worker.unref();
    this.worker.once('message', () => {
      if (!this.stopped) db.pragma(`wal_autocheckpoint = ${WAL_BOUND_PAGES}`);
    });
    this.worker.once('error', () => this.fallBack());
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve(this.fallBack())));
  }

  /**
   * Ends the worker: it closes its connection after the checkpoint it may be running. The server's
   * connection checkpoints for itself from now on (and as it closes, SQLite's last one). Settles
   * when the worker is gone.
   */
  stop(): Promise<void> {
    this.fallBack();
    this.worker.postMessage('stop');
    return this.exited;
  }

  private fallBack(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  }
}
