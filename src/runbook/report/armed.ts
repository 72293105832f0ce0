/**
 * The armed-trap part of every report, as sentences: which latent danger, on which peer, since
 * when and by which step, what it will do and how to disarm it (the trap catalog's words). Text,
 * HTML and JUnit print these; JSON carries the records themselves.
 */
import { formatDuration, trapKind } from '../../twin.js';
import { at } from '../timeline.js';
import type { ArmedTrap, RunResult } from '../run.js';

export interface ArmedTrapText {
  /** "Factory reset armed for the next restart on expc03 [factory-reset]: every Peer N address …" */
  readonly headline: string;
  /** when and by which step it armed (and, for an exposure, when it was undone) */
  readonly when: string;
  readonly harm: string;
  readonly disarm: string;
  /** an exposure: armed for a while, undone before the end */
  readonly undone: boolean;
}

export const NO_ARMED_TRAPS = 'no trap left armed';

export function describeArmedTrap(run: RunResult, t: ArmedTrap): ArmedTrapText {
  const kind = trapKind(t.trap);
  const step = (i: number | undefined) => (i === undefined ? 'the world was built that way' : `during step #${i + 1} (${run.steps[i]?.text ?? '?'})`);
  const armed = `armed at ${at(t.armedAtMs)}, ${step(t.armedByStep)}`;
  const when = t.disarmedAtMs === undefined
    ? `${armed}; still armed at the end`
    : `${armed}; undone at ${at(t.disarmedAtMs)}, ${t.disarmedByStep === undefined ? 'after the last step' : step(t.disarmedByStep)} — armed for ${formatDuration(t.disarmedAtMs - t.armedAtMs)}`;
  return {
    headline: `${t.title}${t.peer !== undefined ? ` on ${t.peer}` : ''} [${t.trap}]: ${t.detail}`,
    when,
    harm: `${kind?.harm ?? ''}${kind ? ` (${kind.domain})` : ''}`,
    disarm: kind?.disarm ?? '',
    undone: t.disarmedAtMs !== undefined,
  };
}

/** Plain lines for a terminal or a CI log, indented by `indent`. */
export function armedTrapLines(run: RunResult, indent = '  '): string[] {
  if (run.armedTraps.length === 0) return [`${indent}${NO_ARMED_TRAPS}`];
  return run.armedTraps.flatMap((t) => {
    const d = describeArmedTrap(run, t);
    return [`${indent}${d.undone ? 'was armed: ' : 'ARMED: '}${d.headline}`, `${indent}  ${d.when}`, `${indent}  danger: ${d.harm}`, `${indent}  disarm: ${d.disarm}`];
  });
}
