/**
 * What the REST API hands out: plain JSON views of a lab and of one peer, built from the twin's
 * observations and the operator's admin-page view models. Pure functions; no I/O.
 */
import { alarmsPage, CLUSTER_RESTART_ADVICE, clusteringPage, databasePage, restartPage, STATE_TEXT } from '../operator/index.js';
import { formatVirtualTime, trapKind, type Twin } from '../twin.js';
import type { LabView, Role } from './labs.js';
import { timeToCompleteMs } from './completion.js';
import type { StoredLab } from './store.js';
import { seesFaults, visibleObjectives } from './visibility.js';

/** `storeProblem`: why the server refuses changes now (its store cannot be written), for a banner; null when all is well. */
export function labSummary({ meta, lab, modelFault }: LabView, role: Role, storeProblem: string | null = null) {
  const twin = lab.twin;
  const objectives = lab.grade();
  return {
    id: meta.id,
    label: meta.label,
    name: lab.runbook.name,
    title: lab.title,
    brief: (lab.runbook.lab?.brief ?? lab.runbook.description ?? '').trim(),
    role,
    storeProblem,
    seed: meta.seed,
    clock: { nowMs: twin.nowMs, now: formatVirtualTime(twin.nowMs), running: meta.running, speed: meta.speed },
    peers: twin.peerNames().map((name) => {
      const o = twin.observe(name);
      return {
        name,
        address: String(o.active['Ethernet 1 IP V4 Address'] ?? ''),
        state: o.state,
        stateText: STATE_TEXT[o.state],
        serving: o.serving,
        version: o.system.version,
        primary: o.clustering.joined && o.clustering.isPrimary,
        joined: o.clustering.joined,
        database: o.clustering.databaseStatus,
        alarms: o.alarms.length,
        banner: o.factoryResetBanner,
      };
    }),
    // A student is sent the faults only if the trainer shows them (visibility.ts).
    faultsVisible: meta.faultsVisible,
    ...(seesFaults(role, meta) ? { faults: twin.activeFaults() } : {}),
    // The trainer hands these out; a student sees neither — nor the traps, which are theirs to find.
    ...(role === 'trainer' ? { links: labLinks(meta), armedTraps: armedTrapsView(twin) } : {}),
    // The twin itself failed here (issue #11 §1): the trainer is told what, when and during what.
    ...(role === 'trainer' && modelFault ? { modelFault } : {}),
    objectives: visibleObjectives(role, objectives),
    completed: completion(meta),
    grade: { met: objectives.filter((o) => o.met).length, total: objectives.length },
    entries: lab.entries.length,
    /** the words for lifecycle states, for trace events that carry only the state's name */
    stateWords: STATE_TEXT,
  };
}

/**
 * The latent dangers the lab's world holds (the twin's trap catalog), live: armed now, then those
 * armed for a while and undone — with what each will do and how it is disarmed.
 */
export function armedTrapsView(twin: Twin) {
  return [...twin.armedTraps(), ...twin.trapExposures()].map((t) => ({
    trap: t.trap, ...(t.peer !== undefined ? { peer: t.peer } : {}), title: t.title, detail: t.detail,
    armedAtMs: t.armedAtMs, armedAt: formatVirtualTime(t.armedAtMs),
    ...(t.disarmedAtMs !== undefined ? { disarmedAtMs: t.disarmedAtMs, disarmedAt: formatVirtualTime(t.disarmedAtMs) } : {}),
    harm: trapKind(t.trap)?.harm ?? '', disarm: trapKind(t.trap)?.disarm ?? '',
  }));
}

/** One line of the trainer's class list. */
export function classRow({ meta, lab }: LabView) {
  const grade = lab.grade();
  return {
    id: meta.id,
    title: lab.title,
    label: meta.label,
    createdAt: meta.createdAt,
    clock: { nowMs: lab.twin.nowMs, now: formatVirtualTime(lab.twin.nowMs), running: meta.running, speed: meta.speed },
    grade: { met: grade.filter((o) => o.met).length, total: grade.length },
    faults: lab.twin.activeFaults().length,
    faultsVisible: meta.faultsVisible,
    completed: completion(meta),
    links: labLinks(meta),
  };
}

/** When every objective was first met, and how long that took from the lab's start (wall time). */
function completion(meta: StoredLab) {
  return meta.completed ? { ...meta.completed, afterMs: timeToCompleteMs(meta.createdAt, meta.completed), virtual: formatVirtualTime(meta.completed.virtualMs) } : null;
}

/** A lab's web links, relative to the server's origin. */
export function labLinks(meta: StoredLab) {
  return { student: `/#lab=${meta.id}&token=${meta.studentToken}`, trainer: `/#lab=${meta.id}&token=${meta.trainerToken}` };
}

export function peerView({ lab }: LabView, peer: string) {
  const o = lab.twin.observe(peer);
  const restart = restartPage(o);
  // A lab's own restart hint replaces the page's general advice (DOMAIN §6.3 vs §6.15).
  const hint = lab.runbook.lab?.hints?.restart?.trim();
  return {
    name: o.name,
    state: o.state,
    stateText: STATE_TEXT[o.state],
    serving: o.serving,
    system: o.system,
    fqdn: o.fqdn,
    pending: o.pending,
    registrations: o.registrations,
    backups: lab.twin.backups(peer),
    // Backup files the operator holds from the lab's other boxes: restorable here to migrate a peer's configuration (DOMAIN §6.10).
    otherBackups: lab.twin.peerNames().filter((n) => n !== peer).flatMap((from) => lab.twin.backups(from).map((name) => ({ from, name }))),
    pages: { clustering: clusteringPage(o), alarms: alarmsPage(o), database: databasePage(o), restart: hint ? { ...restart, warnings: [...restart.warnings.filter((w) => w !== CLUSTER_RESTART_ADVICE), hint] } : restart },
  };
}
