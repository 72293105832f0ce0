// `xtwin shell` with its input piped: each line is a tshell command on the built-in cluster, and
// `exit` ends the session with status 0.
import { describe, expect, it } from 'vitest';
import { xtwin } from './helpers.js';

describe('xtwin shell', () => {
  it('fed `xStatus Cluster` and `exit` on stdin: prints the status block and exits 0', () => {
    const r = xtwin(['shell'], { input: 'xStatus Cluster\nexit\n' });
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('SEED=1');
    expect(r.stdout).toContain('*s Cluster: /');
    expect(r.stdout).toContain('*s/end');
  });

  it('peer switching and an unknown peer are answered in the session, which still exits 0', () => {
    const r = xtwin(['shell'], { input: 'peer expc99\npeer expc02\nxStatus Cluster\nexit\n' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("peer: unknown peer 'expc99'");
    expect(r.stdout).toContain('xtwin:expc02>');
    expect(r.stdout).toMatch(/ThisPeer: 2/);
  });

  it('--peer naming a peer that does not exist exits 2', () => {
    const r = xtwin(['shell', '--peer', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown peer 'nope'");
  });
});
