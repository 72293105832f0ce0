/**
 * The alarms active on one peer (Status > Alarms). Raising an alarm that is already up, or lowering
 * one that is not, does nothing — so callers can re-assert a condition every time they check it.
 * Every real raise and lower is reported to `onChange`, which the peer turns into a trace event
 * and a log line.
 */
import { alarmDefinition, alarmDetail, type AlarmDefinition, type AlarmKey } from './alarms.js';
import { noParams, type MessageParams } from './messages.js';
import type { AlarmState } from './checkpoint.js';

export interface ActiveAlarm {
  readonly key: AlarmKey;
  readonly def: AlarmDefinition;
  readonly detail: string;
  readonly raisedAtMs: number;
  readonly params: MessageParams;
}

export type AlarmEvent = 'raise' | 'lower';

/** The parameters of an alarm raised without any: one shared empty object. */
export const NO_PARAMS: MessageParams = Object.freeze({});

export class AlarmBoard {
  // A short list rather than a Map: alarms come and go on hot paths (a database failing and
  // recovering), and a Map reallocates its table as keys are added and deleted — tables a
  // long-lived board carries into the old generation at every garbage collection. A peer has a
  // handful of alarms up at most, so searching the list is cheap.
  private readonly active: ActiveAlarm[] = [];

  constructor(
    private readonly clock: { readonly nowMs: number },
    private readonly onChange: (event: AlarmEvent, alarm: ActiveAlarm) => void,
  ) {}

  raise(key: AlarmKey, params: MessageParams = NO_PARAMS): void {
    if (this.indexOf(key) >= 0) return;
    const def = alarmDefinition(key);
    const alarm: ActiveAlarm = { key, def, detail: alarmDetail(def, params), raisedAtMs: this.clock.nowMs, params };
    this.active.push(alarm);
    this.onChange('raise', alarm);
  }

  lower(key: AlarmKey): void {
    const i = this.indexOf(key);
    if (i < 0) return;
    const alarm = this.active[i]!;
    this.active.splice(i, 1);
    this.onChange('lower', alarm);
  }

  /**
   * Raise the alarm, or — when it is already up — bring its text up to date in place (a countdown's
   * "<n> days"): the alarm stays raised, so no event and no log line (DOMAIN §7.3: raised once while
   * the condition holds; Status > Alarms shows the current text).
   */
  raiseOrUpdate(key: AlarmKey, params: MessageParams): void {
    const i = this.indexOf(key);
    if (i < 0) return this.raise(key, params);
    const alarm = this.active[i]!;
    const detail = alarmDetail(alarm.def, params);
    if (detail !== alarm.detail) this.active[i] = { ...alarm, detail, params };
  }

  /** Raise when `condition` holds, lower when it does not. */
  set(key: AlarmKey, condition: boolean, params: MessageParams = NO_PARAMS): void {
    if (condition) this.raise(key, params);
    else this.lower(key);
  }

  has(key: AlarmKey): boolean {
    return this.indexOf(key) >= 0;
  }

  /** Active alarms, oldest first. */
  list(): ActiveAlarm[] {
    return [...this.active];
  }

  /** Lower everything (a factory reset starts a fresh system). */
  clear(except: readonly AlarmKey[] = []): void {
    for (const alarm of [...this.active]) if (!except.includes(alarm.key)) this.lower(alarm.key);
  }

  /** The active alarms for a checkpoint, oldest first (the definition is the catalog's, by key). */
  saveState(): AlarmState[] {
    return this.active.map(({ key, detail, raisedAtMs, params }) => ({ key, detail, raisedAtMs, params }));
  }

  /** Put back a checkpoint's alarms, silently: they were raised before it was taken. */
  loadState(alarms: readonly AlarmState[]): void {
    this.active.length = 0;
    for (const a of alarms) this.active.push({ ...a, def: alarmDefinition(a.key), params: noParams(a.params) ? NO_PARAMS : a.params });
  }

  private indexOf(key: AlarmKey): number {
    for (let i = 0; i < this.active.length; i++) if (this.active[i]!.key === key) return i;
    return -1;
  }
}
