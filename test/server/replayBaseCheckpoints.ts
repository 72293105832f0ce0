// A stand-in for the twin saving itself (the model side of issue #15, not in this build yet): a
// "replay base" checkpoint keeps the log that built the twin and loads by replaying it. It tests
// every part of the server's checkpoint path — when checkpoints are written, how a restore starts
// from one and replays what came after (a folded clock entry included), the fallbacks — on real
// SQLite files and in other processes, without making restores faster.
import type { Runbook } from '../../src/runbook/schema.js';
import { Lab, type LabEntry } from '../../src/server/lab.js';
import type { TwinCheckpoints } from '../../src/server/twinCheckpoints.js';
import type { Seed } from '../../src/twin.js';

export function replayBaseCheckpoints(format = 1): TwinCheckpoints & { loads: number } {
  return {
    format,
    loads: 0,
    save: (_twin, log) => ({ log: log.map((e) => ({ ...e })) }),
    load(runbook: Runbook, seed: Seed, saved: unknown) {
      this.loads++;
      const { log } = saved as { log: LabEntry[] };
      if (!Array.isArray(log)) throw new Error('not a replay base');
      return Lab.replay(runbook, seed, log).twin;
    },
  };
}
