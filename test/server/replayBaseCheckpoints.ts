// A stand-in for the twin saving itself: a "replay base" checkpoint keeps the log that built the
// twin and loads by replaying it. It tests the server's checkpoint path on its own — when
// checkpoints are written, how a restore starts from one and replays what came after (a folded
// clock entry included), the fallbacks — on real SQLite files, whatever the twin's own save does
// (logRows.test.ts and the kill -9 test use the twin's own).
import type { Runbook } from '../../src/runbook/schema.js';
import { Lab, type LabEntry } from '../../src/server/lab.js';
import type { TwinCheckpoints } from '../../src/server/twinCheckpoints.js';
import type { Seed } from '../../src/twin.js';

export function replayBaseCheckpoints(format = 1): TwinCheckpoints & { loads: number } {
  return {
    format,
    logsApart: false,
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
