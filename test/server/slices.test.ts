// The server's long jobs run in slices so requests are answered in between (issue #15: a request
// must not wait behind a hundred labs' clocks or a lab's restore).
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/app.js';
import { runInSlices, runToEnd } from '../../src/server/slices.js';

function* counting(n: number, seen: number[]): Generator<void, string> {
  for (let i = 0; i < n; i++) {
    seen.push(i);
    yield;
  }
  return 'done';
}

describe('slices', () => {
  it('runInSlices lets others in between steps once a slice used its budget, and returns the result', async () => {
    const seen: number[] = [];
    const pausedAfter: number[] = [];
    const result = await runInSlices(counting(5, seen), async () => void pausedAfter.push(seen.length), -1);
    expect(result).toBe('done');
    expect(pausedAfter).toEqual([1, 2, 3, 4, 5]);
  });

  it('runInSlices with a large budget never pauses; runToEnd runs at once', async () => {
    let pauses = 0;
    expect(await runInSlices(counting(5, []), async () => void pauses++, 60_000)).toBe('done');
    expect(pauses).toBe(0);
    expect(runToEnd(counting(3, []))).toBe('done');
  });
});

describe('the lab clock tick, one lab at a time', () => {
  let server: RunningServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('yields after each running lab, and each lab moves on by its own wall time even when another is deleted mid-tick', async () => {
    let wall = 0;
    server = await startServer({ dbFile: ':memory:', httpPort: 0, tick: false, wallNow: () => wall });
    const entry = server.catalog.find((c) => c.name === 'add-peer')!;
    const ids = [0, 1, 2].map(() => {
      const created = server!.labs.create({ ...entry, speed: 60 });
      if (!created.ok) throw new Error(created.message);
      return created.view.meta.id;
    });
    const before = ids.map((id) => server!.labs.get(id)!.lab.twin.nowMs);
    wall += 1_000;
    const steps = server.labs.ticking();
    expect(steps.next().done).toBe(false);
    // Between slices a request may delete a lab: the tick skips it and goes on with the rest.
    server.labs.remove(ids[1]!);
    let yields = 1;
    while (!steps.next().done) yields++;
    expect(yields).toBe(2);
    expect(server.labs.get(ids[0]!)!.lab.twin.nowMs - before[0]!).toBe(60_000);
    expect(server.labs.get(ids[2]!)!.lab.twin.nowMs - before[2]!).toBe(60_000);
  });
});
