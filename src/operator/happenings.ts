/**
 * What a trace event means to an operator, in one line: alarms raised and cleared, a peer's
 * lifecycle changing, faults injected and healed, a factory reset. The run report's timeline and
 * `xtwin shell`'s `wait` both say it this way. Everything else in the trace (packets, DNS, log
 * lines) is left out: it is the model's working, not something an operator sees happen.
 */
import { alarmDefinition, type AlarmKey, type TraceEvent } from '../twin.js';

export interface Happening {
  readonly atMs: number;
  /** the peer, or 'fault' */
  readonly source: string;
  readonly kind: 'alarm-raised' | 'alarm-cleared' | 'state' | 'fault' | 'heal' | 'factory-reset' | 'twin-fault';
  readonly text: string;
}

export function happening(e: TraceEvent): Happening | undefined {
  const d = e.data as Record<string, unknown>;
  const at = (source: string, kind: Happening['kind'], text: string): Happening => ({ atMs: e.atMs, source, kind, text });
  switch (e.kind) {
    case 'alarm.raise': {
      const def = alarmDefinition(d.key as AlarmKey);
      return at(e.source, 'alarm-raised', `${def.shownId} ${typeof d.detail === 'string' ? d.detail : `${def.title}: ${def.description}`}`);
    }
    case 'alarm.lower': return at(e.source, 'alarm-cleared', `${String(d.id)} cleared`);
    // `init` is how the world starts, not something that happened.
    case 'peer.state': return d.cause === 'init' ? undefined : at(e.source, 'state', `${String(d.from)} → ${String(d.state)}`);
    case 'fault.inject': return at('fault', 'fault', `${String(d.kind)}: ${String(d.description)}`);
    case 'fault.heal': return at('fault', 'heal', `healed fault ${String(d.id)} (${String(d.kind)})`);
    // The twin met an error inside its own model: not the product's behaviour, and said so.
    case 'twin.fault': return at(e.source, 'twin-fault', `TWIN FAULT (${String(d.source)}): ${d.code ? `${String(d.code)}: ` : ''}${String(d.message)}`);
    case 'peer.factory-reset': return at(e.source, 'factory-reset', d.ok ? 'factory reset: configuration wiped' : `factory reset FAILED: ${String(d.reason)}`);
    default: return undefined;
  }
}
