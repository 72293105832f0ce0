// Remote syslog framing (INTERFACES §5) as a pure function: the one forwarded tvcs line on record
// (Splunk Connect for Syslog's test: `<166>… host tvcs: tvcs: …`), Legacy BSD and IETF headers,
// severities from Level, the severity filter, and the servers a peer is configured with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forwardedLines, passes, syslogMessage, syslogServers } from '../../../src/operator/index.js';
import { createTwin, SYSLOG_SEVERITIES } from '../../../src/twin.js';
import { parseRunbook } from '../../../src/runbook/load.js';
import { runRunbook } from '../../../src/runbook/run.js';
import { ROOT } from '../../arch/sources.js';

const TVCS = '2020-11-18T13:55:58.980-06:00 expc01 tvcs: UTCTime="2020-11-18 19:55:58,980" Module="network.sip" Level="INFO":  Action="Received" Local-ip="10.101.34.204"';
const CLUSTERDB = '2020-07-21T14:57:43.354-05:00 expc01 UTCTime="2020-07-21 19:57:43,354" Module="developer.clusterdb.cdb" Level="ERROR" Node="clusterdb@expc01.apolo.local" PID="<0.159.0>" Detail="Inconsistent Database"';
const WEB = '2020-08-12T15:13:24.976-05:00 expc01 httpd[15060]: web: Event="System Configuration Changed" Detail="x" Src-ip="10.15.13.30" Src-port="53155" User="admin" Level="1" UTCTime="2020-08-12 20:13:24"';

describe('syslogMessage', () => {
  it('Legacy BSD: PRI, "Mmm dd hh:mm:ss", host, the program tag, then the line after its host (SC4S shape)', () => {
    expect(syslogMessage(TVCS, 'Legacy BSD')!.text).toBe(`<166>Nov 18 13:55:58 expc01 tvcs: ${TVCS.slice(TVCS.indexOf('tvcs: '))}`);
    expect(syslogMessage('2020-07-01T09:05:00.000+00:00 expc02 alarm: Level="WARN" Event="Alarm Raised"', 'Legacy BSD')!.text).toMatch(/^<164>Jul {2}1 09:05:00 expc02 alarm: alarm: /);
  });

  it('IETF (RFC 5424): version 1, the collector timestamp, host, APP-NAME, PROCID, no MSGID or structured data', () => {
    expect(syslogMessage(TVCS, 'IETF')!.text).toBe(`<166>1 2020-11-18T13:55:58.980-06:00 expc01 tvcs - - - ${TVCS.slice(TVCS.indexOf('tvcs: '))}`);
    expect(syslogMessage(WEB, 'IETF')!.text).toMatch(/^<142>1 2020-08-12T15:13:24\.976-05:00 expc01 httpd 15060 - - httpd\[15060\]: web: Event=/);
  });

  it('lines without a process tag go without a program; developer modules at local5, severity from Level', () => {
    const m = syslogMessage(CLUSTERDB, 'Legacy BSD')!;
    expect(m).toMatchObject({ severity: 'Error', program: undefined });
    expect(m.text).toBe(`<171>Jul 21 14:57:43 expc01 ${CLUSTERDB.slice(CLUSTERDB.indexOf('UTCTime'))}`);
    expect(syslogMessage(CLUSTERDB, 'IETF')!.text).toMatch(/^<171>1 \S+ expc01 - - - - UTCTime=/);
  });

  it('a text that is not a log line is not forwarded', () => {
    expect(syslogMessage('hello', 'IETF')).toBeUndefined();
  });
});

describe('every line the twin writes', () => {
  it('frames in both formats, RFC-shaped, carrying the line after its host unchanged', () => {
    const parsed = parseRunbook(readFileSync(join(ROOT, 'scenarios/procedures/add-peer.yaml'), 'utf8'), 'add-peer.yaml');
    if (!parsed.ok) throw new Error('add-peer.yaml does not load');
    const run = runRunbook(parsed.runbook);
    let n = 0;
    for (const peer of run.twin.peerNames()) {
      for (const line of run.twin.logLines(peer)) {
        const after = line.slice(line.indexOf(' ', line.indexOf(' ') + 1) + 1);
        const bsd = syslogMessage(line, 'Legacy BSD');
        const ietf = syslogMessage(line, 'IETF');
        expect(bsd?.text, line).toMatch(/^<\d{1,3}>[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \S+ /);
        expect(bsd!.text.endsWith(after)).toBe(true);
        expect(ietf?.text, line).toMatch(/^<\d{1,3}>1 \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{2}:\d{2} \S+ \S+ \S+ - - /);
        expect(ietf!.text.endsWith(after)).toBe(true);
        n++;
      }
    }
    expect(n).toBeGreaterThan(50);
  });
});

describe('severity filter', () => {
  it('"selected and more severe" pass, for every pair', () => {
    fc.assert(fc.property(fc.constantFrom(...SYSLOG_SEVERITIES), fc.constantFrom(...SYSLOG_SEVERITIES), (s, t) => {
      expect(passes(s, t)).toBe(SYSLOG_SEVERITIES.indexOf(s) <= SYSLOG_SEVERITIES.indexOf(t));
    }));
    expect(forwardedLines([TVCS, CLUSTERDB, WEB], { format: 'Legacy BSD', severity: 'Warning' })).toHaveLength(1);
    expect(forwardedLines([TVCS, CLUSTERDB, WEB], { format: 'Legacy BSD', severity: 'Informational' })).toHaveLength(3);
  });
});

describe('syslogServers', () => {
  it('lists the slots with an address, with their settings (defaults UDP 514 Legacy BSD Informational)', () => {
    const twin = createTwin({ seed: 1, topology: { peers: [{ name: 'expc01', lan1: { ipv4: '10.0.0.11' } }] } });
    expect(syslogServers(twin.observe('expc01'))).toEqual([]);
    twin.save('expc01', { 'Logging Server 3 Address': 'siem.example.com', 'Logging Server 3 Transport': 'TLS', 'Logging Server 3 Port': 6514 }, { via: 'system' });
    expect(syslogServers(twin.observe('expc01'))).toEqual([{ index: 3, address: 'siem.example.com', transport: 'TLS', port: 6514, format: 'Legacy BSD', severity: 'Informational' }]);
  });
});
