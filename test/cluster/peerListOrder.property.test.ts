// The Peer N list is an ordered list (DOMAIN §5.1 "identical … in the same order on every peer",
// §9.1, §11.2). Property over any sequence of peer-list edits on any peer of a running three-peer
// cluster: clear every field, restore the running list exactly, re-type the same addresses in another
// order, or save any ordered subset. The model, written from DOMAIN §9.1 alone:
//   - the factory reset is armed exactly when every address was cleared and saved while a list ran,
//   - it is cancelled exactly when that list is saved again in the same order (nothing else cancels),
//   - while armed, the peer keeps running its old list and shows 20007 (restart required),
//   - a peer is primary exactly when its saved list's entry at the Configuration primary index is itself
//     (the running list's, while every entry is cleared with the reset armed),
//   - clearing every entry changes nothing but the banner (§9.1 "nothing happens at save time"): a
//     clear that leaves the peer on the list it runs is compared with the same world, restored from a
//     checkpoint taken just before, that did not save it — every link status and alarm is the same,
//     on every peer, but the cleared peer's own 20007.
// The model reads the running list from the peer's page (what an operator sees), never whether a
// reset is due. A shrunk failure prints as the edits an operator would make.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FC_SEED } from '../setup.js';
import { peerListEdits } from '../expressway/helpers.js';
import { restoreTwin, type PeerObservation } from '../../src/twin.js';
import { ipOf, nameOf, Scenario, SECOND, topologyOf, world, type WorldOptions } from '../helpers/world.js';

const ADDRESSES = [ipOf(1), ipOf(2), ipOf(3)];
const listOf = (c: Readonly<Record<string, unknown>>): string[] => [1, 2, 3, 4, 5, 6].map((n) => String(c[`Alternates Peer ${n} Address`] ?? ''));
const padded = (l: readonly string[]): string[] => [...l, '', '', '', '', '', ''].slice(0, 6);
const same = (a: readonly string[], b: readonly string[]) => a.join('|') === b.join('|');

type Edit =
  | { peer: number; kind: 'clear' }
  | { peer: number; kind: 'restore' }
  /** the running list's addresses, rotated by `by` (1 or 2): same addresses, another order */
  | { peer: number; kind: 'reorder'; by: number }
  | { peer: number; kind: 'list'; list: string[] };

const show = (e: Edit): string => {
  const who = nameOf(e.peer);
  if (e.kind === 'clear') return `${who}: clear every Peer N address, Save`;
  if (e.kind === 'restore') return `${who}: restore the running Peer list, same order, Save`;
  if (e.kind === 'reorder') return `${who}: re-type the running Peer list rotated by ${e.by}, Save`;
  return `${who}: set Peer list [${e.list.join(', ')}], Save`;
};

const editArb: fc.Arbitrary<Edit> = fc.integer({ min: 1, max: 3 }).chain((peer) => fc.oneof(
  fc.constant<Edit>({ peer, kind: 'clear' }),
  fc.constant<Edit>({ peer, kind: 'restore' }),
  fc.integer({ min: 1, max: 2 }).map((by): Edit => ({ peer, kind: 'reorder', by })),
  fc.shuffledSubarray(ADDRESSES, { minLength: 1 }).map((list): Edit => ({ peer, kind: 'list', list })),
)).map((e) => Object.assign(e, { toString: () => show(e) }));

/** The list the edit saves, given what the peer runs now. */
function listFor(e: Edit, running: readonly string[]): string[] {
  const live = running.filter(Boolean);
  if (e.kind === 'clear') return padded([]);
  if (e.kind === 'restore') return [...running];
  if (e.kind === 'reorder') return padded([...live.slice(e.by % live.length), ...live.slice(0, e.by % live.length)]);
  return padded(e.list);
}

function check(s: Scenario, cancel: ReadonlyMap<number, string[]>): void {
  for (const i of [1, 2, 3]) {
    const o = s.peer(i).observe();
    const armed = cancel.has(i);
    expect(o.factoryResetBanner, `${nameOf(i)} banner`).toBe(armed);
    // A pending reset keeps the old list running, and the restart it waits for is announced (20007).
    if (armed) expect(listOf(o.active), `${nameOf(i)} runs the list it had when the reset armed`).toEqual(cancel.get(i));
    if (armed) expect(o.alarms.map((a) => a.key), `${nameOf(i)} alarms`).toContain('restart-required-cluster-configuration');
    // The Configuration primary is an index into this peer's own ordered list: the saved one, except
    // while every entry is cleared with the reset pending, when nothing but the banner changes until
    // the restart (DOMAIN §9.1) and the peer acts on the list it runs.
    const cleared = !listOf(o.saved).some(Boolean);
    const acting = armed && cleared ? o.active : o.saved;
    expect(o.clustering.isPrimary, `${nameOf(i)} primary`).toBe(listOf(acting)[Number(acting['Alternates ConfigurationPrimary']) - 1] === ipOf(i));
  }
}

/** What a peer shows of its links and alarms; the cleared peer's own 20007 (its restart is now due) aside. */
function linksAndAlarms(o: PeerObservation, cleared: boolean): string[] {
  const rows = cleared ? [] : o.clustering.entries.filter((e) => e.address).map((e) => `${e.index}:${e.address}:${e.status}`);
  const alarms = o.alarms.map((a) => a.key).filter((k) => !(cleared && k === 'restart-required-cluster-configuration'));
  return [...rows, `database ${o.clustering.databaseStatus}`, `primary ${o.clustering.isPrimary}`, ...alarms.sort()];
}

describe(`peer list order (fast-check seed ${FC_SEED})`, () => {
  it('for any peer-list edits on any peer: the reset is armed exactly when every address is cleared and saved, and cancelled exactly when the same list in the same order is saved again', () => {
    fc.assert(fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 1000 }), (edits, seed) => {
      const options: WorldOptions = { peers: 3, clustered: 3, seed };
      const s = world(options);
      s.after(30 * SECOND);
      /** per peer, while armed: the running list whose exact restore cancels the reset */
      const cancel = new Map<number, string[]>();
      for (const e of edits) {
        const before = s.peer(e.peer).observe();
        const running = listOf(before.active);
        const list = listFor(e, running);
        // A clear from the list it runs (nothing else pending): the world that did not save it, to compare.
        const quiet = e.kind === 'clear' && running.some(Boolean) && (before.clustering.settingsFrom === 'active' || same(listOf(before.saved), running))
          ? new Scenario(restoreTwin({ seed, topology: topologyOf(options) }, s.twin.checkpoint()), 'ip') : undefined;
        s.peer(e.peer).save(peerListEdits(list));
        if (list.every((a) => a === '')) {
          if (running.some(Boolean) && !cancel.has(e.peer)) cancel.set(e.peer, running);
        } else if (cancel.has(e.peer) && same(list, cancel.get(e.peer)!)) {
          cancel.delete(e.peer);
        }
        s.after(SECOND);
        check(s, cancel);
        if (quiet) {
          quiet.after(SECOND);
          for (const i of [1, 2, 3]) {
            const cleared = i === e.peer;
            expect(linksAndAlarms(s.peer(i).observe(), cleared), `${nameOf(i)} after ${show(e)}: nothing but the banner changed`).toEqual(linksAndAlarms(quiet.peer(i).observe(), cleared));
          }
        }
      }
    }));
  });
});
