/**
 * Where this peer stands in its own Peer N lists: which entry names it (by LAN1 address, FQDN, or an
 * FQDN mapped to its LAN1 address) and its 1-based place in the saved and the active list. Read on
 * every packet and alarm check, so each list's place is memoised per configuration tree.
 */
import { peerAddresses, type AddressMapping, type Config, type Peer } from '../expressway/index.js';
import { canonicalIp } from './names.js';

interface Memo {
  readonly list: readonly string[];
  self: number;
  saved: Config | undefined;
  active: Config | undefined;
}

export class OwnPlace {
  private readonly lists = new WeakMap<Config, Memo>();

  constructor(private readonly peer: Pick<Peer, 'config' | 'fqdn'>) {}

  /**
   * The address clustering binds to: LAN1 (the internal interface of a dual-NIC Expressway-E, DOMAIN
   * §3 R19), in the family the running Cluster IP version selects (DOMAIN §5.1, §6.2) — IPv6 binds
   * LAN1's IPv6 address, in canonical form; '' when LAN1 has no address of that family.
   */
  get clusterIp(): string {
    return this.lan1Address(this.peer.config.active);
  }

  /** LAN1's address in the family `config`'s Cluster IP version selects (canonical text), or ''. */
  private lan1Address(config: Config): string {
    const key = config['Alternates Cluster IPVersion'] === 'IPv6' ? 'Ethernet 1 IP V6 Address' : 'Ethernet 1 IP V4 Address';
    return canonicalIp(String(config[key] ?? ''));
  }

  get mappingOn(): boolean {
    return this.peer.config.saved['Alternates Cluster AddressMapping Mode'] === 'On';
  }

  get mappings(): readonly AddressMapping[] {
    return this.peer.config.saved['Alternates Cluster AddressMapping Entries'] as readonly AddressMapping[];
  }

  /**
   * Whether a Peer N entry names this system: its LAN1 address in the family of the saved Cluster IP
   * version, its FQDN, or an FQDN mapped to that address. An entry with LAN1's address of the other
   * family does not: a peer listing itself in the wrong family is not in its own list (20003,
   * DOMAIN §3 R7). The saved version decides, so a peer that saved its IPv6 clustering page finds
   * itself before the restart that makes it bind IPv6.
   */
  isSelf(address: string): boolean {
    if (!address) return false;
    const own = this.lan1Address(this.peer.config.saved);
    const a = canonicalIp(address.toLowerCase());
    if (own && a === own) return true;
    if (a === this.peer.fqdn.toLowerCase()) return true;
    return this.mappingOn && this.mappings.some((m) => m.fqdn === a && canonicalIp(m.ip) === own);
  }

  /** 1-based place of this system in `list`, 0 when absent. */
  selfIndexIn(list: readonly string[]): number {
    return list.findIndex((a) => this.isSelf(a)) + 1;
  }

  /**
   * The Peer N list of a configuration and this peer's 1-based place in it, memoised: configurations
   * are immutable, so object identity is the key (the place also depends on the current saved and
   * active trees, which `isSelf` reads).
   */
  listOf(config: Config): { readonly list: readonly string[]; readonly self: number } {
    const { saved, active } = this.peer.config;
    let e = this.lists.get(config);
    if (!e) this.lists.set(config, (e = { list: peerAddresses(config), self: 0, saved: undefined, active: undefined }));
    if (e.saved !== saved || e.active !== active) {
      e.self = this.selfIndexIn(e.list);
      e.saved = saved;
      e.active = active;
    }
    return e;
  }
}
