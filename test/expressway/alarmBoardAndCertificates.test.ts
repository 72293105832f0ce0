// Two small parts of a peer, at their edges: the alarm board (Status > Alarms: a raise or lower is
// reported once, a countdown's text is updated in place, a factory reset clears all but what it
// keeps) and the certificate checks TLS verification makes (DOMAIN §3 R16, §11.3: issuer trusted,
// inside the validity window to the millisecond, name in CN or SANs in any case).
import { describe, expect, it } from 'vitest';
import { AlarmBoard, NO_PARAMS, type ActiveAlarm, type AlarmEvent } from '../../src/expressway/alarmBoard.js';
import { certificateNames, certificateProblems, daysToExpiry } from '../../src/expressway/certificates.js';
import type { Certificate } from '../../src/expressway/config/schema.js';

function board() {
  const clock = { nowMs: 0 };
  const events: [AlarmEvent, string, number][] = [];
  const b = new AlarmBoard(clock, (e: AlarmEvent, a: ActiveAlarm) => events.push([e, a.key, a.raisedAtMs]));
  return { b, clock, events };
}

describe('the alarm board', () => {
  it('raises once and lowers once, reporting each real change with the time it was raised', () => {
    const { b, clock, events } = board();
    clock.nowMs = 5;
    b.raise('cluster-communication-failure');
    clock.nowMs = 9;
    b.raise('cluster-communication-failure');
    expect(b.has('cluster-communication-failure')).toBe(true);
    b.lower('cluster-communication-failure');
    b.lower('cluster-communication-failure');
    expect(b.has('cluster-communication-failure')).toBe(false);
    expect(events).toEqual([['raise', 'cluster-communication-failure', 5], ['lower', 'cluster-communication-failure', 5]]);
  });

  it('lists the active alarms oldest first, as a copy; the detail is the catalog title and text', () => {
    const { b } = board();
    b.raise('h323-mode-off');
    b.raise('cluster-communication-failure');
    b.raise('cluster-database-communication-failure');
    b.lower('cluster-communication-failure');
    const list = b.list();
    expect(list.map((a) => a.def.id)).toEqual(['20018', '20006']);
    expect(list[0]!.detail).toBe('Invalid clustering configuration: H.323 mode must be turned On - clustering uses H.323 communications between peers');
    expect(list[0]!.params).toBe(NO_PARAMS);
    list.pop();
    expect(b.list()).toHaveLength(2);
  });

  it('set raises on true and lowers on false', () => {
    const { b, events } = board();
    b.set('h323-mode-off', true);
    b.set('h323-mode-off', true);
    b.set('h323-mode-off', false);
    expect(events.map(([e]) => e)).toEqual(['raise', 'lower']);
  });

  it('raiseOrUpdate: raises when down; when up, brings the text up to date in place, without an event', () => {
    const { b, clock, events } = board();
    const params = (n: number) => ({ peer: '10.0.0.12', n, date: '2026-12-08' });
    b.raiseOrUpdate('lost-peer-licences-hours', params(24));
    clock.nowMs = 3_600_000;
    b.raiseOrUpdate('lost-peer-licences-hours', params(25));
    b.raiseOrUpdate('lost-peer-licences-hours', params(25));
    expect(events).toEqual([['raise', 'lost-peer-licences-hours', 0]]);
    const [alarm] = b.list();
    expect(alarm!.detail).toContain('unavailable for more than 25 hours');
    expect(alarm!.params).toEqual(params(25));
    expect(alarm!.raisedAtMs).toBe(0);
  });

  it('clear lowers everything but what it is told to keep, each with its event', () => {
    const { b, events } = board();
    b.raise('h323-mode-off');
    b.raise('factory-reset-started');
    b.raise('cluster-communication-failure');
    events.length = 0;
    b.clear(['factory-reset-started']);
    expect(b.list().map((a) => a.key)).toEqual(['factory-reset-started']);
    expect(events.map(([e, k]) => `${e} ${k}`)).toEqual(['lower h323-mode-off', 'lower cluster-communication-failure']);
    b.clear();
    expect(b.list()).toEqual([]);
  });
});

describe('certificate checks', () => {
  const cert: Certificate = { cn: 'ExpC01.example.com', sans: ['Cluster.Example.com'], issuer: 'Lab CA', notBeforeMs: 1_000, notAfterMs: 2_000 };
  const check = (o: Partial<{ trustedCas: string[]; expectedName: string; nowUtcMs: number }>, c: Certificate | null = cert) =>
    certificateProblems(c, { trustedCas: ['Lab CA'], expectedName: 'expc01.example.com', nowUtcMs: 1_500, ...o });

  it('a trusted certificate, inside its window, naming the peer: no problem', () => {
    expect(check({})).toEqual([]);
    expect(check({ expectedName: 'CLUSTER.example.COM' })).toEqual([]);
  });

  it('valid from its first millisecond to its last', () => {
    expect(check({ nowUtcMs: 1_000 })).toEqual([]);
    expect(check({ nowUtcMs: 999 })).toEqual(['not-yet-valid']);
    expect(check({ nowUtcMs: 2_000 })).toEqual([]);
    expect(check({ nowUtcMs: 2_001 })).toEqual(['expired']);
  });

  it('every problem at once, in a fixed order; no certificate is "missing"', () => {
    expect(check({ trustedCas: [], expectedName: '10.0.0.11', nowUtcMs: 0 })).toEqual(['untrusted-issuer', 'not-yet-valid', 'name-mismatch']);
    expect(check({ trustedCas: ['Other CA'], nowUtcMs: 3_000 })).toEqual(['untrusted-issuer', 'expired']);
    expect(check({}, null)).toEqual(['missing']);
  });

  it('names are the CN and the SANs, lower case', () => {
    expect(certificateNames(cert)).toEqual(['expc01.example.com', 'cluster.example.com']);
  });

  it('days to expiry round down, and go negative once expired', () => {
    const day = 86_400_000;
    const c = { ...cert, notAfterMs: 10 * day };
    expect(daysToExpiry(c, 0)).toBe(10);
    expect(daysToExpiry(c, 1)).toBe(9);
    expect(daysToExpiry(c, 10 * day)).toBe(0);
    expect(daysToExpiry(c, 10 * day + 1)).toBe(-1);
  });
});
