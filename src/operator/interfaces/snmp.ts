/**
 * What a peer's SNMP agent serves and to whom (INTERFACES §4), as pure functions of the twin: the
 * MIB-II system group (RFC 1213: sysDescr, sysObjectID `.1.3.6.1.4.1.5596.130.6.4.1`, sysUpTime,
 * sysContact, sysName, sysLocation, sysServices) and the interfaces group (ifNumber, ifTable), and
 * the access System > SNMP grants (v2c community, v3 user with SHA/AES). The lab server runs the
 * agent on a socket (src/server/peerSnmp.ts); the product "does not support SNMP traps or SNMP sets".
 */
import type { PeerObservation, Twin } from '../../twin.js';
import { uptimeMs } from '../status/model.js';

/** LibreNMS detects OS `vcs` by this alone; the same for VCS and Expressway images (INTERFACES §4, INFERRED). */
export const SYS_OBJECT_ID = '1.3.6.1.4.1.5596.130.6.4.1';

/**
 * assumption: the default sysDescr is NOT FOUND (AG-NET153: "the system uses its default SNMP
 * description"); the twin uses the product name the SSH banner reads (INTERFACES §6.2) with the version.
 */
export const defaultSysDescr = (version: string): string => `TANDBERG Video Communication Server ${version}`;

/** assumption: sysServices = applications (64) + end-to-end (8) + internet (4): a host offering services. */
export const SYS_SERVICES = 72;

export interface SnmpSystem {
  readonly sysDescr: string;
  readonly sysObjectID: string;
  /** hundredths of a second since the peer's last boot */
  readonly sysUpTime: number;
  readonly sysContact: string;
  readonly sysName: string;
  readonly sysLocation: string;
  readonly sysServices: number;
}

export interface SnmpInterface {
  readonly ifIndex: number;
  readonly ifDescr: string;
  /** 6 = ethernetCsmacd */
  readonly ifType: number;
  readonly ifMtu: number;
  readonly ifSpeed: number;
  /** six bytes */
  readonly ifPhysAddress: Buffer;
  /** 1 up, 2 down */
  readonly ifAdminStatus: number;
  readonly ifOperStatus: number;
}

export interface SnmpAccess {
  /** v2c communities allowed to read (empty: none) */
  readonly communities: readonly string[];
  /** v3 users allowed to read */
  readonly users: readonly { readonly name: string; readonly authKey?: string; readonly privKey?: string }[];
}

export function snmpSystem(twin: Twin, peer: string): SnmpSystem {
  const o = twin.observe(peer);
  const description = String(o.saved['SNMP SystemDescription'] ?? '');
  return {
    sysDescr: description !== '' ? description : defaultSysDescr(o.system.version),
    sysObjectID: SYS_OBJECT_ID,
    sysUpTime: Math.floor(uptimeMs(twin, peer) / 10),
    sysContact: String(o.saved['SNMP SystemContact'] ?? ''),
    // The System host name identifies the box to managers, as it does to syslog servers (AG-NET153).
    sysName: o.hostName !== '' ? o.hostName : o.name,
    sysLocation: String(o.saved['SNMP SystemLocation'] ?? ''),
    sysServices: SYS_SERVICES,
  };
}

/**
 * assumption: interface names, speed and MAC are NOT FOUND: LAN 1 is `eth0`, LAN 2 `eth1` (present
 * when dual interfaces are on), 1 Gb/s, MTU 1500, a MAC under VMware's 00:50:56 prefix derived from
 * the serial number so it stays the same across runs.
 */
export function snmpInterfaces(o: PeerObservation): SnmpInterface[] {
  const lans = o.active['IP DualInterfaces'] === 'On' ? [1, 2] : [1];
  const serial = Buffer.from(o.system.serial.padStart(6, '0').slice(-6), 'hex');
  return lans.map((n) => ({
    ifIndex: n,
    ifDescr: `eth${n - 1}`,
    ifType: 6,
    ifMtu: 1500,
    ifSpeed: 1_000_000_000,
    ifPhysAddress: Buffer.from([0x00, 0x50, 0x56, (serial[0] ?? 0) & 0x3f, serial[1] ?? 0, ((serial[2] ?? 0) + n - 1) & 0xff]),
    ifAdminStatus: 1,
    ifOperStatus: o.serving ? 1 : 2,
  }));
}

/**
 * Who may read, from System > SNMP: nobody while SNMP is Disabled or the peer is not serving; the
 * community in v2c and "v3 plus TMS support"; the v3 user (with its SHA and AES passwords when those
 * modes are On) in v3 and v3 plus TMS.
 *
 * assumption: "v3 plus TMS" opens only sysObjectID to the community on the product; the twin's agent
 * lets the community read the whole (read-only) tree in that mode.
 */
export function snmpAccess(o: PeerObservation): SnmpAccess {
  const mode = String(o.saved['SNMP Mode'] ?? 'Disabled');
  if (!o.serving || mode === 'Disabled') return { communities: [], users: [] };
  const community = String(o.saved['SNMP CommunityName'] ?? '');
  const communities = (mode === 'v2c' || mode === 'v3plusTMS') && community !== '' ? [community] : [];
  const name = String(o.saved['SNMP V3UserName'] ?? '');
  const auth = o.saved['SNMP V3AuthenticationMode'] === 'On' ? String(o.saved['SNMP V3AuthenticationPassword'] ?? '') : '';
  const priv = o.saved['SNMP V3PrivacyMode'] === 'On' && auth !== '' ? String(o.saved['SNMP V3PrivacyPassword'] ?? '') : '';
  const users = (mode === 'v3' || mode === 'v3plusTMS') && name !== ''
    ? [{ name, ...(auth !== '' ? { authKey: auth } : {}), ...(priv !== '' ? { privKey: priv } : {}) }] : [];
  return { communities, users };
}
