// Maintenance > Restart options view model: restart vs reboot, pending restarts, warnings.
import { describe, expect, it } from 'vitest';
import { restartPage } from '../../../src/operator/index.js';
import { TIMINGS } from '../../../src/twin.js';
import { FACTORY_RESET_BANNER, saveClustering, smallTwin } from '../helpers.js';

describe('restartPage (Maintenance > Restart options)', () => {
  it('restart vs reboot with their durations; pending restart alarms and fields', () => {
    const twin = smallTwin();
    saveClustering(twin, 'expc01', { 'Alternates Cluster TLSVerificationMode': 'Enforce' });
    twin.advance(TIMINGS.configChangeTo20007Ms);
    const page = restartPage(twin.observe('expc01'));
    expect(page.options.map((o) => [o.label, o.durationMs, o.available])).toEqual([['Restart', 180_000, true], ['Reboot', 300_000, true]]);
    expect(page.pendingRestart.map((a) => a.id)).toEqual(['20007']);
    expect(page.pendingFields).toEqual(['TLS verification mode']);
    expect(page.stateText).toBe('Running');
  });

  it('warns of the pending factory reset; a restarting peer cannot be restarted again', () => {
    const twin = smallTwin();
    saveClustering(twin, 'expc02', { 'Alternates Peer 2 Address': '', 'Alternates Peer 1 Address': '' });
    expect(restartPage(twin.observe('expc02')).warnings).toContain(FACTORY_RESET_BANNER);
    twin.restart('expc01');
    const page = restartPage(twin.observe('expc01'));
    expect(page.stateText).toBe('Restarting');
    expect(page.options.every((o) => !o.available)).toBe(true);
  });
});
