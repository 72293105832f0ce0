/**
 * What a student may see of the trainer's doings. A troubleshooting lab is spoilt if the student
 * is told the cause, so unless the trainer lets students see faults (per lab; default hidden) the
 * server never sends them the faults in force, the trace events that name a fault or its network
 * rules, or the set-up steps. The symptoms stay: alarms, lifecycle, links, logs, the pages.
 * Objectives show a student what to achieve (their titles), never the expected values, which
 * would give the answer away; the trainer sees every condition and what the twin shows instead.
 */
import type { TraceEvent } from '../twin.js';
import type { ObjectiveGrade } from './lab.js';
import type { StoredLab } from './store.js';
import type { Role } from './labs.js';

/** Whether `role` is shown the faults (and the set-up) of the lab `meta`. */
export function seesFaults(role: Role, meta: Pick<StoredLab, 'faultsVisible'>): boolean {
  return role === 'trainer' || meta.faultsVisible;
}

/** Trace events that tell the cause: a fault and the network rules, NAT, defaults and DNS failures it installs, or a set-up step. */
export function revealsCause(e: TraceEvent): boolean {
  return e.kind.startsWith('fault.') || e.kind.startsWith('net.rule.') || e.kind.startsWith('net.nat.') || e.kind === 'net.defaults'
    || e.kind === 'dns.failure' || e.source === 'runbook';
}

/** The events `role` is sent. */
export function visibleEvents(role: Role, meta: Pick<StoredLab, 'faultsVisible'>, events: readonly TraceEvent[]): readonly TraceEvent[] {
  return seesFaults(role, meta) ? events : events.filter((e) => !revealsCause(e));
}

/** The trainer's view of an objective has its verdicts; a student's has its title and whether it is met. */
export function visibleObjectives(role: Role, objectives: readonly ObjectiveGrade[]): readonly (ObjectiveGrade | { title: string; met: boolean })[] {
  return role === 'trainer' ? objectives : objectives.map(({ title, met }) => ({ title, met }));
}
