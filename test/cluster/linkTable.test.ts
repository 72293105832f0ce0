// The one owner of PeerLink records (src/cluster/linkTable.ts): the table follows the Peer N list
// keeping the state of entries that stayed, and its transitions keep a link's invariants — a
// transition the model should never make is a bug of the twin, thrown as XTW_ERR_CLUSTER_LINK_STATE.
import { describe, expect, it } from 'vitest';
import { LinkTable } from '../../src/cluster/linkTable.js';
import type { Hello } from '../../src/cluster/protocol.js';

const self = (a: string) => a === '10.0.0.1';
const HELLO = { type: 'hello', fqdn: 'expc02.example.com', primaryIndex: 1 } as unknown as Hello;

describe('LinkTable', () => {
  it('follows the list: own entry and blanks get no link, a kept entry keeps its state at its new index, a removed one is seen leaving', () => {
    const t = new LinkTable();
    t.rebuild(['10.0.0.1', '10.0.0.2', '10.0.0.3'], self, () => {}, 0);
    const two = t.withAddress('10.0.0.2')!;
    t.failed(two, 'refused');
    const gone: string[] = [];
    t.rebuild(['10.0.0.1', '10.0.0.3', '10.0.0.2', ''], self, (l) => gone.push(l.address), 0);
    expect(gone).toEqual([]);
    expect(t.all.map((l) => [l.index, l.address])).toEqual([[2, '10.0.0.3'], [3, '10.0.0.2']]);
    expect(t.at(3)).toBe(two);
    expect(two.failure).toBe('refused');
    t.rebuild(['10.0.0.1', '10.0.0.3'], self, (l) => gone.push(l.address), 0);
    expect(gone).toEqual(['10.0.0.2']);
    expect(t.includes(two)).toBe(false);
  });

  it('up clears the failure and the down time; failed reports whether anything changed; forget returns to unknown', () => {
    const t = new LinkTable();
    const [l] = t.rebuild(['10.0.0.1', '10.0.0.2'], self, () => {}, 0);
    expect(t.failed(l!, 'timeout')).toBe(true);
    expect(t.failed(l!, 'timeout')).toBe(false);
    expect(t.failed(l!, 'refused')).toBe(true);
    t.wentDown(l!, 5);
    t.up(l!, HELLO);
    expect([l!.db, l!.failure, l!.downAtMs, l!.primaryView]).toEqual(['up', undefined, undefined, 1]);
    t.forget(l!);
    expect([l!.db, l!.ras, l!.failure, l!.resolution]).toEqual(['unknown', 'unknown', undefined, undefined]);
  });

  it('RAS: queried → retrying → dead → answered; dead without retrying, or retrying an answered query, is a twin bug', () => {
    const t = new LinkTable();
    const [l] = t.rebuild(['10.0.0.1', '10.0.0.2'], self, () => {}, 0);
    expect(() => t.rasDead(l!)).toThrow(/XTW_ERR_CLUSTER_LINK_STATE.*10\.0\.0\.2.*only after retrying/);
    expect(() => t.rasRetrying(l!)).toThrow(/XTW_ERR_CLUSTER_LINK_STATE/);
    t.rasQueried(l!, 42);
    t.rasRetrying(l!);
    t.rasDead(l!);
    expect(l!.ras).toBe('dead');
    expect(t.rasAnswered(l!)).toBe(true);
    expect(t.rasAnswered(l!)).toBe(false);
    expect([l!.ras, l!.rasAwaiting, l!.rasSeqNum]).toEqual(['alive', false, 42]);
    expect(t.rasSilenced(l!)).toBe(true);
    expect(t.rasSilenced(l!)).toBe(false);
  });
});
