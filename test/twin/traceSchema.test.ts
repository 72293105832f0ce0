// The trace is a typed journal (issue #11 §4): each kind has one data type, declared by the layer
// that writes it (the kernel stays domain-free), and readers get typed data from eventsOf. A
// partition carries its groups as arrays, not as prose to re-parse.
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/operator/index.js';
import { createTwin, eventsOf, type LifecycleState } from '../../src/twin.js';
import { MINUTE, topologyOf } from '../helpers/world.js';

describe('the typed journal', () => {
  it('a partition is journalled with its two groups as arrays and whether it is one-way', () => {
    const twin = createTwin({ seed: 1, topology: topologyOf({ peers: 3, clustered: 3 }) });
    applyAction(twin, { kind: 'fault', fault: { kind: 'partition', groups: [['expc03'], ['expc01', 'expc02']] } });
    applyAction(twin, { kind: 'fault', fault: { kind: 'partition', groups: [['expc01'], ['expc02']], oneWay: true } });
    expect(eventsOf(twin.events(), 'fault.inject').map((e) => [e.data.groups, e.data.oneWay])).toEqual([
      [[['expc03'], ['expc01', 'expc02']], false],
      [[['expc01'], ['expc02']], true],
    ]);
  });

  it('eventsOf narrows by kind and types the data (a compile-time claim, checked at run time too)', () => {
    const twin = createTwin({ seed: 1, topology: topologyOf({ peers: 2, clustered: 2 }) });
    twin.restart('expc02');
    twin.advance(5 * MINUTE);
    const states: LifecycleState[] = eventsOf(twin.events(), 'peer.state').filter((e) => e.source === 'expc02').map((e) => e.data.state);
    expect(states).toEqual(['running', 'restarting', 'running']);
    // @ts-expect-error a step's data is { index, text, ok }: the schema refuses anything else
    twin.note('runbook', 'step', { index: 'first' });
    // @ts-expect-error only kinds of the schema can be noted
    twin.note('runbook', 'no.such.kind', {});
  });
});
