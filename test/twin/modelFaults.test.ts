// A fault inside the model is never silent (issue #11 §1): the twin records it once — time, peer,
// code, message, source — journals it, halts its clock there and refuses every later change with
// ModelFaultError; refusals of bad input stay refusals and do not halt anything.
import { describe, expect, it } from 'vitest';
import { createTwin, ModelFaultError, PeerError, type Twin } from '../../src/twin.js';
import { AT_BOOT, FORCED, withLifecycleCrash } from '../helpers/modelFault.js';
import { CLI, MINUTE, RESTART, topologyOf } from '../helpers/world.js';

function cluster(): Twin {
  return createTwin({ seed: 3, topology: topologyOf({ peers: 2, clustered: 2 }) });
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
}

describe('a model fault halts the twin and is recorded once', () => {
  it('a fault met while time runs (the seam, as expc02 boots after its restart): recorded once, clock stopped there, journalled', () => {
    const twin = cluster();
    twin.advance(MINUTE);
    twin.restart('expc02');
    const restartAt = twin.nowMs;
    const e = withLifecycleCrash(AT_BOOT, () => thrown(() => twin.advance(10 * MINUTE)));
    expect(e).toBeInstanceOf(ModelFaultError);
    expect((e as ModelFaultError).code).toBe('XTW_ERR_TWIN_MODEL_FAULT');
    expect(twin.modelFaults()).toEqual([{ atMs: restartAt + RESTART, peer: 'expc02', message: AT_BOOT.message, source: 'peer' }]);
    expect((e as Error).message).toMatch(/at T\+00:04:00\.000 on expc02 \(its lifecycle\): forced by the test seam at boot/);
    // The clock stopped at the fault, and the journal has it once.
    expect(twin.nowMs).toBe(restartAt + RESTART);
    expect(twin.events().filter((x) => x.kind === 'twin.fault').map((x) => ({ source: x.source, data: x.data }))).toEqual([
      { source: 'expc02', data: { source: 'peer', message: AT_BOOT.message } },
    ]);
  });

  it('a peer\'s own LAN1 address changed in place (DOMAIN §6.9) is no model fault any more: the host answers on the new address after the restart', () => {
    const twin = cluster();
    twin.advance(MINUTE);
    twin.save('expc02', { 'Ethernet 1 IP V4 Address': '10.0.0.22' }, CLI);
    twin.restart('expc02');
    twin.advance(10 * MINUTE);
    expect(twin.modelFaults()).toEqual([]);
    expect(twin.observe('expc02').state).toBe('running');
  });

  it('a halted twin refuses every later change with the same fault, and keeps its clock; observing still works', () => {
    const twin = cluster();
    const e = thrown(() => withLifecycleCrash(FORCED, () => twin.restart('expc02')));
    expect(e).toBeInstanceOf(ModelFaultError);
    const at = twin.nowMs;
    for (const change of [() => twin.advance(1_000), () => twin.restart('expc01'), () => twin.save('expc01', { 'H323 Mode': 'Off' }, CLI), () => twin.heal()]) {
      expect((thrown(change) as ModelFaultError).fault).toBe(twin.modelFaults()[0]);
    }
    expect(twin.nowMs).toBe(at);
    expect(twin.modelFaults()).toHaveLength(1);
    expect(twin.observe('expc01').state).toBe('running');
  });

  it('the seam: an actor error during an operator verb throws from that verb, naming peer and message', () => {
    const twin = cluster();
    twin.advance(MINUTE);
    const e = thrown(() => withLifecycleCrash(FORCED, () => twin.restart('expc02'))) as ModelFaultError;
    expect(e.fault).toEqual({ atMs: MINUTE, peer: 'expc02', message: 'forced by the test seam', source: 'peer' });
  });

  it('a refusal (bad input) is not a fault: it throws its own error and the twin goes on', () => {
    const twin = cluster();
    expect(thrown(() => twin.save('expc01', { 'No Such Key': 1 }, CLI))).toBeInstanceOf(PeerError);
    expect(twin.modelFaults()).toEqual([]);
    twin.advance(MINUTE);
    expect(twin.nowMs).toBe(MINUTE);
  });
});
