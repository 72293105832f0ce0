/**
 * A self-contained HTML report for a change request: one file, no scripts, no external assets,
 * so it opens anywhere and can be attached. It says what the text report says — the verdict and
 * the expectations that failed, the outages, the alarms still raised at the end, how long the
 * cluster was degraded — and the traps it left armed, then the timeline chart (htmlChart.ts: time
 * axis, legend, a lane per peer) and every event in time order. A run the twin itself failed in
 * (issue #11 §1) says so first, as every report does (twinFault.ts), and the chart marks the moment.
 */
import { formatDuration, formatVirtualTime } from '../../twin.js';
import { at, buildTimeline, type Timeline } from '../timeline.js';
import type { RunResult } from '../run.js';
import { chartLegend, timelineChart } from './htmlChart.js';
import { describeArmedTrap, NO_ARMED_TRAPS } from './armed.js';
import { xml } from './junit.js';
import { TWIN_FAULT_NOTE, twinFaultLines } from './twinFault.js';

/** The chart's colours, one per class its marks and the legend's swatches share (scoped: table rows reuse some names). */
const COLOURS = {
  'st-running': '#3aa55d', 'st-starting': '#f0b429', 'st-databaseFailure': '#e07b00', 'st-poweredOff': '#5f6b76', 'st-factoryResetting': '#8e44ad',
  outage: '#9aa3ad', trap: '#6a1b9a', 'trap-undone': '#b39ddb', alarm: '#e6a700', 'alarm-comm': '#d32f2f', fault: '#c2185b', step: '#1565c0', 'step-failed': '#b00020',
} as const;

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px auto;max-width:1140px;padding:0 16px;color:#1d1d1f}
h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px;border-bottom:1px solid #ddd;padding-bottom:3px}
.meta{color:#555;margin:0 0 8px}.verdict{font-weight:bold;font-size:16px}.pass{color:#0a7d28}.fail{color:#b00020}
.summary{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:12px;align-items:start}.card{border:1px solid #ddd;border-radius:4px;padding:8px 12px;background:#fafafa}
.card h3{font-size:13px;margin:0 0 4px;text-transform:uppercase;letter-spacing:.5px;color:#555}.card ul{margin:0;padding-left:18px}.card p{margin:0}.big{font-size:20px;font-weight:600}
table{border-collapse:collapse}td,th{padding:2px 10px;border-bottom:1px solid #eee;text-align:left;font-size:12px}td{font-family:ui-monospace,Menlo,Consolas,monospace}
tr.failed td,tr.twin-fault td{color:#b00020;font-weight:bold}.armed-traps li{margin:6px 0}.trap-armed strong{color:#b00020}.trap-undone strong{color:#8a5a00}.twin-fault{border:2px solid #b00020;padding:4px 12px;margin:12px 0}.twin-fault h2{font-size:16px;color:#b00020;margin:4px 0;border:0}tr.alarm-raised td{color:#8a5a00}tr.alarm-cleared td{color:#0a7d28}tr.step td{font-weight:bold}tr.fault td{color:#c2185b}
svg{display:block;border:1px solid #ddd;background:#fff;max-width:100%;height:auto}.lane{font:600 12px ui-monospace,Menlo,monospace}.row-label{font:10px system-ui,sans-serif;fill:#777}
.axis-title{font:11px system-ui,sans-serif;fill:#555}.tick{font:10px ui-monospace,Menlo,monospace;fill:#444}.grid{stroke:#eee}.axis{stroke:#999}.lane-edge{stroke:#e4e4e4}
.legend{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:4px 16px;font-size:12px}
.st-running{fill:var(--run);background:var(--run)}.swatch{display:inline-block;width:14px;height:10px;margin-right:5px;vertical-align:-1px;border-radius:2px}.swatch.tick{width:3px;height:12px;border-radius:0}
${Object.entries(COLOURS).map(([cls, colour]) => `svg .${cls}{fill:${colour}}.swatch.${cls}{background:${colour}}`).join('\n')}
svg .fault{opacity:.85}svg line.twin-fault-mark{stroke:#b00020;stroke-width:2;stroke-dasharray:4 3}.swatch.twin-fault-mark{background:#b00020}svg line.step{stroke:${COLOURS.step};stroke-width:2}svg line.step-failed{stroke:${COLOURS['step-failed']};stroke-width:3}
@media print{body{margin:0;max-width:none}svg{border:0}}
`;

export function htmlReport(run: RunResult, file?: string): string {
  const t = buildTimeline(run);
  const traps = run.armedTraps;
  const rows = t.entries.map((e) => `<tr class="${e.kind}"><td>${at(e.atMs)}</td><td>${xml(e.source)}</td><td>${xml(e.text)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${xml(run.name)} — expressway-twin report</title>
<style>${STYLE}</style></head><body>
<h1>${xml(run.name)}</h1>
<p class="meta">${file ? `${xml(file)} · ` : ''}seed ${xml(String(run.seed))} · trace ${run.traceHash} · ${run.steps.length} steps over ${formatDuration(run.endMs)} of virtual time</p>
<p class="verdict ${run.passed ? 'pass' : 'fail'}">${run.passed ? 'PASSED — every expectation held' : run.twinFaults.length ? 'FAILED — the twin faulted' : `FAILED — ${run.failures.length} expectation(s) did not hold`}</p>
${run.twinFaults.length ? `<section class="twin-fault"><h2>Twin fault</h2>${twinFaultLines(run).map((l) => `<p class="fail">${xml(l)}</p>`).join('')}<p>${xml(TWIN_FAULT_NOTE)}</p></section>` : ''}
${run.failures.map((f) => `<p class="fail">step ${f.step + 1}: ${xml(f.claim)}${f.seen ? ` — saw ${xml(f.seen)}` : ''}</p>`).join('\n')}
${summary(run, t)}
${armedTrapsSection(run, traps)}
<section class="timeline"><h2>Timeline</h2>
${chartLegend()}
${timelineChart(run, t, traps)}
</section>
<section class="events"><h2>Events</h2>
<table><thead><tr><th>time</th><th>source</th><th>event</th></tr></thead><tbody>
${rows}
</tbody></table>
</section>
</body></html>
`;
}

/** The latent dangers the run left (src/runbook/armed.ts), in the trap catalog's words. */
function armedTrapsSection(run: RunResult, traps: RunResult['armedTraps']): string {
  const items = traps.map((a) => {
    const d = describeArmedTrap(run, a);
    return `<li class="${d.undone ? 'trap-undone' : 'trap-armed'}"><strong>${xml(d.headline)}</strong><br>${xml(d.when)}<br>danger: ${xml(d.harm)}<br>disarm: ${xml(d.disarm)}</li>`;
  });
  return `<section class="armed-traps"><h2>Armed traps</h2>
${items.length ? `<ul>${items.join('\n')}</ul>` : `<p>${NO_ARMED_TRAPS}</p>`}
</section>`;
}

/** The sums a change manager asks for, as the text report gives them. */
function summary(run: RunResult, t: Timeline): string {
  const still = t.alarms.filter((a) => a.toMs === undefined);
  const cleared = t.alarms.length - still.length;
  const outages = t.outages.map((o) => `<li>${xml(o.peer)} ${xml(o.state)} from ${at(o.fromMs)} ${o.toMs !== undefined ? `for ${formatDuration(o.toMs - o.fromMs)}` : '<strong>(still down)</strong>'}</li>`);
  return `<section class="summary" aria-label="summary">
<div class="card degraded"><h3>Cluster degraded</h3><p class="big">${formatDuration(t.degradedMs)}</p><p>with 20004 or 20006 up on some peer</p></div>
<div class="card outages"><h3>Outages</h3>${outages.length ? `<ul>${outages.join('')}</ul>` : '<p>none: every peer stayed in service</p>'}</div>
<div class="card still-raised"><h3>Alarms still raised</h3>${still.length
    ? `<ul>${still.map((a) => `<li>${xml(a.peer)} ${xml(a.id)} ${xml(a.title)} since ${at(a.fromMs)}</li>`).join('')}</ul>`
    : '<p>none</p>'}<p>${cleared} alarm(s) raised and cleared during the run</p></div>
<div class="card ended"><h3>Ended at</h3><p class="big">${formatVirtualTime(run.endMs)}</p><p>${run.steps.length} step(s), ${run.failures.length} failed expectation(s)</p></div>
</section>`;
}
