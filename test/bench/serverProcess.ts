// The lab server of the memory figures, in a process of its own: the bench's HTTP client (undici's
// pools and buffers) then cannot count as the server's memory. Started by server.bench.ts with an IPC
// channel; it creates the labs, ages them, prints nothing, and answers the parent's messages:
//   { kind: 'labs' } → { kind: 'labs', url, labs: [{ id, studentToken }] }
//   { kind: 'memory' } → { kind: 'memory', rssMb, heapMb } (after a full GC)
//   { kind: 'close' } → closes the server and exits
import { startServer } from '../../src/server/app.js';

const LABS = Number(process.env.XTW_BENCH_LABS ?? 100);
const AGE_HOURS = Number(process.env.XTW_BENCH_AGE_HOURS ?? 48);
const dbFile = process.env.XTW_BENCH_DB ?? ':memory:';

const gc = (globalThis as { gc?: () => void }).gc;
const server = await startServer({ dbFile, httpPort: 0 });
const entry = server.catalog.find((c) => c.name === 'add-peer')!;
const labs = Array.from({ length: LABS }, () => {
  const created = server.labs.create({ ...entry, speed: 600 });
  if (!created.ok) throw new Error(created.message);
  // A lab keeps a bounded history (limits.ts LAB_TRACE_KEPT, LAB_LOG_LINES_KEPT) that an idle add-peer
  // lab fills in about two virtual days (measured: heap flat from 48 h to 240 h): age each lab past
  // that first, so the window measures growth, not filling.
  for (let h = 0; h < AGE_HOURS; h += 6) {
    const waited = server.labs.act(created.view.meta.id, 'trainer', { kind: 'wait', durationMs: 6 * 3_600_000 });
    if (!waited.ok) throw new Error(waited.message);
  }
  return { id: created.view.meta.id, studentToken: created.view.meta.studentToken };
});

function memory() {
  gc?.();
  const m = process.memoryUsage();
  return { kind: 'memory', rssMb: m.rss / 1_048_576, heapMb: m.heapUsed / 1_048_576 };
}

process.on('message', async (msg: { kind: string }) => {
  if (msg.kind === 'labs') process.send!({ kind: 'labs', url: server.url, labs });
  else if (msg.kind === 'memory') process.send!(memory());
  else if (msg.kind === 'close') {
    await server.close();
    process.exit(0);
  }
});
process.send!({ kind: 'ready' });
