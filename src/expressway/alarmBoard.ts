/**
 * The alarms active on one peer (Status > Alarms). Raising an alarm that is already up, or lowering
 * one that is not, does nothing — so callers can re-assert a condition every time they check it.
 * Every real raise and lower is reported to `onChange`, which the peer turns into a trace event
 * and a log line.
 */
import { alarmDefinition, alarmDetail, type AlarmDefinition, type AlarmKey } from './alarms.js';
import type { MessageParams } from './messages.js';

export interface ActiveAlarm {
  readonly key: AlarmKey;
  readonly def: AlarmDefinition;
  readonly detail: string;
  readonly raisedAtMs: number;
  readonly params: MessageParams;
}

export type AlarmChange = { readonly event: 'raise' | 'lower'; readonly alarm: ActiveAlarm };

export class AlarmBoard {
  private readonly active = new Map<AlarmKey, ActiveAlarm>();

  constructor(
    private readonly clock: { readonly nowMs: number },
    private readonly onChange: (change: AlarmChange) => void,
  ) {}

  raise(key: AlarmKey, params: MessageParams = {}): void {
    if (this.active.has(key)) return;
    const def = alarmDefinition(key);
    const alarm: ActiveAlarm = { key, def, detail: alarmDetail(def, params), raisedAtMs: this.clock.nowMs, params };
    this.active.set(key, alarm);
    this.onChange({ event: 'raise', alarm });
  }

  lower(key: AlarmKey): void {
    const alarm = this.active.get(key);
    if (!alarm) return;
    this.active.delete(key);
    this.onChange({ event: 'lower', alarm });
  }

  /** Raise when `condition` holds, lower when it does not. */
  set(key: AlarmKey, condition: boolean, params: MessageParams = {}): void {
    if (condition) this.raise(key, params);
    else this.lower(key);
  }

  has(key: AlarmKey): boolean {
    return this.active.has(key);
  }

  /** Active alarms, oldest first. */
  list(): ActiveAlarm[] {
    return [...this.active.values()];
  }

  /** Lower everything (a factory reset starts a fresh system). */
  clear(except: readonly AlarmKey[] = []): void {
    for (const key of [...this.active.keys()]) if (!except.includes(key)) this.lower(key);
  }
}
