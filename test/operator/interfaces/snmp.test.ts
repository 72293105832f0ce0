// What a peer's SNMP agent serves and to whom (INTERFACES §4), as pure functions of the twin:
// System > SNMP's four modes, the v3 user's security level, the MIB-II system group's values.
import { describe, expect, it } from 'vitest';
import { snmpAccess, snmpInterfaces, snmpSystem, SYS_OBJECT_ID } from '../../../src/operator/index.js';
import { createTwin, type Edits } from '../../../src/twin.js';

function peer(edits: Edits = {}) {
  const twin = createTwin({ seed: 1, topology: { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }] } });
  if (Object.keys(edits).length > 0) twin.save('expc01', edits, { via: 'system' });
  return twin;
}

const V3 = { 'SNMP V3UserName': 'VCS', 'SNMP V3AuthenticationPassword': 'auth-secret', 'SNMP V3PrivacyPassword': 'priv-secret', 'SNMP CommunityName': 'ro' };

describe('snmpAccess', () => {
  it('nobody while SNMP is Disabled (the default)', () => {
    expect(snmpAccess(peer().observe('expc01'))).toEqual({ communities: [], users: [] });
  });

  it('v2c: the community only; v3: the user only; v3 plus TMS: both', () => {
    expect(snmpAccess(peer({ ...V3, 'SNMP Mode': 'v2c' }).observe('expc01'))).toEqual({ communities: ['ro'], users: [] });
    const user = { name: 'VCS', authKey: 'auth-secret', privKey: 'priv-secret' };
    expect(snmpAccess(peer({ ...V3, 'SNMP Mode': 'v3' }).observe('expc01'))).toEqual({ communities: [], users: [user] });
    expect(snmpAccess(peer({ ...V3, 'SNMP Mode': 'v3plusTMS' }).observe('expc01'))).toEqual({ communities: ['ro'], users: [user] });
  });

  it('privacy off leaves authNoPriv; authentication off leaves neither key', () => {
    expect(snmpAccess(peer({ ...V3, 'SNMP Mode': 'v3', 'SNMP V3PrivacyMode': 'Off' }).observe('expc01')).users).toEqual([{ name: 'VCS', authKey: 'auth-secret' }]);
    expect(snmpAccess(peer({ ...V3, 'SNMP Mode': 'v3', 'SNMP V3AuthenticationMode': 'Off' }).observe('expc01')).users).toEqual([{ name: 'VCS' }]);
  });

  it('a peer that is not serving answers nobody', () => {
    const twin = peer({ 'SNMP Mode': 'v2c' });
    twin.powerOff('expc01');
    expect(snmpAccess(twin.observe('expc01'))).toEqual({ communities: [], users: [] });
  });
});

describe('snmpSystem', () => {
  it('sysObjectID, sysName from the host name, a custom description, uptime in hundredths', () => {
    const twin = peer({ 'SNMP SystemDescription': 'lab VCS', 'SNMP SystemLocation': 'Rack 4' });
    twin.advance(90_000);
    const s = snmpSystem(twin, 'expc01');
    expect(s).toMatchObject({ sysObjectID: SYS_OBJECT_ID, sysName: 'expc01', sysDescr: 'lab VCS', sysLocation: 'Rack 4', sysContact: 'Administrator' });
    expect(s.sysUpTime).toBeGreaterThanOrEqual(9_000 - 1);
    expect(snmpSystem(peer(), 'expc01').sysDescr).toMatch(/^TANDBERG Video Communication Server X\d+/);
  });

  it('a peer without dual interfaces has one interface, LAN 1 as eth0, up', () => {
    expect(snmpInterfaces(peer().observe('expc01')).map((i) => [i.ifIndex, i.ifDescr, i.ifOperStatus])).toEqual([[1, 'eth0', 1]]);
  });
});
