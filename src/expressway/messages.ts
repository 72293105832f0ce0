/**
 * The product's own status and error strings the twin shows on the CLI and the web pages (not the
 * alarm texts: alarms.ts; not the twin's `XTW_ERR_*` codes). One table, keyed by stable names, each
 * row citing DOMAIN. Wording DOMAIN marks NOT FOUND (banner, Enforce warning, tshell error lines,
 * the reset confirmation) is a plausible stand-in with `assumed: true`, so a reviewer sees which
 * strings are fiction (DOMAIN §13 item 1-2).
 */
import { assert } from '../../sim/index.js';

export interface MessageDefinition {
  /** Exact text; `{name}` placeholders are filled by `message()`. */
  readonly text: string;
  readonly source: string;
  /** true when DOMAIN marks the wording NOT FOUND and the text is the twin's stand-in. */
  readonly assumed?: boolean;
}

export const MESSAGES = {
  // ── System > Clustering page (DOMAIN §5.1) ─────────────────────────────────────────────────
  'clustering.peer.thisSystem': { text: 'This system', source: 'DOMAIN §5.1, §6.2 [CG-FORM], [TN]' },
  'clustering.peer.unknown': { text: 'Unknown', source: 'DOMAIN §5.1, §6.3 [CG-FORM], [TN]' },
  'clustering.peer.failed': { text: 'Failed', source: 'DOMAIN §5.1, §6.3 [CG-FORM], [TN]' },
  'clustering.database.active': { text: 'Active', source: 'DOMAIN §5.1, §11.1 [CG-TS]' },
  'clustering.certificate.invalid': {
    // DOMAIN §5.1 quotes only the prefix "Certificate: Invalid …"; the reason clause is the twin's.
    text: 'Certificate: Invalid ({reason})',
    source: 'DOMAIN §5.1, §6.12 [CG-FQDN]',
    assumed: true,
  },
  'clustering.banner.factoryResetPending': {
    text:
      'All peer addresses have been removed. A factory reset will be performed on the next restart to ' +
      'remove sensitive data and clustering configuration. To cancel, restore the peer addresses in ' +
      'the same order and save.',
    source: 'DOMAIN §5.1, §9.1 (wording NOT FOUND, DOMAIN §13 item 1)',
    assumed: true,
  },
  'clustering.warning.enforceInvalidCertificates': {
    text:
      'Warning: one or more peer certificates are invalid. With TLS verification mode set to Enforce, ' +
      'peers whose certificates cannot be verified will not communicate.',
    source: 'DOMAIN §5.1, §6.13 (wording NOT FOUND, DOMAIN §13 item 1)',
    assumed: true,
  },
  'maintenance.mraStatusSuffix': { text: '(Maintenance Mode)', source: 'DOMAIN §6.20 [AG-MNT]' },

  // ── Upgrade over SCP (DOMAIN §6.14) ────────────────────────────────────────────────────────
  'upgrade.inProgress': { text: 'Software upgrade in progress', source: 'DOMAIN §6.14 [AG-MNT]' },
  'upgrade.complete': {
    text: 'Upgrade complete! The new software will be used on the next reboot',
    source: 'DOMAIN §6.14 [AG-MNT]',
  },

  // ── factory-reset script prompts, in order (DOMAIN §9.2) ───────────────────────────────────
  'factoryReset.keepOptionKeys': { text: 'Keep option keys [YES/NO]?', source: 'DOMAIN §9.2 [VM-TS]' },
  'factoryReset.keepFips': { text: 'Keep FIPS140 configuration [YES/NO]?', source: 'DOMAIN §9.2 [VM-TS]' },
  'factoryReset.keepIp': { text: 'Keep IP configuration [YES/NO]?', source: 'DOMAIN §9.2 [VM-TS]' },
  'factoryReset.keepSshKeys': { text: 'Keep ssh keys [YES/NO]?', source: 'DOMAIN §9.2 [VM-TS]' },
  'factoryReset.keepCertificates': {
    text: 'Keep server certificate, associated key and CA trust store [YES/NO]?',
    source: 'DOMAIN §9.2 [VM-TS]',
  },
  'factoryReset.keepPasswords': { text: 'Keep root and admin passwords [YES/NO]?', source: 'DOMAIN §9.2 [VM-TS]' },
  'factoryReset.saveLogs': { text: 'Save log files [YES/NO]?', source: 'DOMAIN §9.2 [VM-TS]' },
  'factoryReset.confirm': {
    // DOMAIN §9.2 says only "then confirm".
    text: 'Are you sure you want to proceed with the factory reset [YES/NO]?',
    source: 'DOMAIN §9.2 (wording NOT FOUND)',
    assumed: true,
  },
  'factoryReset.imageMissing': {
    // The failure of DOMAIN §9.3 (no image in /mnt/harddisk/factory-reset/); the product's words are not quoted.
    text: 'Factory reset failed: no software image found in /mnt/harddisk/factory-reset/',
    source: 'DOMAIN §9.2, §9.3 (wording NOT FOUND)',
    assumed: true,
  },

  // ── tshell output (DOMAIN §8.2: TANDBERG XACLI family) ─────────────────────────────────────
  'tshell.ok': { text: 'OK', source: 'DOMAIN §8.2 [GB], [XACLI]' },
  'tshell.status.begin': { text: '*s {element}: /', source: 'DOMAIN §8.2 [GB]' },
  'tshell.status.end': { text: '*s/end', source: 'DOMAIN §8.2 [GB]' },
  'tshell.configuration.line': {
    text: '*c xConfiguration {path}: {value}',
    source: 'DOMAIN §8.2 (TANDBERG family; Expressway sample NOT FOUND)',
    assumed: true,
  },
  'tshell.result.ok': { text: '*r {name}Result (status=OK):', source: 'DOMAIN §8.2 [XACLI]' },
  'tshell.result.error': {
    text: '*r {name}Result (status=Error):',
    source: 'DOMAIN §8.2 [XACLI] (unconfirmed for Expressway)',
    assumed: true,
  },
  'tshell.result.reason': {
    text: '    Reason: {reason}',
    source: 'DOMAIN §8.2 [XACLI] (unconfirmed for Expressway)',
    assumed: true,
  },
  'tshell.result.end': { text: '*r/end', source: 'DOMAIN §8.2 [XACLI]' },
  'tshell.reason.unknownCommand': { text: 'Unknown command', source: 'DOMAIN §8.2 (NOT FOUND)', assumed: true },
  'tshell.reason.invalidValue': {
    text: 'Invalid value for {path}: {value}',
    source: 'DOMAIN §8.2 (NOT FOUND)',
    assumed: true,
  },
  'ssh.banner': {
    // DOMAIN §8.1 gives the string up to the version; what follows it is not quoted.
    text: 'TANDBERG Video Communication Server {version}',
    source: 'DOMAIN §8.1 [GB]',
  },
} as const satisfies Record<string, MessageDefinition>;

export type MessageKey = keyof typeof MESSAGES;
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The message's text with its `{placeholders}` filled.
 *
 * @example
 * message('tshell.result.ok', { name: 'ForceConfigUpdate' }) // '*r ForceConfigUpdateResult (status=OK):'
 */
export function message(key: MessageKey, params: MessageParams = {}): string {
  return fillPlaceholders(MESSAGES[key].text, params, `message ${key}`);
}

/**
 * Fills `{name}` placeholders; a placeholder without a value is a caller bug (an InvariantError).
 * @internal shared with alarms.ts
 */
export function fillPlaceholders(template: string, params: MessageParams, where: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    assert(value !== undefined, `${where}: no value for placeholder {${name}}`);
    return String(value);
  });
}

/**
 * True when `params` has no entries (without allocating a key list: alarms are raised on hot paths).
 * @internal shared with alarms.ts and logLines.ts
 */
export function noParams(params: MessageParams): boolean {
  for (const _ in params) return false;
  return true;
}

/** The placeholder names a template uses, in first-use order. @internal */
export function placeholdersOf(template: string): string[] {
  const names: string[] = [];
  for (const m of template.matchAll(/\{(\w+)\}/g)) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}
