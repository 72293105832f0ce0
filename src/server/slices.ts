/**
 * Long work on the event loop, cut into slices: the server's two long jobs — rebuilding a stored lab
 * from its log, and moving a hundred running lab clocks on — are generators that yield between
 * small pieces of work. `runInSlices` lets other work (requests, websockets) in whenever a slice has
 * used its wall budget, so no request waits long behind them; `runToEnd` runs one at once (tests,
 * the final tick at close). One mechanism for both jobs.
 */
import { performance } from 'node:perf_hooks';

/** Runs `steps` to its end, awaiting `pause` each time about `sliceWallMs` of wall time has passed. */
export async function runInSlices<T>(steps: Generator<void, T>, pause: () => Promise<void>, sliceWallMs: number): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    // Let others in every few milliseconds of work, not after every tiny step.
    if (performance.now() - sliceStart > sliceWallMs) {
      await pause();
      sliceStart = performance.now();
    }
  }
}

/** Runs `steps` to its end without letting anything in. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The pause between slices: the rest of this turn of the event loop (I/O callbacks run first). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
