/**
 * A self-contained HTML report with a timeline chart: one lane per peer, alarm spans as bars
 * (red for cluster communication alarms), outages as grey bars, faults as shaded bands, steps as
 * ticks — inline SVG, no scripts, so it opens anywhere and can be attached to a change request.
 */
import { formatDuration } from '../../twin.js';
import { at, buildTimeline } from '../timeline.js';
import { xml } from './junit.js';
import type { RunResult } from '../run.js';
import { TWIN_FAULT_NOTE, twinFaultLines } from './twinFault.js';
import { describeArmedTrap, NO_ARMED_TRAPS } from './armed.js';

export function htmlReport(run: RunResult, file?: string): string {
  const t = buildTimeline(run);
  const peers = run.twin.peerNames();
  const width = 1000;
  const lane = 28;
  const left = 90;
  const end = Math.max(run.endMs, 1);
  const x = (ms: number) => left + ((width - left - 10) * ms) / end;
  const bars: string[] = [];
  peers.forEach((p, i) => {
    const y = 20 + i * lane;
    bars.push(`<text x="4" y="${y + 15}" class="lane">${xml(p)}</text><line x1="${left}" y1="${y + 22}" x2="${width - 10}" y2="${y + 22}" class="axis"/>`);
    for (const o of t.outages.filter((o) => o.peer === p)) {
      bars.push(`<rect x="${x(o.fromMs)}" y="${y + 2}" width="${Math.max(1, x(o.toMs ?? end) - x(o.fromMs))}" height="18" class="outage"><title>${xml(`${o.state} ${at(o.fromMs)}`)}</title></rect>`);
    }
    t.alarms.filter((a) => a.peer === p).forEach((a, k) => {
      const cls = a.id === '20004' || a.id === '20006' ? 'alarm-comm' : 'alarm';
      bars.push(`<rect x="${x(a.fromMs)}" y="${y + 4 + (k % 3) * 5}" width="${Math.max(1, x(a.toMs ?? end) - x(a.fromMs))}" height="4" class="${cls}"><title>${xml(`${a.id} ${a.title} ${at(a.fromMs)}–${a.toMs !== undefined ? at(a.toMs) : 'end'}`)}</title></rect>`);
    });
  });
  const height = 30 + peers.length * lane;
  for (const s of run.steps) bars.push(`<line x1="${x(s.startMs)}" y1="10" x2="${x(s.startMs)}" y2="${height}" class="${s.ok && s.verdicts.every((v) => v.ok) ? 'step' : 'step-failed'}"><title>${xml(`#${s.index + 1} ${s.text}`)}</title></line>`);
  const traps = run.armedTraps.map((a) => {
    const d = describeArmedTrap(run, a);
    return `<li class="${d.undone ? 'trap-undone' : 'trap-armed'}"><strong>${xml(d.headline)}</strong><br>${xml(d.when)}<br>danger: ${xml(d.harm)}<br>disarm: ${xml(d.disarm)}</li>`;
  });
  const rows = t.entries.map((e) => `<tr class="${e.kind}"><td>${at(e.atMs)}</td><td>${xml(e.source)}</td><td>${xml(e.text)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${xml(run.name)} — expressway-twin report</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;color:#1d1d1f}h1{font-size:20px}.verdict{font-weight:bold}.pass{color:#0a7d28}.fail{color:#b00020}
svg{border:1px solid #ddd;background:#fafafa}.lane{font:12px monospace}.axis{stroke:#ccc}.outage{fill:#999;opacity:.5}.alarm{fill:#e6a700}.alarm-comm{fill:#d32f2f}
.step{stroke:#1565c0;stroke-dasharray:2 3}.step-failed{stroke:#b00020;stroke-width:2}table{border-collapse:collapse;margin-top:16px}td{padding:2px 10px;border-bottom:1px solid #eee;font-family:monospace;font-size:12px}
tr.failed td,tr.twin-fault td{color:#b00020;font-weight:bold}.twin-fault{border:2px solid #b00020;padding:4px 12px;margin:12px 0}.twin-fault h2{font-size:16px;color:#b00020;margin:4px 0}.armed-traps li{margin:6px 0}.trap-armed strong{color:#b00020}.trap-undone strong{color:#8a5a00}tr.alarm-raised td{color:#8a5a00}tr.alarm-cleared td{color:#0a7d28}tr.step td{font-weight:bold}
</style></head><body>
<h1>${xml(run.name)}</h1>
<p>${file ? `${xml(file)} · ` : ''}seed ${xml(String(run.seed))} · trace ${run.traceHash} · virtual time ${formatDuration(run.endMs)} · degraded ${formatDuration(t.degradedMs)}</p>
<p class="verdict ${run.passed ? 'pass' : 'fail'}">${run.passed ? 'PASSED — every expectation held' : run.twinFaults.length ? 'FAILED — the twin faulted' : `FAILED — ${run.failures.length} expectation(s) did not hold`}</p>
${run.twinFaults.length ? `<section class="twin-fault"><h2>Twin fault</h2>${twinFaultLines(run).map((l) => `<p class="fail">${xml(l)}</p>`).join('')}<p>${xml(TWIN_FAULT_NOTE)}</p></section>` : ''}
${run.failures.map((f) => `<p class="fail">step ${f.step + 1}: ${xml(f.claim)}${f.seen ? ` — saw ${xml(f.seen)}` : ''}</p>`).join('\n')}
<section class="armed-traps"><h2>Armed traps</h2>
${traps.length ? `<ul>${traps.join('\n')}</ul>` : `<p>${NO_ARMED_TRAPS}</p>`}
</section>
<svg width="${width}" height="${height}" role="img" aria-label="timeline">${bars.join('')}</svg>
<table><thead><tr><th>time</th><th>source</th><th>event</th></tr></thead><tbody>
${rows}
</tbody></table>
</body></html>
`;
}
