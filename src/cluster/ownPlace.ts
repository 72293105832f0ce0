/**
 * Where this peer stands in its own Peer N lists: which entry names it (by LAN1 address, FQDN, or an
 * FQDN mapped to its LAN1 address) and its 1-based place in the saved and the active list. Read on
 * every packet and alarm check, so each list's place is memoised per configuration tree.
 */
import { peerAddresses, type AddressMapping, type Config, type Peer } from '../expressway/index.js';

interface Memo {
  readonly list: readonly string[];
  self: number;
  saved: Config | undefined;
  active: Config | undefined;
}

export class OwnPlace {
  private readonly lists = new WeakMap<Config, Memo>();

  constructor(private readonly peer: Pick<Peer, 'config' | 'fqdn'>) {}

  /** The address clustering binds to: LAN1 (the internal interface of a dual-NIC Expressway-E, DOMAIN §3 R19). */
  get clusterIp(): string {
    return String(this.peer.config.active['Ethernet 1 IP V4 Address'] ?? '');
  }

  get mappingOn(): boolean {
    return this.peer.config.saved['Alternates Cluster AddressMapping Mode'] === 'On';
  }

  get mappings(): readonly AddressMapping[] {
    return this.peer.config.saved['Alternates Cluster AddressMapping Entries'] as readonly AddressMapping[];
  }

  /** Whether a Peer N entry names this system: its LAN1 address, its FQDN, or an FQDN mapped to its LAN1 address. */
  isSelf(address: string): boolean {
    if (!address) return false;
    const a = address.toLowerCase();
    if (a === this.clusterIp || a === String(this.peer.config.active['Ethernet 1 IP V6 Address'] ?? '').toLowerCase()) return true;
    if (a === this.peer.fqdn.toLowerCase()) return true;
    return this.mappingOn && this.mappings.some((m) => m.fqdn === a && m.ip === this.clusterIp);
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
