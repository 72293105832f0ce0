// Safety: a factory reset happens only where its trigger was met — every Peer N field cleared and
// saved while the running list was not empty — replayed from the trace's configuration changes,
// independently of the twin's own trigger code (DOMAIN §9.1). Running the `factory-reset` script as
// root is a trigger of its own (DOMAIN §9.2): the peer enters factoryResetting on that request.
import { broken, HOLDS, type Invariant } from './types.js';

const PEER_FIELD = /^Alternates Peer [1-6] Address$/;

export const noResetWithoutTrigger: Invariant = {
  name: 'no-reset-without-trigger',
  class: 'safety',
  description: 'a factory reset happens only after every Peer N field was cleared and saved, or the factory-reset script ran',
  check({ run, runbook }) {
    // The saved Peer N list per peer, as the trace tells it (starting lists from the topology).
    const lists = new Map<string, string[]>();
    const members = runbook.topology.cluster?.peers ?? [];
    for (const p of runbook.topology.peers) lists.set(p.name, members.includes(p.name) ? members.map(() => 'x') : []);
    const scripted = new Set<string>();
    for (const e of run.events) {
      if (e.kind === 'peer.state' && e.data.state === 'factoryResetting' && e.data.cause === 'FACTORY_RESET') scripted.add(e.source);
      if (e.kind === 'peer.state' && e.data.state === 'poweredOff') scripted.delete(e.source); // a power cut abandons the script
      if (e.kind === 'config.change' && PEER_FIELD.test(String(e.data.key))) {
        const list = lists.get(e.source) ?? [];
        const i = Number(/Peer (\d)/.exec(String(e.data.key))![1]) - 1;
        list[i] = String(e.data.to ?? '');
        lists.set(e.source, list);
      }
      if (e.kind === 'peer.factory-reset') {
        const byScript = scripted.delete(e.source);
        if (e.data.ok !== true) continue;
        const list = lists.get(e.source) ?? [];
        if (!byScript && list.some((a) => a)) return broken(`${e.source} was factory reset with Peer N fields still set`, [e]);
        lists.set(e.source, []);
      }
    }
    return HOLDS;
  },
};
