/** The terminal report: a readable timeline, coloured when printed to a TTY. */
import { formatDuration } from '../../twin.js';
import { at, buildTimeline } from '../timeline.js';
import type { RunResult } from '../run.js';
import { TWIN_FAULT_NOTE, twinFaultLines } from './twinFault.js';
import { armedTrapLines } from './armed.js';

const COLOURS = { red: 31, green: 32, yellow: 33, blue: 34, dim: 2, bold: 1 } as const;

/** `strict`: armed traps fail the run (`xtwin run --strict`), and the verdict says so. */
export function textReport(run: RunResult, options: { colour?: boolean; file?: string; strict?: boolean } = {}): string {
  const c = (name: keyof typeof COLOURS, s: string) => (options.colour ? `\u001b[${COLOURS[name]}m${s}\u001b[0m` : s);
  const t = buildTimeline(run);
  const lines = [
    `SEED=${String(run.seed)}`,
    c('bold', `Runbook: ${run.name}`) + (options.file ? c('dim', `  (${options.file})`) : ''),
    '',
  ];
  for (const e of t.entries) {
    const colour = e.kind === 'failed' || e.kind === 'twin-fault' ? 'red' : e.kind === 'alarm-raised' || e.kind === 'fault' ? 'yellow' : e.kind === 'alarm-cleared' || e.kind === 'heal' ? 'green' : e.kind === 'step' ? 'bold' : 'dim';
    lines.push(`${c('dim', at(e.atMs))}  ${e.source.padEnd(9)} ${c(colour, e.text)}`);
  }
  lines.push('', c('bold', 'Summary'));
  lines.push(`  virtual time ${formatDuration(run.endMs)}; cluster degraded (20004/20006 up somewhere) for ${formatDuration(t.degradedMs)}`);
  for (const o of t.outages) lines.push(`  outage: ${o.peer} ${o.state} from ${at(o.fromMs)}${o.toMs !== undefined ? ` for ${formatDuration(o.toMs - o.fromMs)}` : ' (still down)'}`);
  const still = t.alarms.filter((a) => a.toMs === undefined);
  if (still.length) lines.push(`  alarms still raised: ${still.map((a) => `${a.peer} ${a.id}`).join(', ')}`);
  for (const l of twinFaultLines(run)) lines.push(c('red', `  ${l}`));
  if (run.twinFaults.length) lines.push(c('red', `    (${TWIN_FAULT_NOTE})`));
  lines.push('', c('bold', 'Armed traps'), ...armedTrapLines(run).map((l) => (/^\s*(ARMED|was armed):/.test(l) ? c('yellow', l) : l)), '');
  if (run.passed) lines.push(c('green', `  PASSED: every expectation held (trace ${run.traceHash})`));
  else {
    const what = run.twinFaults.length ? 'the twin faulted' : `${run.failures.length} expectation(s) did not hold`;
    lines.push(c('red', `  FAILED: ${what} (trace ${run.traceHash})`));
    for (const f of run.failures) lines.push(c('red', `    step ${f.step + 1}: ${f.claim}${f.seen ? ` — saw ${f.seen}` : ''}`));
  }
  if (options.strict && run.armedTraps.length > 0) lines.push(c('red', `  STRICT: ${run.armedTraps.length} armed trap(s) fail the run (--strict)`));
  return lines.join('\n') + '\n';
}
