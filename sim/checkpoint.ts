/**
 * The kernel's part of a checkpoint (issue #15): random streams, network, DNS, trace and event
 * queue, saved as one plain-JSON value and loaded into a freshly built world in the one order that
 * works: streams, network and DNS first; then the owners above re-attach their handlers and load
 * their own state (`betweenParts`); then the trace; the queue last, because its pending events
 * name connections, probes and handlers that must already exist.
 */
import { SimError } from './errors.js';
import type { Dns, DnsSave } from './dns.js';
import type { Network, NetworkSave } from './net/index.js';
import type { EventQueue, QueueSave } from './queue.js';
import type { Rng, RngSave } from './random.js';
import type { Trace, TraceSave } from './trace.js';

/** Bumped whenever the saved shape changes: a checkpoint of another format is not loaded. */
export const KERNEL_CHECKPOINT_FORMAT = 1;

export interface KernelParts {
  queue: EventQueue;
  rng: Rng;
  trace: Pick<Trace, 'save' | 'load'>;
  net: Network;
  dns: Dns;
}

export interface KernelSave {
  format: number;
  rng: RngSave;
  net: NetworkSave;
  dns: DnsSave;
  trace: TraceSave;
  queue: QueueSave;
}

/** Everything the kernel holds. Throws XTW_ERR_SIM_NOT_SAVABLE when a pending event or callback is a closure. */
export function saveKernel(parts: KernelParts): KernelSave {
  // The queue first: it is the part most likely to refuse (a pending closure), and it names the culprit.
  const queue = parts.queue.save();
  return { format: KERNEL_CHECKPOINT_FORMAT, rng: parts.rng.save(), net: parts.net.save(), dns: parts.dns.save(), trace: parts.trace.save(), queue };
}

/**
 * Load into a world built the normal way (same topology, seed and constructors). `betweenParts`
 * runs after the network and DNS are loaded and before the trace and queue: the owners re-attach
 * there. A network part still waiting for its owner afterwards is an error, named.
 */
export function loadKernel(parts: KernelParts, saved: KernelSave, betweenParts: () => void = () => undefined): void {
  if (saved === null || typeof saved !== 'object' || saved.format !== KERNEL_CHECKPOINT_FORMAT) {
    throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the kernel checkpoint', why: `format ${String((saved as { format?: unknown } | null)?.format)}, this build reads ${KERNEL_CHECKPOINT_FORMAT}` });
  }
  parts.rng.load(saved.rng);
  parts.net.load(saved.net);
  parts.dns.load(saved.dns);
  betweenParts();
  const waiting = parts.net.unattached();
  if (waiting.length > 0) {
    throw new SimError('XTW_ERR_SIM_BAD_CHECKPOINT', { value: 'the network', why: `no owner re-attached ${waiting.join(', ')}` });
  }
  parts.trace.load(saved.trace);
  parts.queue.load(saved.queue);
}
