// The twin's catalogs checked both ways against their sources (STYLE R7, R13).
// Alarm part: src/expressway/alarms.ts against the product's alarm reference (test/fixtures/alarm-reference.md,
// the alarm facts of DOMAIN §7 kept as the project's own fixture) and the technote's log samples.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALARMS, alarmDefinition, alarmDetail, alarmsWithId, type AlarmDefinition } from '../../src/expressway/alarms.js';
import { parseLogLine } from '../../src/expressway/logLines.js';

const REFERENCE = readFileSync(new URL('../fixtures/alarm-reference.md', import.meta.url), 'utf8');
const FIXTURE = readFileSync(new URL('../fixtures/seed-log-samples.log', import.meta.url), 'utf8');

function section(start: string, end: string): string {
  const from = REFERENCE.indexOf(start);
  const to = REFERENCE.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`alarm-reference.md has no section ${start} … ${end}`);
  return REFERENCE.slice(from, to);
}

/** Data rows of the markdown tables in a section: cells trimmed, header and rule rows dropped. */
function tableRows(text: string): string[][] {
  return text.split('\n')
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l) && !/^\|\s*ID\s*\|/.test(l))
    .map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

const S7 = section('## 7. Alarms', '## 8. ');
const S71 = section('### 7.1 ', '### 7.2 ');
const S72 = section('### 7.2 ', '### 7.3 ');
const idsIn = (cell: string) => cell.match(/\b\d{5}\b/g) ?? [];
const REFERENCE_IDS = new Set(tableRows(S7).flatMap((r) => idsIn(r[0]!)));

/** `<n>` (the reference) and `{peer}` (catalog) both become `<>`; the reference's editorial "(nodename = IP or FQDN)" goes. */
const normalise = (text: string) => text.replace(/\s*\(nodename = IP or FQDN\)/, '').replace(/<\w+>|\{\w+\}/g, '<>');
const severity = (cell: string) => cell.replace(/\*/g, '').trim().toLowerCase();
const assumed = (def: AlarmDefinition, field: 'description' | 'solution') => def.assumedFields?.includes(field) ?? false;

describe('alarm catalog ↔ the alarm reference (DOMAIN §7), both ways', () => {
  it('alarm reference tables list the ids this test expects to find (the extraction works)', () => {
    expect(REFERENCE_IDS.size).toBeGreaterThanOrEqual(45);
    expect(REFERENCE_IDS.has('20004') && REFERENCE_IDS.has('45006') && REFERENCE_IDS.has('30017')).toBe(true);
  });

  it('every 5-digit alarm id in the alarm reference tables is in the catalog', () => {
    const missing = [...REFERENCE_IDS].filter((id) => alarmsWithId(id).length === 0);
    expect(missing).toEqual([]);
  });

  it('every catalog id not marked idAssumed appears in the alarm reference tables', () => {
    const unknown = ALARMS.filter((a) => !a.idAssumed && !REFERENCE_IDS.has(a.id)).map((a) => `${a.key}=${a.id}`);
    expect(unknown).toEqual([]);
  });

  it('assumed ids sit in the reserved 29901-29999 range and occur nowhere in the alarm reference', () => {
    for (const a of ALARMS.filter((x) => x.idAssumed)) {
      expect(Number(a.id), a.key).toBeGreaterThanOrEqual(29901);
      expect(Number(a.id), a.key).toBeLessThanOrEqual(29999);
      expect(REFERENCE.includes(a.id), `${a.id} collides with the alarm reference`).toBe(false);
    }
  });

  it('keys are unique, ids are unique except the documented pairs (20011: the cluster guide\'s text, 20014: two texts), and each id has one well-formed UUID of its own', () => {
    const keys = ALARMS.map((a) => a.key);
    expect(new Set(keys).size).toBe(keys.length);
    const shared = [...new Set(ALARMS.map((a) => a.id))].filter((id) => alarmsWithId(id).length > 1);
    expect(shared).toEqual(['20011', '20014']);
    const uuidOfId = new Map<string, Set<string>>();
    for (const a of ALARMS) uuidOfId.set(a.id, (uuidOfId.get(a.id) ?? new Set()).add(a.uuid));
    for (const [id, uuids] of uuidOfId) expect(uuids.size, `${id} has one UUID`).toBe(1);
    expect(new Set(ALARMS.map((a) => a.uuid)).size).toBe(uuidOfId.size);
    for (const a of ALARMS) expect(a.uuid, a.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('every alarm the reference gives a product UUID carries that UUID; every other one a twin-made version-8 UUID (DOMAIN §7.3)', () => {
    const rows = tableRows(REFERENCE.slice(REFERENCE.indexOf('## Alarm-type UUIDs'))).map(([id, uuid]) => [id!, uuid!] as const);
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const product = new Map(rows);
    for (const a of ALARMS) {
      const want = a.idAssumed ? undefined : product.get(a.id);
      if (want !== undefined) expect(a.uuid, a.key).toBe(want);
      else expect(a.uuid[14], `${a.key} is a twin-made (version-8) UUID`).toBe('8');
    }
  });

  it('§7.1: each row has a definition with the same id, title, description, solution and severity, none assumed', () => {
    const rows = tableRows(S71);
    expect(rows.length).toBe(21);
    for (const [idCell, title, description, solution, sev] of rows) {
      const id = idsIn(idCell!)[0]!;
      const matches = alarmsWithId(id).filter((a) => normalise(a.description) === normalise(description!));
      expect(matches.length, `${id}: ${description}`).toBe(1);
      const def = matches[0]!;
      expect({ title: def.title, solution: def.solution, severity: def.severity, assumed: def.assumedFields })
        .toEqual({ title, solution, severity: severity(sev!), assumed: undefined });
    }
  });

  it('§7.2: titles and severities match every row; descriptions and solutions match where DOMAIN quotes them, and are marked assumed where it does not', () => {
    for (const [idCell, titleCell, descCell, sevCell] of tableRows(S72)) {
      const ids = idsIn(idCell!);
      const titles = titleCell!.split(' / ');
      const sevs = sevCell!.split(' / ');
      ids.forEach((id, i) => {
        const [def, ...more] = alarmsWithId(id);
        expect(more, id).toEqual([]);
        expect(def!.title, id).toBe(titles.length === ids.length ? titles[i] : titleCell);
        expect(def!.severity, id).toBe(severity(sevs.length === ids.length ? sevs[i]! : sevCell!));
        const quoted = /^(.*?)(?: \(solution: (.*)\))?$/.exec(descCell!)!;
        const exact = ids.length === 1 && !descCell!.includes('…');
        if (exact) expect(normalise(def!.description), id).toBe(normalise(quoted[1]!));
        expect(assumed(def!, 'description'), `${id} description assumed?`).toBe(!exact);
        if (quoted[2] !== undefined) expect(def!.solution, id).toBe(quoted[2]);
        expect(assumed(def!, 'solution'), `${id} solution assumed?`).toBe(quoted[2] === undefined);
      });
    }
  });

  it('§7.1 id-less alarm texts each have one definition: the product id where DOMAIN maps the text to one (idInferred), a twin id (idAssumed) only where it maps to none', () => {
    const block = section('Cluster-guide alarm texts with no ID', '### 7.2 ');
    const quotes = block.split('\n').filter((l) => l.startsWith('* "')).map((l) => /"([^"]+)"/.exec(l)![1]!);
    expect(quotes.length).toBe(5);
    const named = ALARMS.filter((a) => a.idAssumed || a.idInferred);
    expect(named.length).toBe(quotes.length);
    const hits = quotes.map((q) => {
      const hit = named.filter((a) => alarmDetail(a) === q || (a.title === q && assumed(a, 'description')) || a.source.includes(`"${q}"`));
      expect(hit.length, q).toBe(1);
      return hit[0]!;
    });
    // DOMAIN §7.1: "manual synchronization of configuration is required" is 20011's clause; the
    // TechNote's "Cluster primary mismatch" is 20017 (INFERRED). The other three have no product id.
    expect(hits.map((a) => a.shownId)).toEqual(['20011', '29902 (twin)', '29903 (twin)', '20017', '29905 (twin)']);
    for (const a of hits.filter((x) => x.idInferred)) expect(a.source, a.key).toContain('INFERRED');
  });

  it('a twin id is shown marked "(twin)"; a product id is shown bare', () => {
    for (const a of ALARMS) expect(a.shownId, a.key).toBe(a.idAssumed ? `${a.id} (twin)` : a.id);
  });

  it('placeholders in descriptions are only the documented ones', () => {
    const allowed = new Set(['peers', 'ports', 'nodename', 'peer', 'n', 'date', 'details']);
    for (const a of ALARMS) for (const m of a.description.matchAll(/\{(\w+)\}/g)) expect(allowed.has(m[1]!), `${a.key}: {${m[1]}}`).toBe(true);
  });
});

describe('alarm catalog ↔ the seed log fixture (20004, 20006, 20007)', () => {
  const raised = FIXTURE.split('\n').filter((l) => l.includes('Event="Alarm Raised"')).map(parseLogLine);
  const field = (fields: readonly (readonly [string, string])[], name: string) => fields.find(([n]) => n === name)?.[1];

  it('the fixture raises 20006, 20004 and 20007 (twice)', () => {
    expect(raised.map((l) => field(l.fields, 'Id'))).toEqual(['20006', '20004', '20007', '20007']);
  });

  it('each raised line\'s Detail is the catalog\'s "<Title>: <Description>", with the same UUID, severity and process', () => {
    for (const line of raised) {
      const [def, ...more] = alarmsWithId(field(line.fields, 'Id')!);
      expect(more).toEqual([]);
      expect(alarmDetail(def!)).toBe(field(line.fields, 'Detail'));
      expect(def!.uuid).toBe(field(line.fields, 'UUID'));
      expect(def!.severity).toBe(field(line.fields, 'Severity'));
      expect(def!.process).toBe(line.process);
    }
  });

  it('the titles and descriptions of 20004, 20006 and 20007 split the seed Detail at the first ": "', () => {
    const expected = {
      'cluster-communication-failure': ['Cluster communication failure', 'The system is unable to communicate with one or more of the cluster peers'],
      'cluster-database-communication-failure': ['Cluster database communication failure', 'The database is unable to replicate with one or more of the cluster peers'],
      'restart-required-cluster-configuration': ['Restart required', 'Cluster configuration has been changed, however a restart is required for this to take effect'],
    } as const;
    for (const [key, [title, description]] of Object.entries(expected)) {
      const def = alarmDefinition(key as keyof typeof expected);
      expect([def.title, def.description]).toEqual([title, description]);
      expect(raised.some((l) => field(l.fields, 'Detail') === `${title}: ${description}`)).toBe(true);
    }
  });
});
