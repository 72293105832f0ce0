// Server certificate validity alarms (DOMAIN §7.2 40068 / 40069) on a running peer: 40069 from the
// warning lead time on, raised once with its day count updated in place; 40068 from the last day
// on; a new certificate made active by a restart clears both. And the pure rule at its boundaries.
import { describe, expect, it } from 'vitest';
import { DAY_MS } from '../../sim/index.js';
import { CERTIFICATE_EXPIRY_WARNING_DAYS, certificateExpiryAlarm, nextCheckUtcMs } from '../../src/expressway/certificateExpiry.js';
import { buildPeer, CLI, EPOCH_UTC_MS, restartAndWait, traceOf, type Rig } from './helpers.js';

const cert = (notAfterMs: number) => ({ cn: 'expc01.example.com', sans: ['expc01.example.com'], issuer: 'Example Issuing CA', notBeforeMs: EPOCH_UTC_MS - 365 * DAY_MS, notAfterMs });
const shown = (rig: Rig) => rig.peer.alarms.list().filter((a) => a.def.id === '40068' || a.def.id === '40069').map((a) => `${a.def.id} ${a.detail}`);

describe('server certificate validity (40068 / 40069)', () => {
  it('counts the days down in place, then turns critical on the last day; raised once each, lowered once', () => {
    const rig = buildPeer({ config: { 'Certificate Server': cert(EPOCH_UTC_MS + 3.5 * DAY_MS) } });
    expect(shown(rig)).toEqual(['40069 Server certificate validity: Server certificate expires in 3 days']);
    rig.queue.advance(DAY_MS);
    expect(shown(rig)).toEqual(['40069 Server certificate validity: Server certificate expires in 2 days']);
    rig.queue.advance(DAY_MS);
    expect(shown(rig)).toEqual(['40069 Server certificate validity: Server certificate expires in 1 days']);
    rig.queue.advance(DAY_MS);
    expect(shown(rig)).toEqual(['40068 Server certificate validity: Server certificate expired or expires today']);
    rig.queue.advance(10 * DAY_MS);
    const events = traceOf(rig).filter((e) => (e.kind === 'alarm.raise' || e.kind === 'alarm.lower') && /^4006[89]$/.test(String(e.data.id)));
    expect(events.map((e) => `${e.kind} ${String(e.data.id)} T+${Math.floor(e.atMs / 3_600_000)}h`)).toEqual([
      'alarm.raise 40069 T+0h', 'alarm.lower 40069 T+60h', 'alarm.raise 40068 T+60h',
    ]);
  });

  it('a certificate with more than the lead time left raises nothing until the lead time is reached', () => {
    const rig = buildPeer({ config: { 'Certificate Server': cert(EPOCH_UTC_MS + (CERTIFICATE_EXPIRY_WARNING_DAYS + 2) * DAY_MS) } });
    expect(shown(rig)).toEqual([]);
    rig.queue.advance(DAY_MS);
    expect(shown(rig)).toEqual([]);
    rig.queue.advance(DAY_MS);
    expect(shown(rig)).toEqual([`40069 Server certificate validity: Server certificate expires in ${CERTIFICATE_EXPIRY_WARNING_DAYS} days`]);
  });

  it('a new certificate acts at the restart (15028 until then) and clears 40068', () => {
    const rig = buildPeer({ config: { 'Certificate Server': cert(EPOCH_UTC_MS + 0.5 * DAY_MS) } });
    expect(shown(rig)).toHaveLength(1);
    rig.peer.save({ 'Certificate Server': cert(EPOCH_UTC_MS + 400 * DAY_MS) }, CLI);
    expect(shown(rig)).toEqual(['40068 Server certificate validity: Server certificate expired or expires today']);
    restartAndWait(rig);
    expect(shown(rig)).toEqual([]);
    rig.queue.advance(60 * DAY_MS);
    expect(shown(rig)).toEqual([]);
  });

  it('the rule at its boundaries: no certificate, just over and under a whole day, expired', () => {
    const now = EPOCH_UTC_MS;
    expect(certificateExpiryAlarm(null, now)).toBeUndefined();
    expect(certificateExpiryAlarm(cert(now + DAY_MS), now)).toEqual({ key: 'server-certificate-expiring', days: 1 });
    expect(certificateExpiryAlarm(cert(now + DAY_MS - 1), now)).toEqual({ key: 'server-certificate-expired' });
    expect(certificateExpiryAlarm(cert(now - DAY_MS), now)).toEqual({ key: 'server-certificate-expired' });
    expect(certificateExpiryAlarm(cert(now + (CERTIFICATE_EXPIRY_WARNING_DAYS + 1) * DAY_MS), now)).toBeUndefined();
    // The next check is the first millisecond the answer differs.
    const c = cert(now + 3.5 * DAY_MS);
    const next = nextCheckUtcMs(c, now)!;
    expect(certificateExpiryAlarm(c, next - 1)).toEqual({ key: 'server-certificate-expiring', days: 3 });
    expect(certificateExpiryAlarm(c, next)).toEqual({ key: 'server-certificate-expiring', days: 2 });
    expect(nextCheckUtcMs(c, c.notAfterMs)).toBeUndefined();
  });
});
