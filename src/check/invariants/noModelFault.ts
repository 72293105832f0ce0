// Crash: the model itself never fails (issue #11 §1). An exception inside a peer's lifecycle actor,
// a scheduled callback of the cluster layer or the kernel, or an operator verb halts the twin; a
// case that meets one is a `crash`, whatever the runbook's expectations say. runCase checks it
// first on every case (a halted world cannot be judged any further), whether or not a runbook's
// `invariants:` list names it; this entry is what the catalog shows and what `check` reads.
import { describeTwinFault } from '../../runbook/report/twinFault.js';
import { broken, HOLDS, type Invariant } from './types.js';

export const NO_MODEL_FAULT: Invariant = {
  name: 'no-model-fault',
  class: 'crash',
  description: 'no error inside the model (a peer\'s lifecycle, a cluster or kernel callback, an operator verb); always checked',
  check({ run }) {
    const f = run.twinFaults[0];
    return f ? broken(describeTwinFault(f, run), run.events.filter((e) => e.kind === 'twin.fault')) : HOLDS;
  },
};
