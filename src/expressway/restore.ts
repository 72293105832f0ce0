/**
 * What a restore writes onto a box (DOMAIN §6.16, §6.10, §9.4). A backup carries the peer's whole
 * configuration — the cluster's configuration, its clustering settings (Peer N list, Cluster name,
 * Configuration primary), local accounts, server certificate and key, address mappings. The
 * restore begins with a factory reset, writes the backup and restarts; it is refused on a clustered
 * peer and across software versions (checked by the peer).
 *
 * A backup may be restored onto another box: DOMAIN §6.10 migrates a replaced peer's configuration
 * that way. What the other box keeps of its own is not said; the twin's rule is the constant below.
 */
import { defaultConfig, type Config } from './config/schema.js';
import { LAN1_AND_ACCOUNTS } from './factoryReset.js';

/**
 * assumption: (DOMAIN §6.10, §6.16 are silent) a restore of a backup taken on another box (another
 * serial number) keeps this box's own LAN1 addressing and option keys, and writes everything else the
 * backup holds; a box restoring its own backup takes all of it. §6.10 step 7 adds the new box "substituting
 * the new address for the old one" — it keeps its own address after the old peer's backup is restored
 * — and step 4 applies the option keys to the new box separately. These are also what the restore's
 * own factory reset keeps (§9.1, §9.4).
 */
export const RESTORE_KEEPS_THE_BOX_OWN: readonly string[] = [
  'Ethernet 1 IP V4 Address',
  'Ethernet 1 IP V4 SubnetMaskLength',
  'Ethernet 1 IP V6 Address',
  'IP Gateway',
  'Option Keys',
];

/** The configuration a box runs after restoring another box's `backup`: the backup's, but for what it keeps of its own. */
export function configAfterRestore(current: Config, backup: Config): Config {
  const after: Record<string, Config[string]> = { ...backup };
  for (const key of RESTORE_KEEPS_THE_BOX_OWN) after[key] = current[key] as Config[string];
  return after;
}

/**
 * assumption: (DOMAIN §6.16 "fresh OVA", VM-TS "new VM with same IP" give no list) a fresh OVA's
 * install wizard sets the LAN1 addressing and the admin and root passwords, as the VM had them;
 * everything else is a fresh system's default — no host name, DNS, NTP, cluster or certificate.
 */
export const FRESH_INSTALL_KEEPS: readonly string[] = LAN1_AND_ACCOUNTS;

/** The configuration of a fresh OVA deployed on a VM whose configuration was `current`. */
export function configAfterFreshInstall(current: Config): Config {
  const after: Record<string, Config[string]> = { ...defaultConfig() };
  for (const key of FRESH_INSTALL_KEEPS) after[key] = current[key] as Config[string];
  return after;
}
