// Safety: what a factory reset keeps is exactly the documented set for that version: LAN1 basics,
// passwords, option keys, HTTPS and SSH access; before X12.6 also certificate and trust store
// (DOMAIN §9.1). The table is written here again on purpose: a checker must not reuse the twin's code.
import { broken, HOLDS, type Invariant } from './types.js';

const KEPT = ['Ethernet 1 IP V4 Address', 'Ethernet 1 IP V4 SubnetMaskLength', 'Ethernet 1 IP V6 Address', 'IP Gateway',
  'Administration AdminPassword', 'Administration RootPassword', 'Option Keys', 'Administration HTTPS Mode', 'Administration SSH Mode'];
const KEPT_BEFORE_X12_6 = ['Certificate Server', 'Certificate TrustedCAs'];

function before126(version: string): boolean {
  const m = /^X(\d+)\.(\d+)/.exec(version);
  return !!m && (Number(m[1]) < 12 || (Number(m[1]) === 12 && Number(m[2]) < 6));
}

export const resetKeepsDocumented: Invariant = {
  name: 'reset-keeps-documented-set',
  class: 'safety',
  description: 'a factory reset keeps only LAN1 addresses, passwords, option keys, HTTPS/SSH access (and certificates before X12.6)',
  check({ run }) {
    for (const e of run.events) {
      if (e.kind !== 'peer.factory-reset' || e.data.ok !== true) continue;
      const allowed = new Set([...KEPT, ...(before126(String(e.data.version)) ? KEPT_BEFORE_X12_6 : [])]);
      const extra = ((e.data.kept as string[] | undefined) ?? []).filter((k) => !allowed.has(k));
      if (extra.length) return broken(`${e.source}: the reset kept ${extra.join(', ')}`, [e]);
    }
    return HOLDS;
  },
};
