/**
 * One virtual peer's SNMP agent on a loopback UDP port, with net-snmp — a maintained, pure-JS
 * agent that speaks v2c and v3 (USM with SHA and AES) and answers Get, GetNext and GetBulk from a
 * MIB of providers, so Debian's snmpget/snmpwalk and LibreNMS see a real agent, not a hand-rolled
 * BER encoder. What it serves and to whom comes from the peer (src/operator/interfaces/snmp.ts):
 * MIB-II system and interfaces, values read from the twin at each request; read-only, no traps.
 */
import { createSocket } from 'node:dgram';
import snmp from 'net-snmp';
import { snmpAccess, snmpInterfaces, snmpSystem, type SnmpAccess } from '../operator/index.js';
import type { Twin } from '../twin.js';

export interface PeerSnmpAgent {
  /** applies the peer's System > SNMP settings (and whether it serves) to who may read */
  refreshAccess(): void;
  close(): Promise<void>;
}

const RO = snmp.MaxAccess['read-only'];
const SYSTEM = '1.3.6.1.2.1.1';
const SCALARS = [
  { name: 'sysDescr', n: 1, type: snmp.ObjectType.OctetString },
  { name: 'sysObjectID', n: 2, type: snmp.ObjectType.OID },
  { name: 'sysUpTime', n: 3, type: snmp.ObjectType.TimeTicks },
  { name: 'sysContact', n: 4, type: snmp.ObjectType.OctetString },
  { name: 'sysName', n: 5, type: snmp.ObjectType.OctetString },
  { name: 'sysLocation', n: 6, type: snmp.ObjectType.OctetString },
  { name: 'sysServices', n: 7, type: snmp.ObjectType.Integer },
] as const;
const IF_COLUMNS = [
  { number: 1, name: 'ifIndex', type: snmp.ObjectType.Integer },
  { number: 2, name: 'ifDescr', type: snmp.ObjectType.OctetString },
  { number: 3, name: 'ifType', type: snmp.ObjectType.Integer },
  { number: 4, name: 'ifMtu', type: snmp.ObjectType.Integer },
  { number: 5, name: 'ifSpeed', type: snmp.ObjectType.Gauge },
  { number: 6, name: 'ifPhysAddress', type: snmp.ObjectType.OctetString },
  { number: 7, name: 'ifAdminStatus', type: snmp.ObjectType.Integer },
  { number: 8, name: 'ifOperStatus', type: snmp.ObjectType.Integer },
] as const;

/** Starts the agent on host:port; rejects (EADDRINUSE …) when the UDP port cannot be had. */
export async function startPeerSnmp(twinOf: () => Twin | undefined, peer: string, host: string, port: number): Promise<PeerSnmpAgent> {
  await probeUdp(host, port);
  const agent = snmp.createAgent({ port, address: host, disableAuthorization: false }, () => {});
  const mib = agent.getMib();
  let rows = 0;
  /** Reads the twin now: every value a request may return. */
  const refresh = (): void => {
    const twin = twinOf();
    if (!twin || !twin.peerNames().includes(peer)) return;
    const system = snmpSystem(twin, peer);
    for (const s of SCALARS) mib.setScalarValue(s.name, system[s.name]);
    const nics = snmpInterfaces(twin.observe(peer));
    mib.setScalarValue('ifNumber', nics.length);
    for (let i = rows; i > 0; i--) mib.deleteTableRow('ifEntry', [i]);
    for (const nic of nics) mib.addTableRow('ifEntry', IF_COLUMNS.map((c) => nic[c.name]));
    rows = nics.length;
  };
  const handler = (request: { done(): void }): void => {
    refresh();
    request.done();
  };
  for (const s of SCALARS) mib.registerProvider({ name: s.name, type: snmp.MibProviderType.Scalar, oid: `${SYSTEM}.${s.n}`, scalarType: s.type, maxAccess: RO, handler });
  mib.registerProvider({ name: 'ifNumber', type: snmp.MibProviderType.Scalar, oid: '1.3.6.1.2.1.2.1', scalarType: snmp.ObjectType.Integer, maxAccess: RO, handler });
  mib.registerProvider({
    name: 'ifEntry', type: snmp.MibProviderType.Table, oid: '1.3.6.1.2.1.2.2.1', maxAccess: snmp.MaxAccess['not-accessible'],
    tableColumns: IF_COLUMNS.map((c) => ({ ...c, maxAccess: RO })), tableIndex: [{ columnName: 'ifIndex' }], handler,
  });
  refresh();

  let granted = '';
  const refreshAccess = (): void => {
    const twin = twinOf();
    const access: SnmpAccess = twin && twin.peerNames().includes(peer) ? snmpAccess(twin.observe(peer)) : { communities: [], users: [] };
    const key = JSON.stringify(access);
    if (key === granted) return;
    granted = key;
    const authorizer = agent.getAuthorizer();
    for (const c of authorizer.getCommunities() as string[]) authorizer.deleteCommunity(c);
    for (const u of authorizer.getUsers() as { name: string }[]) authorizer.deleteUser(u.name);
    for (const c of access.communities) authorizer.addCommunity(c);
    for (const u of access.users) {
      authorizer.addUser({
        name: u.name,
        level: u.privKey ? snmp.SecurityLevel.authPriv : u.authKey ? snmp.SecurityLevel.authNoPriv : snmp.SecurityLevel.noAuthNoPriv,
        ...(u.authKey ? { authProtocol: snmp.AuthProtocols.sha, authKey: u.authKey } : {}),
        ...(u.privKey ? { privProtocol: snmp.PrivProtocols.aes, privKey: u.privKey } : {}),
      });
    }
  };
  refreshAccess();
  return {
    refreshAccess,
    close: () => new Promise<void>((resolve) => {
      agent.close(() => resolve());
    }),
  };
}

/** Resolves when host:port can be bound over UDP (then lets go of it for the agent). */
function probeUdp(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', (e) => {
      socket.close();
      reject(e);
    });
    socket.bind(port, host, () => socket.close(() => resolve()));
  });
}
