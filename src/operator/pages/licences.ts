/**
 * Maintenance > Option keys, the licence part, as a view model (DOMAIN §2.3): this peer's licences,
 * the pool any peer of the cluster may use, and each other peer's share — with the lost ones'
 * countdown to their removal from the pool (alarms 30012-30017). It is the status model's Licensing
 * entry (src/operator/status/licensing.ts), the one `xStatus Licensing` prints.
 */
import type { PeerObservation } from '../../twin.js';
import { licensing, type Licensing } from '../status/licensing.js';

export interface LicencesPage extends Licensing {
  readonly title: 'Licences';
  readonly peer: string;
  /** the countdown alarms' texts, as Status > Alarms shows them */
  readonly notices: readonly string[];
}

export function licencesPage(o: PeerObservation, nowMs: number, epochUtcMs: number): LicencesPage {
  const notices = o.alarms.filter((a) => /^3001[2-7]$/.test(a.id)).map((a) => a.detail);
  return { title: 'Licences', peer: o.name, ...licensing(o, nowMs, epochUtcMs), notices };
}
