// Conformance on the running twin: the seed technote's five log samples (test/fixtures/
// seed-log-samples.log, sections A-E) are diffed against what a running twin's peers write when the
// same event happens — a replication run, a peer lost, the TLS verification mode changed on the
// Clustering page — driven through the operator's own actions, as a student or a runbook would.
// (seed-logs.test.ts checks the log *templates* and their spacing; this file checks that the twin
// actually writes those lines.)
//
// The comparison keeps everything a reader of the log sees: host, process and every field in order,
// with the values that belong to a moment rather than to the event masked (times, Erlang PIDs, RAS
// sequence numbers, the admin browser's address). Lines are matched in order (longest common subsequence), so a line the twin
// writes out of order shows as one missing and one extra.
//
// Every section is claimed in full: every record, in order, and nothing else. (A gap that reopens
// is listed with its reason and the full claim marked `it.fails` until it closes again.)
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLogLine } from '../../src/expressway/logs.js';
import { applyAction, type Action } from '../../src/operator/index.js';
import { createTwin, type Topology, type Twin } from '../../src/twin.js';

const FIXTURE = readFileSync(new URL('../fixtures/seed-log-samples.log', import.meta.url), 'utf8');

function section(letter: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of FIXTURE.split('\n')) {
    const heading = /^# ([A-Z])\. /.exec(line);
    if (heading) current = heading[1]!;
    else if (current === letter && line.trim() !== '' && !line.startsWith('#')) out.push(line);
  }
  return out;
}

/** What a reader compares: host, process and fields, with per-moment values masked. */
function shape(line: string): string {
  const { host, process, fields } = parseLogLine(line);
  const masked = fields.map(([name, value]) => {
    if (name === 'UTCTime') return `${name}=<time>`;
    if (name === 'PID') return `${name}=<pid>`;
    if (name === 'Src-ip' || name === 'Src-port') return `${name}=<browser>`; // where the admin's browser was
    return `${name}=${value.replace(/SeqNum=\d+/, 'SeqNum=<n>')}`;
  });
  return [host, process ?? '-', ...masked].join(' ');
}

interface Diff { missing: string[]; extra: string[] }

/** Fixture lines the twin did not write, and twin lines the fixture does not have, matched in order. */
function diff(fixture: readonly string[], twin: readonly string[]): Diff {
  const a = fixture.map(shape);
  const b = twin.map(shape);
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const missing: string[] = [];
  const extra: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { i++; j++; } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) missing.push(a[i++]!); else extra.push(b[j++]!);
  }
  missing.push(...a.slice(i));
  extra.push(...b.slice(j));
  return { missing, extra };
}

/** The seed's cluster: expc01 (primary, 10.15.13.15) and expc02 (10.15.13.16) in apolo.local, Permissive, on IP addresses. */
const SEED_CLUSTER: Topology = {
  domain: 'apolo.local',
  epochUtc: '2020-08-12T19:00:00Z',
  utcOffsetMinutes: -300,
  peers: [{ name: 'expc01', lan1: { ipv4: '10.15.13.15' } }, { name: 'expc02', lan1: { ipv4: '10.15.13.16' } }],
  cluster: { name: 'cluster.apolo.local', peers: ['expc01', 'expc02'], primary: 'expc01', tls: 'Permissive', addressing: 'ip' },
};

function act(twin: Twin, action: Action): void {
  const result = applyAction(twin, action);
  if (!result.ok) throw new Error(`${action.kind} refused: ${result.error.code} ${result.error.message}`);
}

/** A formed cluster, settled for five virtual minutes. */
function seedCluster(): Twin {
  const twin = createTwin({ seed: 7, topology: SEED_CLUSTER });
  act(twin, { kind: 'wait', durationMs: 5 * 60_000 });
  return twin;
}

/** The lines `peer` writes while `during` runs and for `forMs` after it. */
function linesDuring(twin: Twin, peer: string, during: () => void, forMs: number): string[] {
  const from = twin.logLines(peer).length;
  during();
  act(twin, { kind: 'wait', durationMs: forMs });
  return twin.logLines(peer).slice(from);
}

/** One replication run (the four lines from "Starting synchronisation") out of a peer's log. */
function replicationRun(lines: readonly string[]): string[] {
  const start = lines.findIndex((l) => l.includes('Detail="Starting synchronisation"'));
  expect(start, 'a replication run within the window').toBeGreaterThanOrEqual(0);
  return lines.slice(start, start + 4);
}

/** Lines of the steady background that the fixture's sections cut away (the periodic replication run). */
const background = (line: string) => /\breplication: /.test(line);

const TLS_TO_ENFORCING: Action = { kind: 'page', peer: 'expc01', page: 'clustering', set: { 'Alternates Cluster TLSVerificationMode': 'Enforce' } };

describe('conformance on the running twin: the seed log samples (DOMAIN §10.2)', () => {
  it('A: a periodic replication run on the primary writes the seed\'s four lines', () => {
    const twin = seedCluster();
    const run = replicationRun(linesDuring(twin, 'expc01', () => {}, 2 * 60_000));
    expect(diff(section('A'), run)).toEqual({ missing: [], extra: [] });
  });

  it('B: a periodic replication run on the subordinate writes the seed\'s four lines', () => {
    const twin = seedCluster();
    const run = replicationRun(linesDuring(twin, 'expc02', () => {}, 2 * 60_000));
    expect(diff(section('B'), run)).toEqual({ missing: [], extra: [] });
  });

  const lossLines = () => {
    const twin = seedCluster();
    return linesDuring(twin, 'expc01', () => act(twin, { kind: 'power', peer: 'expc02', on: false }), 40_000).filter((l) => !background(l));
  };
  // Two clocks drive a peer loss: the database's (mnesia_down, then 20006, 20004 and the name
  // resolver on fixed delays) and the RAS query cycle (retransmits and timeouts), whose phase at the
  // moment of the loss is chance — the seed's interleaving of the two is one draw. Each stream must
  // match in order; how they interleave is not compared.
  const lossDiff = (): Diff => {
    const ras = (line: string) => / tvcs: /.test(line);
    const twin = lossLines();
    const a = diff(section('C').filter(ras), twin.filter(ras));
    const b = diff(section('C').filter((l) => !ras(l)), twin.filter((l) => !ras(l)));
    return { missing: [...b.missing, ...a.missing], extra: [...b.extra, ...a.extra] };
  };
  const tlsLines = (peer: string) => {
    const twin = seedCluster();
    return linesDuring(twin, peer, () => act(twin, TLS_TO_ENFORCING), 2_000).filter((l) => !background(l));
  };

  // The full claims. A TLS verification change raises 20007 alone, as in the seed (no 20020).
  it('C: losing expc02 writes every record of the seed, in order, and nothing else', () => {
    expect(lossDiff()).toEqual({ missing: [], extra: [] });
  });
  it('D: a TLS mode change on the primary writes every record of the seed, in order, and nothing else', () => {
    expect(diff(section('D'), tlsLines('expc01'))).toEqual({ missing: [], extra: [] });
  });
  it('E: the change seen on the subordinate writes every record of the seed, in order, and nothing else', () => {
    expect(diff(section('E'), tlsLines('expc02'))).toEqual({ missing: [], extra: [] });
  });
});
