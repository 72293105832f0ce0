// Remote syslog the lab server will not reach (a non-loopback server without --syslog-remote) is
// said once per address, not dropped in silence.
import { describe, expect, it } from 'vitest';
import { SyslogForwarder } from '../../src/server/syslogForwarder.js';

describe('SyslogForwarder refusals', () => {
  it('names a server it will not reach once, counts every line it did not send, and sends nothing there', () => {
    const refused: string[] = [];
    const f = new SyslogForwarder({ allowRemote: false, wallNow: () => 0, onRefused: (a) => refused.push(a) });
    const remote = { address: '192.0.2.7', transport: 'UDP', port: 514, format: 'Legacy BSD', severity: 'Informational' } as const;
    f.send(remote as never, '<166>line 1');
    f.send(remote as never, '<166>line 2');
    expect(refused).toEqual(['192.0.2.7']);
    expect(f.dropped).toBe(2);
    f.close();
  });
});
