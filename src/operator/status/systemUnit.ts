/**
 * `SystemUnit` in the product's layout (INTERFACES §2.4, §6.2: a live X8.11.3/X8.11.4 status.xml):
 * Product, Uptime, SystemTime, TimeZone, LocalTime, Software {Version, Build, Name, ReleaseDate,
 * ReleaseKey, Configuration {licence counts, option flags, ExpresswaySeries}}, Hardware {Version,
 * SerialNumber}. Values the sources do not give for the twin's releases are the assumptions below.
 */
import type { OptionKey, PeerObservation } from '../../twin.js';
import { flag, type StatusRecord } from './tree.js';

/** assumption: the product string of Expressway-series builds is NOT FOUND; TMS and SSH call it "TANDBERG VCS" (INTERFACES §6.2, INFERRED). */
export const STATUS_PRODUCT = 'TANDBERG VCS';
/** assumption: the software Name of the X8.11 captures; the X14/X15 value is NOT FOUND. */
export const SOFTWARE_NAME = 's42700';
/**
 * assumption: builds read `<codename>_v<version>_rc_<n>` (`oak_v8.11.3_rc_3`); X14/X15 codenames are
 * NOT FOUND, so the twin's builds say so: `twin_v14.3.1`.
 */
export const twinBuild = (version: string): string => `twin_v${version.replace(/^X/i, '')}`;
/** assumption: release dates per version are NOT FOUND; the twin leaves ReleaseDate empty rather than invent one. */
export const RELEASE_DATE = '';
/** assumption: no release key is installed (one X8.11.3 capture shows it empty). */
export const RELEASE_KEY = '';
/** assumption: appliances' Hardware Version is NOT FOUND (VMs say "VMware"); the twin names the appliance. */
const HARDWARE_VERSION: Readonly<Record<string, string>> = { ce500: 'CE500', ce1000: 'CE1000', ce1100: 'CE1100', 'ce1100-10g': 'CE1100', ce1200: 'CE1200', ce1300: 'CE1300' };

/** Feature option keys behind the `Software Configuration` flags, matched on the key's description. */
const FEATURES = {
  Encryption: /encryption/i, Interworking: /interworking/i, FindMe: /findme/i, DeviceProvisioning: /device provisioning/i,
  AdvancedAccountSecurity: /advanced account security/i, StarterPack: /starter pack/i, EnhancedOCSCollaboration: /ocs|microsoft interoperability/i,
} as const;

export interface WallClock {
  readonly epochUtcMs: number;
  readonly utcOffsetMinutes: number;
}

export function systemUnitStatus(o: PeerObservation, uptimeMs: number, nowMs: number, clock: WallClock): StatusRecord {
  const keys = (o.saved['Option Keys'] ?? []) as readonly OptionKey[];
  const licences = (type: string) => keys.reduce((n, k) => n + (k.kind === 'licence' && k.licence?.type === type ? k.licence.count : 0), 0);
  const feature = (pattern: RegExp) => keys.some((k) => k.kind === 'feature' && pattern.test(k.description));
  const utcMs = clock.epochUtcMs + nowMs;
  return {
    Product: STATUS_PRODUCT,
    Uptime: Math.floor(uptimeMs / 1000),
    SystemTime: dateTime(utcMs),
    TimeZone: timeZoneName(clock.utcOffsetMinutes),
    LocalTime: dateTime(utcMs + clock.utcOffsetMinutes * 60_000),
    Software: {
      Version: o.system.version,
      Build: twinBuild(o.system.version),
      Name: SOFTWARE_NAME,
      ReleaseDate: RELEASE_DATE,
      ReleaseKey: RELEASE_KEY,
      // Elements in the captured order (INTERFACES §2.4).
      Configuration: {
        NonTraversalCalls: licences('non-traversal'),
        // assumption: an Expressway's rich media session licences are its traversal-call licences of the VCS-era schema.
        TraversalCalls: licences('traversal') + licences('rms'),
        // assumption: VCS registration licences; an Expressway counts room and desktop registrations instead.
        Registrations: 0,
        TPRoom: licences('room'),
        UserDevice: licences('desktop'),
        // The "Expressway" option is what made a VCS an Expressway-E (the X8.11.4 VCS-E capture says True).
        Expressway: flag(o.system.product === 'expressway-e'),
        Encryption: flag(feature(FEATURES.Encryption)),
        Interworking: flag(feature(FEATURES.Interworking)),
        FindMe: flag(feature(FEATURES.FindMe)),
        DeviceProvisioning: flag(feature(FEATURES.DeviceProvisioning)),
        DualNetworkInterfaces: flag(o.active['IP DualInterfaces'] === 'On'),
        AdvancedAccountSecurity: flag(feature(FEATURES.AdvancedAccountSecurity)),
        StarterPack: flag(feature(FEATURES.StarterPack)),
        EnhancedOCSCollaboration: flag(feature(FEATURES.EnhancedOCSCollaboration)),
        // Every product the twin models is an Expressway, not a VCS (INTERFACES §6.1).
        ExpresswaySeries: flag(true),
      },
    },
    Hardware: {
      Version: HARDWARE_VERSION[o.system.platform] ?? 'VMware',
      SerialNumber: o.system.serial,
    },
  };
}

/** `2018-12-18 21:32:46`. */
function dateTime(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * assumption: the twin knows a UTC offset, not a zone; whole-hour offsets get the IANA `Etc/GMT∓h`
 * name (whose sign is inverted by convention), others `UTC±hh:mm`.
 */
export function timeZoneName(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'UTC';
  if (offsetMinutes % 60 === 0) return `Etc/GMT${offsetMinutes > 0 ? '-' : '+'}${Math.abs(offsetMinutes / 60)}`;
  const abs = Math.abs(offsetMinutes);
  return `UTC${offsetMinutes > 0 ? '+' : '-'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
