// Unit tests for src/expressway/logLines.ts: the formatter and parser agree, and virtual time maps to
// the header's local time and the body's UTCTime through a LogClock (DOMAIN §10.1, §10.2).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alarmDefinition } from '../../src/expressway/alarms.js';
import {
  alarmLoweredLine, alarmRaisedLine, formatLocalTimestamp, formatLogLine, formatUtcTime, parseLocalTimestamp, parseLogLine,
  tvcsH323Line, webConfigLine, type LogClock, type LogFamily, type LogField, type LogRecord,
} from '../../src/expressway/logs.js';
import { FC_NUM_RUNS, FC_SEED } from '../setup.js';

const FAMILIES: readonly LogFamily[] = ['developer-python', 'developer-erlang', 'clusterdb-config-event', 'alarm', 'web-config', 'tvcs-h323', 'tvcs-event'];
const UTC_FIRST = new Set<LogFamily>(['developer-python', 'developer-erlang', 'clusterdb-config-event', 'tvcs-h323']);
const PROCESSES = [undefined, 'replication', 'alarm', 'management', 'tvcs', 'httpd[15060]: web'] as const;

const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/);
// Quote-free values with the characters the seed's values carry: spaces, commas, braces, brackets, colons, '=', "'".
const quoteFreeValue = fc.string({ unit: fc.constantFrom(...'abcXYZ019 ,{}[]():=\'._-<>@'.split('')), maxLength: 40 });
const clock: fc.Arbitrary<LogClock> = fc.record({
  epochUtcMs: fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2090, 0, 1) }),
  utcOffsetMinutes: fc.integer({ min: -12 * 60, max: 14 * 60 }),
});

function recordArb(value: fc.Arbitrary<string>): fc.Arbitrary<LogRecord> {
  return fc.record({
    atMs: fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }),
    host: fc.stringMatching(/^[a-z][a-z0-9.-]{0,15}$/),
    process: fc.constantFrom(...PROCESSES),
    family: fc.constantFrom(...FAMILIES),
    fields: fc.array(fc.tuple(name, value), { maxLength: 8 }),
    levelColon: fc.boolean(),
  }).map(({ process, ...r }) => (process === undefined ? r : { ...r, process }));
}

function expectRoundTrip(record: LogRecord, c: LogClock): void {
  const parsed = parseLogLine(formatLogLine(record, c));
  const utc: LogField = ['UTCTime', formatUtcTime(c.epochUtcMs + record.atMs, record.family !== 'web-config')];
  expect(parsed.host).toBe(record.host);
  expect(parsed.process).toBe(record.process);
  expect(parsed.timestamp).toBe(formatLocalTimestamp(record.atMs, c));
  expect(parsed.fields).toEqual(UTC_FIRST.has(record.family) ? [utc, ...record.fields] : [...record.fields, utc]);
  expect(parsed.levelColon ?? false).toBe(record.levelColon === true && record.fields.some(([n]) => n === 'Level'));
}

describe(`logLines: formatLogLine and parseLogLine round-trip (seed ${FC_SEED}, ${FC_NUM_RUNS} runs)`, () => {
  it('any record with quote-free values (spaces, commas, braces) parses back to its host, process and fields', () => {
    fc.assert(fc.property(recordArb(quoteFreeValue), clock, expectRoundTrip));
  });

  it('values with double quotes and backslashes survive too (they are backslash-escaped, an assumption)', () => {
    fc.assert(fc.property(recordArb(fc.string({ maxLength: 30 })), clock, expectRoundTrip));
  });

  it('the header time parses back to the same UTC instant and offset (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10 * 365 * 86_400_000 }), clock, (atMs, c) => {
      expect(parseLocalTimestamp(formatLocalTimestamp(atMs, c))).toEqual({ utcMs: c.epochUtcMs + atMs, utcOffsetMinutes: c.utcOffsetMinutes });
    }));
  });
});

describe('logLines: virtual time → wall time through a LogClock', () => {
  const epochUtcMs = Date.UTC(2020, 7, 12); // 2020-08-12T00:00:00Z
  const at = (iso: string) => Date.parse(iso) - epochUtcMs;

  it('at -05:00 the header is local time and UTCTime is UTC (the seed\'s 19:57:43,353 is 14:57:43.353-05:00)', () => {
    const c = { epochUtcMs, utcOffsetMinutes: -300 };
    expect(formatLocalTimestamp(at('2020-08-12T19:57:43.353Z'), c)).toBe('2020-08-12T14:57:43.353-05:00');
    expect(formatUtcTime(epochUtcMs + at('2020-08-12T19:57:43.353Z'))).toBe('2020-08-12 19:57:43,353');
  });

  it('day rollover backwards: 02:30 UTC at -05:00 is 21:30 the previous day, UTCTime keeps the UTC date', () => {
    const c = { epochUtcMs, utcOffsetMinutes: -300 };
    const line = formatLogLine(webConfigLine({ atMs: at('2020-08-12T02:30:00.000Z'), host: 'expc01', httpdPid: 1, detail: 'x', srcIp: '10.0.0.1', srcPort: 1, user: 'admin' }), c);
    expect(line.startsWith('2020-08-11T21:30:00.000-05:00 expc01 httpd[1]: web: ')).toBe(true);
    expect(line.endsWith('UTCTime="2020-08-12 02:30:00"')).toBe(true);
  });

  it('day and year rollover forwards: 2020-12-31 10:00 UTC at +14:00 is 2021-01-01T00:00 local', () => {
    expect(formatLocalTimestamp(Date.UTC(2020, 11, 31, 10) - epochUtcMs, { epochUtcMs, utcOffsetMinutes: 14 * 60 })).toBe('2021-01-01T00:00:00.000+14:00');
  });

  it('half-hour offsets and leap days: 2024-02-28 20:00 UTC at +05:30 is 2024-02-29T01:30 local', () => {
    expect(formatLocalTimestamp(Date.UTC(2024, 1, 28, 20) - epochUtcMs, { epochUtcMs, utcOffsetMinutes: 330 })).toBe('2024-02-29T01:30:00.000+05:30');
  });

  it('offset zero is written +00:00', () => {
    expect(formatLocalTimestamp(0, { epochUtcMs, utcOffsetMinutes: 0 })).toBe('2020-08-12T00:00:00.000+00:00');
  });
});

describe('logLines: families and quirks (DOMAIN §10.2)', () => {
  const c = { epochUtcMs: Date.UTC(2020, 7, 12, 19, 57), utcOffsetMinutes: -300 };

  it('network.h323 lines carry the `Level="INFO":` quirk, two spaces after it as the product writes, and parse back with levelColon', () => {
    const line = formatLogLine(tvcsH323Line({ atMs: 0, host: 'expc01', action: 'Sent', dstIp: '10.15.13.16', dstPort: 1719, detail: 'd' }), c);
    expect(line).toBe('2020-08-12T14:57:00.000-05:00 expc01 tvcs: UTCTime="2020-08-12 19:57:00,000" Module="network.h323" Level="INFO":  Action="Sent" Dst-ip="10.15.13.16" Dst-port="1719" Detail="d"');
    expect(parseLogLine(line).levelColon).toBe(true);
  });

  it('the parser keeps repeated keys in order (the clusterdb lines\' two Node fields)', () => {
    const parsed = parseLogLine('2020-08-12T14:57:43.353-05:00 expc01 UTCTime="x" Node="clusterdb@a" PID="<0.1.0>" Detail="a b, {c}" Node="clusterdb@b"');
    expect(parsed.process).toBeUndefined();
    expect(parsed.fields.filter(([n]) => n === 'Node').map(([, v]) => v)).toEqual(['clusterdb@a', 'clusterdb@b']);
    expect(parsed.fields[3]).toEqual(['Detail', 'a b, {c}']);
  });

  it('the parser rejects a line without fields or with an unterminated value', () => {
    expect(() => parseLogLine('2020-08-12T14:57:43.353-05:00 expc01 tvcs: no fields here')).toThrow(SyntaxError);
    expect(() => parseLogLine('2020-08-12T14:57:43.353-05:00 expc01 Detail="open')).toThrow(SyntaxError);
  });

  it('Alarm Lowered mirrors Alarm Raised with Event="Alarm Lowered" and Level="INFO" (format assumed, DOMAIN §13 item 6)', () => {
    const alarm = alarmDefinition('cluster-communication-failure');
    const raised = parseLogLine(formatLogLine(alarmRaisedLine({ atMs: 5, host: 'expc01', alarm }), c));
    const lowered = parseLogLine(formatLogLine(alarmLoweredLine({ atMs: 5, host: 'expc01', alarm }), c));
    expect(lowered.process).toBe('alarm');
    const patched = raised.fields.map(([n, v]): LogField => (n === 'Event' ? [n, 'Alarm Lowered'] : n === 'Level' ? [n, 'INFO'] : [n, v]));
    expect(lowered.fields).toEqual(patched);
  });

  it('an alarm with parameters fills its placeholders in Detail', () => {
    const line = formatLogLine(alarmRaisedLine({ atMs: 0, host: 'e', alarm: alarmDefinition('cluster-tcp-connection-failure'), params: { peers: '10.0.0.2', ports: '4371, 4372' } }), c);
    expect(parseLogLine(line).fields).toContainEqual(['Detail', 'Cluster communication failure: Unable to establish a TCP connection with 10.0.0.2 on ports 4371, 4372']);
  });
});
