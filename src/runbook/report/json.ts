/** The run as JSON: stable (no wall-clock values), so two runs with the same seed give identical text. */
import { buildTimeline } from '../timeline.js';
import type { RunResult } from '../run.js';
import { describeTwinFault } from './twinFault.js';

export function jsonReport(run: RunResult, file?: string): object {
  const t = buildTimeline(run);
  return {
    runbook: run.name,
    ...(file ? { file } : {}),
    seed: run.seed,
    passed: run.passed,
    traceHash: run.traceHash,
    virtualDurationMs: run.endMs,
    degradedMs: t.degradedMs,
    steps: run.steps.map((s) => ({ index: s.index + 1, text: s.text, startMs: s.startMs, endMs: s.endMs, ok: s.ok, ...(s.error ? { error: s.error } : {}), output: s.output, expectations: s.verdicts })),
    failures: run.failures.map((f) => ({ ...f, step: f.step + 1 })),
    /** errors inside the model (the run failed whatever its expectations said); steps count from 1 */
    twinFaults: run.twinFaults.map((f) => ({ ...f, ...(f.step !== undefined ? { step: f.step + 1 } : {}), text: `twin fault: ${describeTwinFault(f, run)}` })),
    alarms: t.alarms,
    outages: t.outages,
    // Step numbers 1-based, as in `steps` and `failures`.
    armedTraps: run.armedTraps.map((a) => ({
      ...a, ...(a.armedByStep !== undefined ? { armedByStep: a.armedByStep + 1 } : {}), ...(a.disarmedByStep !== undefined ? { disarmedByStep: a.disarmedByStep + 1 } : {}),
    })),
    timeline: t.entries,
  };
}
