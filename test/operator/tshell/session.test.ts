// TshellSession: the interactive wrapper — prompt, banner, history, help, exit — and the rule that
// a restart or power cut ends the session the way it drops an SSH connection.
import { describe, expect, it } from 'vitest';
import { TshellSession } from '../../../src/operator/index.js';
import { smallTwin } from '../helpers.js';

describe('TshellSession', () => {
  it('greets with the SSH banner and shows the twin prompt', () => {
    const s = new TshellSession(smallTwin(), 'expc01');
    expect(s.welcome()).toEqual(['TANDBERG Video Communication Server X14.3.1']);
    expect(s.prompt).toBe('xtwin:expc01> ');
    expect(new TshellSession(smallTwin(), 'expc01', { prompt: '' }).prompt).toBe('');
  });

  it('runs lines through the CLI and keeps a bounded history of what was typed', () => {
    const s = new TshellSession(smallTwin(), 'expc01', { historyLimit: 2 });
    const reply = s.run('xConfiguration Alternates ConfigurationPrimary');
    expect(reply.output).toEqual(['*c xConfiguration Alternates ConfigurationPrimary: 1', 'OK']);
    s.run('');
    s.run('xStatus Cluster');
    s.run('xCommand ?');
    expect(s.history()).toEqual(['xStatus Cluster', 'xCommand ?']);
    // Like bash, `history` is itself recorded before it prints.
    expect(s.run('history').output).toEqual(['   1  xCommand ?', '   2  history']);
  });

  it('help lists the families, exit and history', () => {
    const s = new TshellSession(smallTwin(), 'expc01');
    expect(s.run('help').output).toEqual(['*h xCommand', '*h xConfiguration', '*h xStatus', '*h exit', '*h history', 'OK']);
  });

  it('exit closes the session; later lines are refused', () => {
    const s = new TshellSession(smallTwin(), 'expc01');
    expect(s.run('exit')).toEqual({ output: [], closed: true });
    expect(s.closed).toBe(true);
    expect(s.run('xStatus')).toEqual({ output: ['Connection closed.'], closed: true });
  });

  it('xCommand Restart drops the connection after the result', () => {
    const twin = smallTwin();
    const s = new TshellSession(twin, 'expc02');
    const reply = s.run('xCommand Restart');
    expect(reply.closed).toBe(true);
    expect(reply.output).toEqual(['*r RestartResult (status=OK):', '*r/end', 'OK', 'Connection to expc02 closed by remote host.']);
  });

  it('a session to an unknown peer cannot be opened', () => {
    expect(() => new TshellSession(smallTwin(), 'expc42')).toThrow(/expc42/);
  });
});
