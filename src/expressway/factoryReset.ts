/**
 * The cluster-triggered factory reset (DOMAIN §9.1, §9.3): the trigger, and what survives.
 * Trigger: every Peer N address field cleared and saved while the running system is clustered;
 * the reset runs at the next restart. Only restoring the addresses exactly as before, in the same
 * order, and saving disarms it (the list is ordered: DOMAIN §5.1, §9.1).
 * Survivors: LAN1 IP settings, admin/root passwords, SSH keys, option keys, HTTPS and SSH access;
 * before X12.6 also the server certificate, its key and the CA trust store. LAN2 never survives.
 */
import { atLeast, MILESTONES } from './version.js';
import { defaultConfig, peerAddresses, type Config, type ConfigValue } from './config/schema.js';

/** LAN1 addressing and the admin and root passwords: what a reset keeps and a fresh install's wizard sets. */
export const LAN1_AND_ACCOUNTS: readonly string[] = [
  'Ethernet 1 IP V4 Address',
  'Ethernet 1 IP V4 SubnetMaskLength',
  'Ethernet 1 IP V6 Address',
  'IP Gateway',
  'Administration AdminPassword',
  'Administration RootPassword',
];

/** Kept by every version's reset (DOMAIN §9.1 "Preserved (LAN1 only)"). SSH keys are not modelled as configuration. */
export const ALWAYS_KEPT: readonly string[] = [
  ...LAN1_AND_ACCOUNTS,
  'Option Keys',
  'Administration HTTPS Mode',
  'Administration SSH Mode',
];

/** Kept only before X12.6 (DOMAIN §1, §9.1). */
export const KEPT_BEFORE_X12_6: readonly string[] = ['Certificate Server', 'Certificate TrustedCAs'];

/** The keys a factory reset on `version` keeps; everything else returns to its default. */
export function keptByFactoryReset(version: string): readonly string[] {
  return atLeast(version, MILESTONES.factoryResetWipesCertificates) ? ALWAYS_KEPT : [...ALWAYS_KEPT, ...KEPT_BEFORE_X12_6];
}

/** The trigger: the running system has a peer list and the saved one is empty (DOMAIN §9.1). */
export function factoryResetArmed(saved: Config, active: Config): boolean {
  return peerAddresses(saved).every((a) => a === '') && peerAddresses(active).some((a) => a !== '');
}

/** Two Peer N lists are the same list: same addresses, same order (DOMAIN §5.1 "in the same order"). */
export function samePeerList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The pending reset across saves (DOMAIN §9.1). Armed by the trigger; from then on only saving the
 * list that was running when it armed — the same addresses in the same order — cancels it.
 * assumption: DOMAIN §9.1 names only the exact restore as the cancel, so any other list saved after
 * the clear (the same addresses re-ordered, fewer, others) leaves the reset pending for the next restart.
 */
export class ResetTrigger {
  /** the running list when the trigger armed: saving exactly this cancels */
  private restoreToCancel: readonly string[] | undefined;

  /** Follow the saved and active configuration after any change to either. */
  follow(saved: Config, active: Config): void {
    const running = peerAddresses(active);
    if (!running.some((a) => a !== '')) this.restoreToCancel = undefined;
    else if (factoryResetArmed(saved, active)) this.restoreToCancel ??= running;
    else if (this.restoreToCancel && samePeerList(peerAddresses(saved), this.restoreToCancel)) this.restoreToCancel = undefined;
  }

  /** The reset runs at the next restart (the banner shows). */
  get armed(): boolean {
    return this.restoreToCancel !== undefined;
  }

  /** The list whose exact restore cancels the pending reset, while armed. */
  get cancelledBy(): readonly string[] | undefined {
    return this.restoreToCancel;
  }

  /** For a checkpoint: the armed state is the list itself. */
  load(cancelledBy: readonly string[] | undefined): void {
    this.restoreToCancel = cancelledBy === undefined ? undefined : [...cancelledBy];
  }
}

/** The configuration after a reset on `version`: defaults plus the kept keys. */
export function configAfterFactoryReset(before: Config, version: string): Config {
  const out: Record<string, ConfigValue> = { ...defaultConfig() };
  for (const k of keptByFactoryReset(version)) out[k] = before[k] ?? out[k] ?? null;
  return out;
}
