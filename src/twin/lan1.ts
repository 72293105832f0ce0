/**
 * A peer's LAN1 address is the operator's to change (System > Network interfaces > IP, DOMAIN §5.3,
 * §6.9): the new address takes effect with the restart the change requires, and from then on the
 * peer's host answers on it and no longer on the old one. The simulated host follows the running
 * configuration at every boot. A new address another host already owns (DOMAIN §3 R7) is not
 * taken: the host keeps its old one and the peer's cluster services find their address missing.
 */
import { isIpAddress, parseAddress, type Network } from '../../sim/index.js';
import type { Config } from '../expressway/index.js';

/** Make `host`'s lan1 interface carry the LAN1 addresses of `active`, if they differ and are free. */
export function followLan1(net: Network, host: string, active: Config): void {
  const ipv4 = canonical(active['Ethernet 1 IP V4 Address']);
  const ipv6 = canonical(active['Ethernet 1 IP V6 Address']);
  if (ipv4 === undefined && ipv6 === undefined) return;
  const have = net.addressesOf(host).filter((a) => a.iface === 'lan1');
  if (ipv4 === have.find((a) => a.family === 4)?.address && ipv6 === have.find((a) => a.family === 6)?.address) return;
  for (const a of [ipv4, ipv6]) {
    const owner = a === undefined ? undefined : net.ownerOf(a);
    if (owner && !(owner.host === host && owner.iface === 'lan1')) return;
  }
  const prefix = Number(active['Ethernet 1 IP V4 SubnetMaskLength']);
  net.renumberInterface(host, 'lan1', {
    ...(ipv4 !== undefined ? { ipv4, ...(Number.isInteger(prefix) && prefix > 0 && prefix <= 32 ? { ipv4PrefixLength: prefix } : {}) } : {}),
    ...(ipv6 !== undefined ? { ipv6 } : {}),
  });
}

function canonical(value: unknown): string | undefined {
  return typeof value === 'string' && isIpAddress(value) ? parseAddress(value).text : undefined;
}
