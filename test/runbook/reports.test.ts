// The four reports of a run (src/runbook/report/*): JSON for tools (stable, every section present),
// text for the terminal (SEED= first, a verdict, colour only when asked), HTML for a change request
// (a document with one SVG lane per peer and everything escaped) and JUnit XML for CI (well formed,
// one test case per step, a failure element where an expectation failed). All from the add-peer run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseRunbook } from '../../src/runbook/load.js';
import { htmlReport } from '../../src/runbook/report/html.js';
import { tickStepMs } from '../../src/runbook/report/htmlChart.js';
import { buildTimeline as timelineOf } from '../../src/runbook/timeline.js';
import { jsonReport } from '../../src/runbook/report/json.js';
import { junitReport, xml } from '../../src/runbook/report/junit.js';
import { armedTrapLines } from '../../src/runbook/report/armed.js';
import type { Runbook } from '../../src/runbook/schema.js';
import { textReport } from '../../src/runbook/report/text.js';
import { describeTwinFault, TWIN_FAULT_NOTE } from '../../src/runbook/report/twinFault.js';
import { FORCED, RESTART_YAML, runbookOf, withLifecycleCrash } from '../helpers/modelFault.js';
import { runRunbook, type RunResult } from '../../src/runbook/run.js';
import { formatDuration, formatVirtualTime, TIMINGS } from '../../src/twin.js';
import { ROOT } from '../arch/sources.js';

const ADD_PEER = 'scenarios/procedures/add-peer.yaml';
const TEXT = readFileSync(join(ROOT, ADD_PEER), 'utf8');
/** The final expectation "expc01 sees Peer 3 Active", turned into the false "Failed". */
const WRONG = '{ peer: expc01, status: { entry: 3, is: Active } }';

function runText(text: string): RunResult {
  const r = parseRunbook(text, ADD_PEER);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return runRunbook(r.runbook);
}

/**
 * Well-formedness, XML-style: every tag closes in order, attribute values are quoted and hold no raw
 * `<`, and text and attributes use `&` only in entities. Returns the problems and a count per tag.
 */
function xmlCheck(doc: string): { problems: string[]; count: (tag: string) => number } {
  const problems: string[] = [];
  const counts = new Map<string, number>();
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
  const badAmp = /&(?!(?:amp|lt|gt|quot|apos|#\d+);)/;
  const s = doc.replace(/^<\?xml[^?]*\?>/, '');
  let i = 0;
  while (i < s.length) {
    if (s[i] !== '<') {
      const j = s.indexOf('<', i);
      const text = s.slice(i, j < 0 ? s.length : j);
      if (badAmp.test(text) || text.includes('>')) problems.push(`raw & or > in text: ${text.slice(0, 40)}`);
      i = j < 0 ? s.length : j;
      continue;
    }
    tag.lastIndex = i;
    const m = tag.exec(s);
    if (!m) {
      problems.push(`bad markup at ${i}: ${s.slice(i, i + 40)}`);
      break;
    }
    const [, close, name, attrs, selfClose] = m as unknown as [string, string, string, string, string];
    if (badAmp.test(attrs)) problems.push(`raw & in attributes of <${name}>`);
    if (close) {
      const open = stack.pop();
      if (open !== name) problems.push(`</${name}> closes <${open ?? 'nothing'}>`);
    } else {
      counts.set(name, (counts.get(name) ?? 0) + 1);
      if (!selfClose) stack.push(name);
    }
    i = tag.lastIndex;
  }
  if (stack.length) problems.push(`never closed: ${stack.join(' > ')}`);
  return { problems, count: (t) => counts.get(t) ?? 0 };
}

let run: RunResult;
/** add-peer with one expectation of its last list turned false (the step before its closing `armed: none`) */
let failing: RunResult;
beforeAll(() => {
  run = runText(TEXT);
  expect(TEXT.split(WRONG)).toHaveLength(2);
  failing = runText(TEXT.replace(WRONG, '{ peer: expc01, status: { entry: 3, is: Failed } }'));
});

describe('the well-formedness check used below', () => {
  it('catches an unclosed tag, a misnested close, a raw & and a < inside an attribute', () => {
    expect(xmlCheck('<a><b x="1"/>t &amp; u</a>').problems).toEqual([]);
    expect(xmlCheck('<a><b></a>').problems).not.toEqual([]);
    expect(xmlCheck('<a>').problems).not.toEqual([]);
    expect(xmlCheck('<a>fish & chips</a>').problems).not.toEqual([]);
    expect(xmlCheck('<a x="1<2"></a>').problems).not.toEqual([]);
  });
});

describe('json report', () => {
  it('has the run, its steps, alarms, outages, failures and timeline', () => {
    const j = jsonReport(run, ADD_PEER) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['runbook', 'file', 'seed', 'passed', 'traceHash', 'virtualDurationMs', 'degradedMs', 'steps', 'failures', 'twinFaults', 'alarms', 'outages', 'armedTraps', 'timeline']);
    expect(j).toMatchObject({ runbook: 'Add a peer to a cluster', file: ADD_PEER, seed: 7, passed: true, traceHash: run.traceHash, virtualDurationMs: run.endMs, failures: [], twinFaults: [] });
    const steps = j.steps as { index: number; ok: boolean }[];
    expect(steps.map((s) => s.index)).toEqual(run.steps.map((_, i) => i + 1));
    expect(j.outages).toEqual([{ peer: 'expc03', state: 'restarting', fromMs: expect.any(Number), toMs: expect.any(Number) }]);
    expect((j.alarms as { peer: string; id: string }[]).some((a) => a.peer === 'expc03' && a.id === '20004')).toBe(true);
  });

  it('is plain JSON and identical for two runs of the same seed (no wall-clock values)', () => {
    const a = jsonReport(run, ADD_PEER);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
    expect(JSON.stringify(jsonReport(runText(TEXT), ADD_PEER))).toBe(JSON.stringify(a));
  });

  it('a failing run lists its failure with the 1-based step and what was seen', () => {
    const j = jsonReport(failing) as { passed: boolean; failures: { step: number; claim: string; seen?: string }[] };
    expect(j.passed).toBe(false);
    expect(j.failures).toEqual([{ step: failing.steps.length - 1, claim: 'expc01: Peer 3 shows "Failed"', seen: '"Active"' }]);
  });
});

describe('text report', () => {
  it('starts with SEED= and ends with PASSED and the trace hash', () => {
    const t = textReport(run, { file: ADD_PEER });
    expect(t.split('\n')[0]).toBe('SEED=7');
    expect(t).toContain(`PASSED: every expectation held (trace ${run.traceHash})`);
    expect(t).toContain(`outage: expc03 restarting from`);
    expect(t).not.toContain('FAILED');
  });

  it('names the runbook and its file, then lists the timeline: one line per entry with its virtual time and source', () => {
    const lines = textReport(run, { file: ADD_PEER }).split('\n');
    expect(lines.slice(0, 4)).toEqual(['SEED=7', `Runbook: Add a peer to a cluster  (${ADD_PEER})`, '', 'T+00:00:00.000  operator  #1 the existing cluster is healthy before the change']);
    expect(lines).toContain('T+00:01:00.000  expc01    20004 Cluster communication failure: The system is unable to communicate with one or more of the cluster peers');
    const entries = timelineOf(run).entries;
    expect(lines.slice(3, 3 + entries.length)).toEqual(entries.map((e) => `${formatVirtualTime(e.atMs)}  ${e.source.padEnd(9)} ${e.text}`));
    expect(lines[3 + entries.length]).toBe('');
    expect(textReport(run).split('\n')[1]).toBe('Runbook: Add a peer to a cluster');
  });

  it('with colour: times dim; steps bold, failures and twin faults red, raised alarms and faults yellow, cleared alarms and heals green, the rest dim', () => {
    const esc = (code: number, s: string) => `\u001b[${code}m${s}\u001b[0m`;
    expect(textReport(run, { colour: true, file: ADD_PEER }).split('\n')[1]).toBe(`${esc(1, 'Runbook: Add a peer to a cluster')}${esc(2, `  (${ADD_PEER})`)}`);
    const COLOUR: Record<string, number> = { step: 1, failed: 31, 'twin-fault': 31, 'alarm-raised': 33, fault: 33, 'alarm-cleared': 32, heal: 32, state: 2, 'factory-reset': 2 };
    const faulted = runText(readFileSync(join(ROOT, 'scenarios/procedures/lost-peer-licences.yaml'), 'utf8'));
    const halted = withLifecycleCrash(FORCED, () => runRunbook(runbookOf(RESTART_YAML)));
    const kinds = new Set<string>();
    for (const r of [run, failing, faulted, halted]) {
      const entries = timelineOf(r).entries;
      // (a note may span lines: the block is compared whole)
      expect(textReport(r, { colour: true })).toContain(`\n\n${entries.map((e) => `${esc(2, formatVirtualTime(e.atMs))}  ${e.source.padEnd(9)} ${esc(COLOUR[e.kind]!, e.text)}`).join('\n')}\n\n`);
      for (const e of entries) kinds.add(e.kind);
    }
    expect([...kinds].sort()).toEqual(Object.keys(COLOUR).filter((k) => k !== 'factory-reset').sort());
  });

  it('a summary: virtual time and degraded time, each outage with its length, alarms still raised; then the armed traps and the verdict', () => {
    const lines = textReport(run).split('\n');
    const t = timelineOf(run);
    const o = t.outages[0]!;
    const still = t.alarms.filter((a) => a.toMs === undefined);
    expect(lines.slice(lines.indexOf('Summary') - 1)).toEqual([
      '', 'Summary',
      `  virtual time ${formatDuration(run.endMs)}; cluster degraded (20004/20006 up somewhere) for ${formatDuration(t.degradedMs)}`,
      `  outage: expc03 restarting from ${formatVirtualTime(o.fromMs)} for ${formatDuration(o.toMs! - o.fromMs)}`,
      `  alarms still raised: ${still.map((a) => `${a.peer} ${a.id}`).join(', ')}`,
      '', 'Armed traps', '  no trap left armed', '',
      `  PASSED: every expectation held (trace ${run.traceHash})`, '',
    ]);
    expect(t.outages).toHaveLength(1);
  });

  it('with colour: the section titles bold, armed traps yellow, a twin fault and its note red', () => {
    const esc = (code: number, s: string) => `\u001b[${code}m${s}\u001b[0m`;
    const retype = runText(readFileSync(join(ROOT, 'scenarios/wrong-way/retype-peer-list.yaml'), 'utf8'));
    const lines = textReport(retype, { colour: true }).split('\n');
    expect(lines).toContain(esc(1, 'Summary'));
    expect(lines).toContain(esc(1, 'Armed traps'));
    expect(lines.filter((l) => l.includes('was armed: '))).toEqual([esc(33, `  was armed: Factory reset armed for the next restart on expc03 [factory-reset]: ${retype.armedTraps[0]!.detail}`)]);
    // The lines under a trap (when, danger, disarm) stay plain.
    expect(lines.filter((l) => l.startsWith('    danger: ') || l.startsWith('    disarm: '))).toHaveLength(2);
    const halted = withLifecycleCrash(FORCED, () => runRunbook(runbookOf(RESTART_YAML)));
    const h = textReport(halted, { colour: true }).split('\n');
    expect(h).toContain(esc(31, `  twin fault: ${describeTwinFault(halted.twinFaults[0]!, halted)}`));
    expect(h).toContain(esc(31, `    (${TWIN_FAULT_NOTE})`));
    expect(h).toContain(esc(31, `  FAILED: the twin faulted (trace ${halted.traceHash})`));
  });

  it('with colour off there are no escape codes (and with colour on there are)', () => {
    expect(textReport(run, { colour: false })).not.toMatch(/\u001b/);
    expect(textReport(run)).not.toMatch(/\u001b/);
    expect(textReport(run, { colour: true })).toMatch(/\u001b\[\d+m/);
  });

  it('a failing run says FAILED and names the step, the claim and what was seen', () => {
    const t = textReport(failing);
    expect(t.split('\n')[0]).toBe('SEED=7');
    expect(t).toContain('FAILED: 1 expectation(s) did not hold');
    expect(t).toContain(`step ${failing.steps.length - 1}: expc01: Peer 3 shows "Failed" — saw "Active"`);
    expect(t).not.toContain('PASSED');
  });
});

describe('html report', () => {
  const svgOf = (h: string) => (h.match(/<svg[\s\S]*?<\/svg>/g) ?? []);
  const texts = (svg: string, cls: string) => [...svg.matchAll(new RegExp(`<text [^>]*class="${cls}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]);

  it('is one self-contained document: no scripts, no links to files, styles inline', () => {
    const h = htmlReport(run, ADD_PEER);
    expect(h.startsWith('<!doctype html>')).toBe(true);
    expect(h.trimEnd().endsWith('</html>')).toBe(true);
    expect(h).not.toMatch(/<script|<link|\ssrc=|\shref=|url\(|@import/i);
    const svgs = svgOf(h);
    expect(svgs).toHaveLength(1);
    expect(xmlCheck(svgs[0]!).problems).toEqual([]);
  });

  it('has a labelled virtual-time axis: round ticks from T+00:00:00 to the end of the run', () => {
    const svg = svgOf(htmlReport(run, ADD_PEER))[0]!;
    expect(texts(svg, 'axis-title')).toEqual(['virtual time since the start of the run (T+hh:mm:ss)']);
    const ticks = texts(svg, 'tick');
    const step = tickStepMs(run.endMs);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(13);
    expect(ticks).toEqual(ticks.map((_, i) => formatVirtualTime(i * step).slice(0, -4)));
    expect((ticks.length - 1) * step).toBeLessThanOrEqual(run.endMs);
    expect(ticks.length * step).toBeGreaterThan(run.endMs);
  });

  it('has a lane per peer with its state, outage, alarm and trap rows, then the faults and the steps', () => {
    const svg = svgOf(htmlReport(run, ADD_PEER))[0]!;
    const lanes = [...svg.matchAll(/<g class="peer-lane" data-peer="([^"]+)">([\s\S]*?)<\/g>/g)];
    expect(lanes.map((m) => m[1])).toEqual(['expc01', 'expc02', 'expc03']);
    for (const [, peer, lane] of lanes) {
      expect(texts(lane!, 'row-label'), peer).toEqual(['state', 'outages', 'alarms', 'traps']);
      // Every peer runs at some point; the state row covers it from start to end.
      expect(lane).toContain('class="st-running"');
    }
    // expc03 is restarted once: one outage bar, in its lane only, with the outage's times.
    const outage = timelineOf(run).outages.find((o) => o.peer === 'expc03')!;
    expect(lanes[2]![2]!.match(/class="outage"/g)).toHaveLength(1);
    expect(lanes[2]![2]).toContain(`expc03 out of service (restarting) from ${formatVirtualTime(outage.fromMs)} to ${formatVirtualTime(outage.toMs!)}`);
    expect(lanes[0]![2]).not.toContain('class="outage"');
    expect(texts(svg, 'lane')).toEqual(['expc01', 'expc02', 'expc03', 'faults', 'steps']);
    expect((svg.match(/<line [^>]*class="step"/g) ?? []).length).toBe(run.steps.length);
    const failingSvg = svgOf(htmlReport(failing))[0]!;
    expect((failingSvg.match(/<line [^>]*class="step-failed"/g) ?? []).length).toBe(1);
  });

  it('draws each fault from injection to heal in the faults row', () => {
    const withFault = runText(readFileSync(join(ROOT, 'scenarios/procedures/change-primary-old-primary-down.yaml'), 'utf8'));
    const svg = svgOf(htmlReport(withFault))[0]!;
    const injected = withFault.events.filter((e) => e.kind === 'fault.inject');
    expect(injected.length).toBeGreaterThan(0);
    const bars = svg.match(/<rect [^>]*class="fault"[^>]*><title>[^<]*<\/title>/g) ?? [];
    expect(bars).toHaveLength(injected.length);
    expect(bars[0]).toContain(`from ${formatVirtualTime(injected[0]!.atMs)}`);
  });

  it('has a legend naming every colour the chart uses', () => {
    const h = htmlReport(run, ADD_PEER);
    const legend = h.match(/<ul class="legend"[\s\S]*?<\/ul>/)![0];
    for (const text of ['running', 'powered off', 'out of service', 'alarm raised', 'cluster communication alarm (20004, 20006)', 'fault injected', 'step that failed']) expect(legend).toContain(text);
    const used = new Set([...svgOf(h)[0]!.matchAll(/<rect [^>]*class="([^"]+)"/g)].map((m) => m[1]));
    for (const cls of used) expect(legend, cls).toContain(`swatch box ${cls}`);
  });

  it('summarises as the text report does: degraded time, outages, alarms still raised', () => {
    const h = htmlReport(run, ADD_PEER);
    const text = textReport(run);
    const t = timelineOf(run);
    const summary = h.match(/<section class="summary"[\s\S]*?<\/section>/)![0];
    const plain = summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(plain).toContain(`Cluster degraded ${formatDuration(t.degradedMs)}`);
    for (const o of t.outages) expect(plain).toContain(`${o.peer} ${o.state} from ${formatVirtualTime(o.fromMs)} for ${formatDuration(o.toMs! - o.fromMs)}`);
    expect(text).toContain('outage: expc03 restarting');
    const still = t.alarms.filter((a) => a.toMs === undefined);
    expect(still.length).toBeGreaterThan(0);
    expect(text).toContain(`alarms still raised: ${still.map((a) => `${a.peer} ${a.id}`).join(', ')}`);
    for (const a of still) expect(plain).toContain(`${a.peer} ${a.id} ${a.title} since ${formatVirtualTime(a.fromMs)}`);
    const cleared = t.alarms.length - still.length;
    expect(cleared).toBeGreaterThan(0);
    expect(plain).toContain(` ${cleared} alarm(s) raised and cleared during the run `);
    expect(plain).toContain(`Ended at ${formatVirtualTime(run.endMs)} ${run.steps.length} step(s), 0 failed expectation(s)`);
  });

  it('an armed-traps section: "no trap left armed", or each trap, marked armed or undone', () => {
    expect(htmlReport(run, ADD_PEER)).toContain('<section class="armed-traps"><h2>Armed traps</h2>\n<p>no trap left armed</p>\n</section>');
    const left = runText(readFileSync(join(ROOT, 'scenarios/procedures/change-primary-old-primary-down.yaml'), 'utf8'));
    const section = htmlReport(left).match(/<section class="armed-traps">[\s\S]*?<\/section>/)![0];
    expect(section).toMatch(/<ul><li class="trap-armed"><strong>[^<]*\[stale-member\][^<]*<\/strong><br>armed at T\+[\d:.]+, during step #\d+ \([^)]*\); still armed at the end<br>danger: [^<]+<br>disarm: [^<]+<\/li><\/ul>/);
  });

  it('names the runbook, its file, seed, trace and length, and lists every timeline entry in the events table', () => {
    const h = htmlReport(run, ADD_PEER);
    expect(h).toContain('<title>Add a peer to a cluster — expressway-twin report</title>');
    expect(h).toContain(`<p class="meta">${ADD_PEER} · seed 7 · trace ${run.traceHash} · ${run.steps.length} steps over ${formatDuration(run.endMs)} of virtual time</p>`);
    expect(htmlReport(run)).toContain(`<p class="meta">seed 7 · trace ${run.traceHash} ·`);
    const rows = h.match(/<tbody>\n([\s\S]*?)\n<\/tbody>/)![1]!.split('\n');
    const entries = timelineOf(run).entries;
    expect(rows).toHaveLength(entries.length);
    expect(rows[0]).toBe('<tr class="step"><td>T+00:00:00.000</td><td>operator</td><td>#1 the existing cluster is healthy before the change</td></tr>');
    expect(rows).toContain('<tr class="alarm-raised"><td>T+00:01:00.000</td><td>expc01</td><td>20004 Cluster communication failure: The system is unable to communicate with one or more of the cluster peers</td></tr>');
  });

  it('the body outside the style and the svg is well formed too, with a PASSED verdict', () => {
    const h = htmlReport(run, ADD_PEER);
    const body = h.slice(h.indexOf('<body>'), h.indexOf('</body>') + '</body>'.length);
    expect(xmlCheck(body).problems).toEqual([]);
    expect(body).toContain('<p class="verdict pass">PASSED');
    const failed = htmlReport(failing);
    expect(failed).toContain('<p class="verdict fail">FAILED — 1 expectation(s) did not hold</p>');
    expect(failed).toContain(`<p class="fail">step ${failing.steps.length - 1}: expc01: Peer 3 shows &quot;Failed&quot; — saw &quot;Active&quot;</p>`);
  });

  it('escapes < > & " in runbook text (name, notes) so a runbook cannot inject markup', () => {
    const hostile = TEXT.replace('name: Add a peer to a cluster', 'name: "Add <b>a</b> peer & \\"more\\""')
      .replace('- note: the existing cluster is healthy before the change', '- note: "<script>alert(1)</script>"');
    const h = htmlReport(runText(hostile));
    expect(h).not.toContain('<script>');
    expect(h).not.toContain('<b>');
    expect(h).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(h).toContain('<h1>Add &lt;b&gt;a&lt;/b&gt; peer &amp; &quot;more&quot;</h1>');
    const body = h.slice(h.indexOf('<body>'), h.indexOf('</body>') + '</body>'.length);
    expect(xmlCheck(body).problems).toEqual([]);
  });
});

describe('junit report', () => {
  it('is well-formed XML: one testsuite, one testcase per step, no failures for a passing run', () => {
    const x = junitReport([{ run, file: ADD_PEER }]);
    expect(x.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    const c = xmlCheck(x);
    expect(c.problems).toEqual([]);
    expect([c.count('testsuites'), c.count('testsuite'), c.count('testcase'), c.count('failure')]).toEqual([1, 1, run.steps.length, 0]);
    expect(x).toContain(`<testsuite name="Add a peer to a cluster" file="${ADD_PEER}" tests="${run.steps.length}" failures="0" errors="0">`);
    expect(x).toContain(`<property name="seed" value="7"/><property name="traceHash" value="${run.traceHash}"/>`);
  });

  it('a failing runbook gets a <failure> inside the testcase of the step whose expectation failed', () => {
    const x = junitReport([{ run, file: ADD_PEER }, { run: failing, file: 'failing.yaml' }]);
    const c = xmlCheck(x);
    expect(c.problems).toEqual([]);
    expect([c.count('testsuite'), c.count('failure')]).toEqual([2, 1]);
    expect(x).toContain('failures="1" errors="0"');
    const cases = x.match(/<testcase [^>]*>.*?<\/testcase>/g) ?? [];
    const bad = cases.filter((t) => t.includes('<failure'));
    expect(bad).toHaveLength(1);
    expect(bad[0]).toContain(`name="#${failing.steps.length - 1} expect`);
    expect(bad[0]).toContain('<failure message="expc01: Peer 3 shows &quot;Failed&quot; — saw &quot;Active&quot;">');
  });

  it('a refused step and each failed expectation in its test case; armed traps as warnings, and with strict a failing test case', () => {
    const TWO: Runbook['topology'] = { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }, { name: 'expc02', lan1: { ipv4: '10.0.0.12' } }], cluster: { peers: ['expc01', 'expc02'] } };
    const r = runRunbook({ name: "Bob's <rehearsal>", seed: 4, topology: TWO, steps: [
      { wait: '1m' },
      { peer: 'expc02', tshell: 'xConfiguration Bogus Thing: 1' },
      { expect: [{ peer: 'expc01', state: 'poweredOff' }, { peer: 'expc02', state: 'restarting' }] },
      { peer: 'expc02', page: 'clustering', set: { 'Alternates Peer 1 Address': '', 'Alternates Peer 2 Address': '' } },
    ] });
    const name = 'Bob&apos;s &lt;rehearsal&gt;';
    const refused = 'refused: XTW_ERR_PEER_UNKNOWN_KEY: Unknown configuration item: &apos;Bogus Thing&apos;';
    const warnings = armedTrapLines(r, '').map((l) => `warning: ${l}`).join('\n').replace(/"/g, '&quot;');
    expect(r.armedTraps).toHaveLength(2);
    const plain = junitReport([{ run: r }]);
    expect(plain.split('\n').slice(0, 5)).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>', '<testsuites>',
      `  <testsuite name="${name}" tests="4" failures="2" errors="0">`,
      `    <properties><property name="seed" value="4"/><property name="traceHash" value="${r.traceHash}"/><property name="armedTraps" value="2"/></properties>`,
      `    <testcase classname="${name}" name="#1 wait 1m" time="60.000"></testcase>`,
    ]);
    expect(plain).toContain(`name="#2 expc02: xConfiguration Bogus Thing: 1" time="1.000"><failure message="${refused}">${refused}</failure></testcase>`);
    expect(plain).toContain('<failure message="expc01: state poweredOff — saw state running">expc01: state poweredOff — saw state running\nexpc02: state restarting — saw state running</failure>');
    expect(plain).toContain(`\n    <system-err>${warnings}</system-err>\n  </testsuite>\n</testsuites>\n`);
    const strict = junitReport([{ run: r, file: 't.yaml' }], { strict: true });
    expect(strict).toContain(`  <testsuite name="${name}" file="t.yaml" tests="5" failures="3" errors="0">`);
    expect(strict).toContain(`    <testcase classname="${name}" name="no trap left armed (--strict)" time="0.000"><failure message="2 armed trap(s) (--strict)">${warnings}</failure></testcase>\n    <system-err>`);
    // Strict with nothing armed: the test case passes and counts no failure.
    expect(junitReport([{ run }], { strict: true })).toContain(`tests="${run.steps.length + 1}" failures="0" errors="0">`);
    expect(junitReport([{ run }], { strict: true })).toContain('name="no trap left armed (--strict)" time="0.000"></testcase>\n  </testsuite>');
  });

  it('a twin fault: the halted step fails with the fault line, and a "twin fault" test case carries it as an error with the note', () => {
    const halted = withLifecycleCrash(FORCED, () => runRunbook(runbookOf(RESTART_YAML)));
    const x = junitReport([{ run: halted }]);
    const line = xml(`twin fault: ${describeTwinFault(halted.twinFaults[0]!, halted)}`);
    expect(x).toContain(`time="0.000"><failure message="twin fault: forced by the test seam">twin fault: forced by the test seam</failure></testcase>`);
    expect(x).toContain(`name="twin fault" time="0"><error type="XTW_ERR_TWIN_MODEL_FAULT" message="${line}">${line}\n${xml(TWIN_FAULT_NOTE)}</error></testcase>`);
    expect(x).toContain(`tests="${halted.steps.length + 1}" failures="1" errors="1">`);
  });

  it('testcase times are the steps\' virtual durations in seconds (the restart wait is the restart)', () => {
    const x = junitReport([{ run }]);
    const times = [...x.matchAll(/<testcase [^>]* time="([\d.]+)">/g)].map((m) => Number(m[1]));
    expect(times).toEqual(run.steps.map((s) => Number(((s.endMs - s.startMs) / 1000).toFixed(3))));
    // The "wait until expc03 running" step lasts the rest of expc03's restart: at most restartDurationMs.
    const waitUntil = run.steps.findIndex((s) => s.text.startsWith('wait until expc03: state running'));
    expect(times[waitUntil]).toBeGreaterThan(0);
    expect(times[waitUntil]! * 1000).toBeLessThanOrEqual(TIMINGS.restartDurationMs);
  });
});
