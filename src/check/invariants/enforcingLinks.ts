// Safety: under Enforcing TLS no link is Active between peers whose certificates do not match —
// the remote certificate must name the configured address and be issued by a CA the viewer
// trusts (DOMAIN §6.13, §11.3). Checked on the final state from both peers' own data.
import type { Certificate } from '../../twin.js';
import { broken, HOLDS, type Invariant } from './types.js';

export const enforcingLinks: Invariant = {
  name: 'enforcing-links-match-certificates',
  class: 'safety',
  description: 'under Enforcing TLS no Active link joins peers whose certificates do not match',
  check({ twin }) {
    const obs = twin.peerNames().map((n) => twin.observe(n));
    for (const o of obs) {
      if (!o.serving || o.active['Alternates Cluster TLSVerificationMode'] !== 'Enforcing') continue;
      const trusted = (o.active['Certificate TrustedCAs'] as readonly string[]) ?? [];
      for (const e of o.clustering.entries) {
        if (e.status !== 'Active') continue;
        const remote = obs.find((r) => r.fqdn === e.address.toLowerCase() || r.active['Ethernet 1 IP V4 Address'] === e.address);
        const cert = remote?.active['Certificate Server'] as Certificate | null | undefined;
        const names = cert ? [cert.cn, ...cert.sans].map((n) => n.toLowerCase()) : [];
        if (!cert || !trusted.includes(cert.issuer) || !names.includes(e.address.toLowerCase())) {
          return broken(`${o.name} shows Peer ${e.index} (${e.address}) Active under Enforcing, but its certificate ${cert ? `names ${names.join(', ')} from ${cert.issuer}` : 'is missing'}`);
        }
      }
    }
    return HOLDS;
  },
};
