// The patch log replication ships from (src/cluster/patchLog.ts): a subordinate that holds exactly
// the primary's configuration at the version it names gets the patches since; anything else — no
// version yet, a configuration that drifted, versions the log no longer holds — gets a full pull.
// And the log is bounded: it keeps what linked peers can still ask for, never more than the cap.
import { describe, expect, it } from 'vitest';
import { PATCH_LOG_MAX_ENTRIES, PatchLog, replicatedDigest } from '../../src/cluster/patchLog.js';
import { ConfigStore } from '../../src/expressway/config/store.js';
import { applyConfigPatches, REPLICATED_KEYS, type ConfigValue } from '../../src/expressway/index.js';
import { REPLICATION_PERIOD, SECOND, world } from '../helpers/world.js';

const NAME = 'Zones Zone 1 Name';
const H323 = 'H323 Mode';
const replicated = (c: Readonly<Record<string, ConfigValue>>): Record<string, ConfigValue> => Object.fromEntries(REPLICATED_KEYS.map((k) => [k, c[k] ?? null]));

/** A store and its log, written through the store as a peer writes. */
function rig() {
  const store = new ConfigStore();
  const log = new PatchLog(store.saved);
  const write = (edits: Record<string, unknown>) => log.record(store.save(edits).patches, store.saved);
  return { store, log, write };
}

describe('PatchLog', () => {
  it('only replicated keys are logged; a subordinate at version v with the same configuration gets exactly the patches since v', () => {
    const { store, log, write } = rig();
    expect(REPLICATED_KEYS).toContain(NAME);
    const v1 = log.version;
    const atV1 = store.saved;
    write({ 'IP DNS Hostname': 'expc01' });
    expect(log.version).toBe(v1);
    write({ [NAME]: 'ZoneOne' });
    write({ [NAME]: 'ZoneTwo', [H323]: 'Off' });
    expect(log.version).toBe(v1 + 2);
    const patches = log.patchesSince(v1, replicatedDigest(atV1), store.saved)!;
    expect(patches.map((p) => p.path[0])).toEqual([NAME, NAME, H323].filter((k) => REPLICATED_KEYS.includes(k)));
    expect(applyConfigPatches(replicated(atV1), patches)).toEqual(replicated(store.saved));
    expect(log.patchesSince(log.version, replicatedDigest(store.saved), store.saved)).toEqual([]);
  });

  it('full pull: version 0 (nothing applied yet), a digest that differs from the primary\'s at that version, a version from the future', () => {
    const { store, log, write } = rig();
    write({ [NAME]: 'ZoneOne' });
    expect(log.patchesSince(0, replicatedDigest(store.saved), store.saved)).toBeUndefined();
    expect(log.patchesSince(log.version - 1, replicatedDigest(store.saved), store.saved)).toBeUndefined();
    expect(log.patchesSince(log.version + 1, replicatedDigest(store.saved), store.saved)).toBeUndefined();
  });

  it(`bounded: never more than ${PATCH_LOG_MAX_ENTRIES} writes; further behind than that is a full pull`, () => {
    const { store, log, write } = rig();
    const start = log.version;
    const atStart = store.saved;
    for (let i = 0; i < 3 * PATCH_LOG_MAX_ENTRIES; i++) write({ [NAME]: `Zone${i}` });
    expect(log.size).toBe(PATCH_LOG_MAX_ENTRIES);
    expect(log.patchesSince(start, replicatedDigest(atStart), store.saved)).toBeUndefined();
  });

  it('writes every linked peer has acknowledged are dropped; a peer no longer linked holds nothing back', () => {
    const { store, log, write } = rig();
    for (let i = 0; i < 5; i++) write({ [NAME]: `Zone${i}` });
    const v = log.version;
    log.acknowledge('10.0.0.12', v - 2, ['10.0.0.12', '10.0.0.13']);
    log.acknowledge('10.0.0.13', v, ['10.0.0.12', '10.0.0.13']);
    expect(log.size).toBe(2);
    log.acknowledge('10.0.0.13', v, ['10.0.0.13']);
    expect(log.size).toBe(0);
    expect(log.patchesSince(v, replicatedDigest(store.saved), store.saved)).toEqual([]);
  });

  it('a write the log did not hear of (factory reset, boot) starts it afresh: those behind get a full pull', () => {
    const { store, log, write } = rig();
    write({ [NAME]: 'ZoneOne' });
    const v = log.version;
    const digest = replicatedDigest(store.saved);
    store.replaceAll({ ...store.saved, [NAME]: 'Elsewhere' });
    expect(log.patchesSince(v, digest, store.saved)).toBeUndefined();
  });
});

describe('replication ships patches, with a full pull where the product resynchronises (DOMAIN §5.4, §11.2)', () => {
  const pulls = (s: ReturnType<typeof world>, i: number) => s.peer(i).observe().clustering.replication;

  it('first join is a full pull; the primary\'s later changes arrive as patches; the subordinate ends equal to the primary', () => {
    const s = world({ peers: 2, clustered: 2 });
    s.after(REPLICATION_PERIOD + 30 * SECOND);
    expect(pulls(s, 2)).toMatchObject({ fullPulls: 1, patchPulls: 0 });
    s.peer(1).save({ [NAME]: 'Renamed' });
    s.after(REPLICATION_PERIOD);
    expect(pulls(s, 2)).toMatchObject({ fullPulls: 1, patchPulls: 1 });
    expect(s.peer(2).saved(NAME)).toBe('Renamed');
  });

  it(`a subordinate cut off while the primary makes more than ${PATCH_LOG_MAX_ENTRIES} changes is resynchronised in full; the primary's log stays bounded and empties once every peer has caught up`, () => {
    const s = world({ peers: 3, clustered: 3 });
    s.after(3 * REPLICATION_PERIOD);
    const before = pulls(s, 3);
    const cut = s.peer(3).partitionFrom([1, 2]);
    for (let i = 0; i < PATCH_LOG_MAX_ENTRIES + 8; i++) {
      s.peer(1).save({ [NAME]: `Zone${i}` });
      s.after(SECOND);
    }
    expect(pulls(s, 1).patchLog).toBeLessThanOrEqual(PATCH_LOG_MAX_ENTRIES);
    s.twin.heal(cut.id);
    s.after(3 * REPLICATION_PERIOD);
    expect(pulls(s, 3).fullPulls).toBe(before.fullPulls + 1);
    expect(pulls(s, 2).patchPulls).toBeGreaterThan(0);
    for (const i of [2, 3]) expect(replicated(s.peer(i).observe().saved)).toEqual(replicated(s.peer(1).observe().saved));
    // Everyone acknowledged the last version at their next pull: nothing is kept for them.
    s.after(2 * REPLICATION_PERIOD);
    expect(pulls(s, 1).patchLog).toBe(0);
  });

  it('a subordinate cut off while the primary makes a few changes catches up from patches when the link returns', () => {
    const s = world({ peers: 2, clustered: 2 });
    s.after(3 * REPLICATION_PERIOD);
    const before = pulls(s, 2);
    const cut = s.peer(2).partitionFrom([1]);
    for (let i = 0; i < 5; i++) s.peer(1).save({ [NAME]: `Zone${i}` }).s.after(SECOND);
    s.twin.heal(cut.id);
    s.after(3 * REPLICATION_PERIOD);
    expect(pulls(s, 2).fullPulls).toBe(before.fullPulls);
    expect(pulls(s, 2).patchPulls).toBeGreaterThan(before.patchPulls);
    expect(s.peer(2).saved(NAME)).toBe('Zone4');
  });

  it('a local edit on a subordinate is overwritten by a full pull (its configuration no longer matches any version of the primary\'s)', () => {
    const s = world({ peers: 2, clustered: 2 });
    s.after(3 * REPLICATION_PERIOD);
    const before = pulls(s, 2);
    s.peer(2).save({ [NAME]: 'LocalEdit' });
    s.after(REPLICATION_PERIOD + 30 * SECOND);
    expect(pulls(s, 2).fullPulls).toBe(before.fullPulls + 1);
    expect(s.peer(2).saved(NAME)).toBe(s.peer(1).saved(NAME));
  });
});
