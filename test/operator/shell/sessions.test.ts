// The shell sessions on a real twin: the two-step read/settle (the session names the action, its
// host applies it), root's help and read-only commands, `tshell` inside root, Tab completion of
// configuration paths, and one owner for "connection closed".
import { describe, expect, it } from 'vitest';
import { applyAction, FACTORY_RESET_DIR, RootSession, runLine, TshellSession, type Action } from '../../../src/operator/index.js';
import { smallTwin } from '../helpers.js';

describe('TshellSession: the session names the action, its host applies it', () => {
  it('a CLI line comes back as a tshell action; settling the result prints it', () => {
    const twin = smallTwin();
    const s = new TshellSession(twin, 'expc01');
    const step = s.read('xConfiguration Alternates ConfigurationPrimary');
    expect(step.kind).toBe('act');
    if (step.kind !== 'act') return;
    expect(step.action).toEqual({ kind: 'tshell', peer: 'expc01', line: 'xConfiguration Alternates ConfigurationPrimary' });
    expect(step.settle(applyAction(twin, step.action)).output).toEqual(['*c xConfiguration Alternates ConfigurationPrimary: 1', 'OK']);
  });

  it('a host that refuses before the CLI answers is heard: its sentence is printed, not nothing', () => {
    const s = new TshellSession(smallTwin(), 'expc01');
    const r = runLine(s, 'xStatus Cluster', () => ({ ok: false, output: [], error: { code: 'XTW_ERR_SERVER_LAB_FULL', message: 'This lab has reached its limit of actions.' } }));
    expect(r).toEqual({ output: ['This lab has reached its limit of actions.'], closed: false });
  });

  it('help, history and exit are answered by the session and never reach the host', () => {
    const s = new TshellSession(smallTwin(), 'expc01');
    const seen: Action[] = [];
    const apply = (a: Action) => (seen.push(a), { ok: true as const, output: [] });
    expect(runLine(s, '?', apply).output[0]).toBe('*h xCommand');
    expect(runLine(s, 'history', apply).output).toEqual(['   1  ?', '   2  history']);
    expect(runLine(s, 'exit', apply)).toEqual({ output: [], closed: true });
    expect(seen).toEqual([]);
  });

  it('a peer that stops answering while the session is idle drops it once, in one sentence', () => {
    const twin = smallTwin();
    const s = new TshellSession(twin, 'expc02');
    expect(s.dropped()).toBeUndefined();
    twin.restart('expc02');
    expect(s.dropped()).toEqual(['Connection to expc02 closed by remote host.']);
    expect(s.dropped()).toBeUndefined();
    expect(s.closed).toBe(true);
  });

  it('Tab completes the families, then configuration paths a word at a time', () => {
    const s = new TshellSession(smallTwin(), 'expc01');
    expect(s.complete('xCon')).toEqual([['xConfiguration'], 'xCon']);
    expect(s.complete('xConfiguration Alternates Pe')).toEqual([['Alternates Peer '], 'Alternates Pe']);
    expect(s.complete('xConfiguration Alternates Peer 3 A')).toEqual([['Alternates Peer 3 Address'], 'Alternates Peer 3 A']);
    expect(s.complete('xStatus Cl')).toEqual([['Cluster'], 'Cl']);
    expect(s.complete('xCommand ForceC')[0]).toEqual(['ForceConfigUpdate']);
    expect(s.complete('his')).toEqual([['history'], 'his']);
  });
});

describe("RootSession: root's shell", () => {
  it('help lists the modelled commands and the read-only ones, with where a procedure uses them', () => {
    const s = new RootSession(smallTwin(), 'expc01');
    const help = runLine(s, 'help', () => { throw new Error('help is answered by the session'); }).output.join('\n');
    for (const word of ['clusterdb_destroy_and_purge_data.sh', 'factory-reset', FACTORY_RESET_DIR, '/tmp/tandberg-image.tar.gz', 'ls', 'hostname', 'tshell', '§6.18', '§9.2']) expect(help).toContain(word);
  });

  it('an unknown command is bash\'s "command not found", with a hint at help', () => {
    const twin = smallTwin();
    const r = runLine(new RootSession(twin, 'expc01'), 'rm -rf /', (a) => applyAction(twin, a));
    expect(r.output).toEqual(['-bash: rm: command not found (help lists what the twin models)']);
  });

  it('ls shows what the factory-reset script will find (a fresh OVA: nothing, until copied); hostname names the peer', () => {
    const twin = smallTwin({ peer: { factoryResetImage: false } });
    const s = new RootSession(twin, 'expc01');
    const apply = (a: Action) => applyAction(twin, a);
    expect(runLine(s, `ls ${FACTORY_RESET_DIR}`, apply).output).toEqual([]);
    runLine(s, `cp s42700x14_3_1.tar.gz ${FACTORY_RESET_DIR}/tandberg-image.tar.gz`, apply);
    expect(runLine(s, `ls ${FACTORY_RESET_DIR}/`, apply).output).toEqual(['tandberg-image.tar.gz']);
    expect(runLine(s, 'hostname', apply).output).toEqual([twin.observe('expc01').hostName]);
  });

  it('tshell opens the admin CLI inside root; its exit comes back to root', () => {
    const twin = smallTwin();
    const s = new RootSession(twin, 'expc01');
    const apply = (a: Action) => applyAction(twin, a);
    expect(runLine(s, 'tshell', apply).output[0]).toMatch(/^TANDBERG Video Communication Server/);
    expect(s.prompt).toBe('xtwin:expc01> ');
    expect(runLine(s, 'xConfiguration Alternates ConfigurationPrimary', apply).output[0]).toBe('*c xConfiguration Alternates ConfigurationPrimary: 1');
    expect(runLine(s, 'exit', apply)).toEqual({ output: [], closed: false });
    expect(s.prompt).toBe('~ # ');
  });

  it('a restart from the admin CLI inside root ends the whole SSH session', () => {
    const twin = smallTwin();
    const s = new RootSession(twin, 'expc01');
    const apply = (a: Action) => applyAction(twin, a);
    runLine(s, 'tshell', apply);
    const r = runLine(s, 'xCommand Restart', apply);
    expect(r.closed).toBe(true);
    expect(r.output.at(-1)).toBe('Connection to expc01 closed by remote host.');
    expect(s.closed).toBe(true);
  });
});
