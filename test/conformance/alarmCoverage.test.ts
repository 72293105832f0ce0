// Every row of the alarm catalog is raised on the running twin by something named in
// test/alarmCoverage.ts — a runbook (checked by test/scenarios.test.ts), a test file, or a recipe
// here that drives a twin until the alarm shows — or says in the catalog why it is not modelled
// (that reason is what `xtwin alarms` and the catalog listing show). A new row with none fails here.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/operator/index.js';
import { ALARMS, createTwin, type AlarmKey, type Twin } from '../../src/twin.js';
import { ALARM_COVERAGE } from '../alarmCoverage.js';
import { ROOT } from '../arch/sources.js';
import { smallTwin } from '../operator/helpers.js';

const tshell = (twin: Twin, peer: string, line: string) => {
  const r = applyAction(twin, { kind: 'tshell', peer, line });
  expect(r.ok, `${line}: ${JSON.stringify(r)}`).toBe(true);
};

/** Drives a twin until the alarm is up; returns the twin and the peer that must show it. */
const RECIPES: Partial<Record<AlarmKey, () => [Twin, string]>> = {
  // A subordinate's cluster name differs from the primary's: the next replication run says so (DOMAIN §11.2).
  'replication-cluster-settings-mismatch': () => {
    const twin = smallTwin();
    tshell(twin, 'expc02', 'xConfiguration Alternates Cluster Name: "other.example.com"');
    twin.advance(3 * 60_000);
    return [twin, 'expc02'];
  },
  // A clustered peer without a cluster name (DOMAIN §7.1 20019).
  'cluster-name-not-configured': () => {
    const twin = smallTwin();
    tshell(twin, 'expc01', 'xConfiguration Alternates Cluster Name: ""');
    twin.advance(1_000);
    return [twin, 'expc01'];
  },
  // A clustered peer without an NTP server: the cluster guide's NTP text (29902 (twin)).
  'replication-ntp-unreachable': () => {
    const twin = smallTwin();
    tshell(twin, 'expc01', 'xConfiguration NTP Server 1 Address: ""');
    twin.advance(1_000);
    return [twin, 'expc01'];
  },
  // A new LAN address waits for the restart (DOMAIN §5.5 25010).
  'restart-required-ip': () => {
    const twin = smallTwin();
    tshell(twin, 'expc03', 'xConfiguration Ethernet 1 IP V4 Address: "10.0.0.23"');
    twin.advance(1_000);
    return [twin, 'expc03'];
  },
  // One small VM peer and more endpoints than it can hold: its physical limit is reached (DOMAIN §2.2 30027).
  'capacity-warning-registrations': () => {
    const twin = createTwin({ seed: 1, topology: { peers: [{ name: 'expc01', platform: 'small-vm', lan1: { ipv4: '10.0.0.11' } }], endpoints: { count: 2_500 } } });
    twin.advance(60_000);
    return [twin, 'expc01'];
  },
};

describe('every catalog alarm is raised by something named, or marked not modelled with its reason', () => {
  it('each row has exactly one of: coverage in test/alarmCoverage.ts, a not-modelled reason', () => {
    const problems = ALARMS.flatMap((a) => {
      const covered = ALARM_COVERAGE[a.key] !== undefined;
      const marked = a.notModelled !== undefined && a.notModelled.trim().length > 20;
      if (covered && marked) return [`${a.shownId} ${a.key}: raised by the twin yet marked not modelled`];
      if (!covered && !marked) return [`${a.shownId} ${a.key}: nothing raises it and it says not why (add a runbook, test or recipe to test/alarmCoverage.ts, or a notModelled reason)`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('the coverage table names only catalog rows, existing runbooks and test files, and a recipe for each recipe row', () => {
    const keys = new Set(ALARMS.map((a) => a.key));
    for (const [key, c] of Object.entries(ALARM_COVERAGE)) {
      expect(keys.has(key as AlarmKey), key).toBe(true);
      if ('runbook' in c) expect(existsSync(join(ROOT, c.runbook)), c.runbook).toBe(true);
      if ('recipe' in c) expect(RECIPES[key as AlarmKey], `recipe for ${key}`).toBeDefined();
      if ('test' in c) {
        // The named test drives the twin and asserts the alarm by its id.
        const id = ALARMS.find((a) => a.key === key)!.id;
        expect(readFileSync(join(ROOT, c.test), 'utf8'), `${c.test} asserts ${id}`).toContain(`'${id}'`);
      }
    }
  });

  for (const [key, recipe] of Object.entries(RECIPES) as [AlarmKey, () => [Twin, string]][]) {
    it(`recipe: ${key} is raised on the running twin`, () => {
      const [twin, peer] = recipe();
      expect(twin.observe(peer).alarms.map((a) => a.key)).toContain(key);
    });
  }
});
