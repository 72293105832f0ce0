import { describe, expect, it } from 'vitest';
import type { Connection } from '../../../sim/index.js';
import { codeOf, lan, makeWorld, type World } from './world.js';

/** a (10.0.0.1) and b (10.0.0.2) with a fixed 5 ms one-way latency; b logs what it sees on port 80. */
function pair(defaults = {}): { w: World; log: string[]; serverEnds: Connection[] } {
  const w = makeWorld(1, { defaults: { latencyMsMean: 5, latencyMsJitter: 0, ...defaults } });
  lan(w.net, ['a', 'b']);
  const log: string[] = [];
  const serverEnds: Connection[] = [];
  w.net.listen('b', 80, (conn) => {
    serverEnds.push(conn);
    log.push(`b accept from ${conn.remote.address}`);
    return {
      onOpen: () => log.push(`b open @${w.queue.nowMs}`),
      onData: (_c, p) => log.push(`b data ${String(p)}`),
      onClose: (c) => log.push(`b close ${c.state}`),
      onReset: (c, reason) => log.push(`b reset ${reason} @${w.queue.nowMs} ${c.state}`),
    };
  });
  return { w, log, serverEnds };
}

function clientLog(w: World, log: string[]): Parameters<World['net']['connect']>[2] {
  return {
    onOpen: () => log.push(`a open @${w.queue.nowMs}`),
    onData: (_c, p) => log.push(`a data ${String(p)}`),
    onClose: () => log.push('a close'),
    onReset: (c, reason) => log.push(`a reset ${reason} @${w.queue.nowMs} ${c.state}`),
    onRefused: (reason) => log.push(`a refused ${reason} @${w.queue.nowMs}`),
    onTimeout: () => log.push(`a timeout @${w.queue.nowMs}`),
  };
}

describe('net tcp: open, data, close', () => {
  it('opens after one round trip, carries data both ways, and closes on both ends', () => {
    const { w, log, serverEnds } = pair();
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    expect(conn.state).toBe('connecting');
    w.queue.runUntilIdle();
    expect(conn.state).toBe('open');
    conn.send('ping');
    serverEnds[0]!.send('pong');
    w.queue.runUntilIdle();
    conn.close();
    w.queue.runUntilIdle();
    expect(log).toEqual(['b accept from 10.0.0.1', 'b open @5', 'a open @10', 'b data ping', 'a data pong', 'b close closed']);
    expect(conn.state).toBe('closed');
    expect(serverEnds[0]!.state).toBe('closed');
    expect(serverEnds[0]!.id).toBe(conn.id);
    expect(w.net.liveConnections).toBe(0);
    expect(codeOf(() => conn.send('late'))).toBe('XTW_ERR_SIM_SOCKET_CLOSED');
  });

  it('data arrives in the order sent despite jitter, reordering and loss', () => {
    // Why this proves the claim: jitter of ±9 ms on a 10 ms mean, a reorder rule and 30% loss would
    // scramble or lose datagrams; 200 numbered messages must still arrive complete and ascending.
    const { w, log } = pair();
    w.net.latency({ from: 'a', to: 'b', latencyMsMean: 10, latencyMsJitter: 9 });
    w.net.reorder({ from: 'a', to: 'b', reorderRatio: 0.3, reorderDelayMs: 15 });
    w.net.loss({ from: 'a', to: 'b', lossRatio: 0.3 });
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, {});
    w.queue.runUntilIdle();
    for (let i = 0; i < 200; i++) w.queue.at(w.queue.nowMs + i, () => conn.send(i));
    w.queue.runUntilIdle();
    const data = log.filter((l) => l.startsWith('b data')).map((l) => Number(l.slice(7)));
    expect(data).toEqual([...Array(200).keys()]);
    const drops = w.trace.all().filter((e) => e.kind === 'net.drop');
    expect(drops).toEqual([]);
  });

  it('data sent while connecting is delivered first, once open', () => {
    const { w, log } = pair();
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, { onOpen: (c) => c.send('second') });
    conn.send('first');
    w.queue.runUntilIdle();
    expect(log.filter((l) => l.startsWith('b data'))).toEqual(['b data first', 'b data second']);
  });

  it('data the server sends from onAccept reaches the client after its onOpen', () => {
    const w = makeWorld(3);
    lan(w.net, ['a', 'b']);
    w.net.latency({ latencyMsMean: 10, latencyMsJitter: 9 });
    w.net.listen('b', 80, (conn) => {
      conn.send('banner');
      return {};
    });
    const log: string[] = [];
    w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, { onOpen: () => log.push('open'), onData: (_c, p) => log.push(String(p)) });
    w.queue.runUntilIdle();
    expect(log).toEqual(['open', 'banner']);
  });

  it('a hold delays connection data without resetting it; release delivers it in order', () => {
    const { w, log } = pair();
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    const held = w.net.hold({ from: 'a', to: 'b' });
    for (let i = 0; i < 5; i++) conn.send(i);
    w.queue.advance(5_000);
    expect(log.slice(3)).toEqual([]);
    held.release();
    w.queue.runUntilIdle();
    expect(log.slice(3)).toEqual(['b data 0', 'b data 1', 'b data 2', 'b data 3', 'b data 4']);
    expect(conn.state).toBe('open');
  });

  it('a client that timed out before the accept arrived: the server end is reset when it does', () => {
    const { w, log, serverEnds } = pair({ connectTimeoutMs: 100 });
    w.net.latency({ from: 'b', to: 'a', latencyMsMean: 500 });
    w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    expect(log).toEqual(['b accept from 10.0.0.1', 'b open @5', 'a timeout @100', 'b reset connection-reset @510 reset']);
    expect(serverEnds[0]!.state).toBe('reset');
    expect(w.net.liveConnections).toBe(0);
  });

  it('a listener that is closed refuses new connections but keeps open ones', () => {
    const w = makeWorld(1, { defaults: { latencyMsMean: 5, latencyMsJitter: 0 } });
    lan(w.net, ['a', 'b']);
    const got: unknown[] = [];
    const listener = w.net.listen('b', 80, () => ({ onData: (_c, p) => got.push(p) }));
    const first = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 });
    w.queue.runUntilIdle();
    listener.close();
    const log: string[] = [];
    w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    first.send('still here');
    w.queue.runUntilIdle();
    expect(got).toEqual(['still here']);
    expect(log).toEqual(['a refused connection refused @20']);
  });
});

describe('net tcp: refused and timeout', () => {
  it('nothing listening: refused after one round trip', () => {
    const { w, log } = pair();
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 81 }, clientLog(w, log));
    w.queue.runUntilIdle();
    expect(log).toEqual(['a refused connection refused @10']);
    expect(conn.state).toBe('closed');
    expect(w.trace.all().filter((e) => e.kind === 'net.refused')).toHaveLength(1);
  });

  it.each([
    ['the host is down', (w: World) => w.net.setHostUp('b', false)],
    ['its link is down', (w: World) => w.net.setInterfaceUp('b', 'lan1', false)],
    ['a partition blocks the way there', (w: World) => w.net.partition(['a'], ['b'], { oneWay: true })],
    ['a partition blocks the way back', (w: World) => w.net.partition(['b'], ['a'], { oneWay: true })],
  ])('no answer when %s: timeout after connectTimeoutMs, never refused', (_, fault) => {
    const { w, log } = pair({ connectTimeoutMs: 2_500 });
    fault(w);
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle({ maxEvents: 1_000 });
    expect(log.filter((l) => l.startsWith('a '))).toEqual(['a timeout @2500']);
    expect(conn.state).toBe('closed');
  });

  it('no route to the address: timeout', () => {
    const { w, log } = pair();
    w.net.connect({ host: 'a' }, { address: '10.0.0.99', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    expect(log).toEqual(['a timeout @3000']);
    expect(w.net.liveConnections).toBe(0);
  });
});

describe('net tcp: resets', () => {
  it('partitioned mid-connection: both ends reset after connectionResetAfterMs', () => {
    const { w, log } = pair();
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    w.queue.advance(90); // now 100
    w.net.partition(['a'], ['b'], { name: 'split' });
    conn.send('lost in the partition');
    w.queue.runUntilIdle();
    expect(log.slice(3)).toEqual(['a reset rule:split @1100 reset', 'b reset rule:split @1100 reset']);
    expect(w.net.liveConnections).toBe(0);
    expect(w.trace.all().filter((e) => e.kind === 'net.drop').map((e) => e.data.reason)).toEqual(['connection-reset']);
  });

  it('a one-way partition resets the connection too (a path blocked either way is blocked)', () => {
    const { w, log } = pair();
    w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    w.net.partition(['b'], ['a'], { oneWay: true });
    w.queue.runUntilIdle();
    expect(log.slice(3)).toEqual(['a reset rule:partition-1 @1010 reset', 'b reset rule:partition-1 @1010 reset']);
  });

  it('healed before connectionResetAfterMs: the connection survives and queued data arrives in order', () => {
    const { w, log } = pair();
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    const split = w.net.partition(['a'], ['b']);
    conn.send(1);
    conn.send(2);
    w.queue.advance(999);
    expect(log.filter((l) => l.startsWith('b data'))).toEqual([]);
    split.remove();
    conn.send(3);
    w.queue.runUntilIdle();
    expect(log.slice(3)).toEqual(['b data 1', 'b data 2', 'b data 3']);
    expect(conn.state).toBe('open');
  });

  it('host powered off: its end is abandoned silently, the peer resets with host-down', () => {
    const { w, log, serverEnds } = pair();
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    w.net.setHostUp('b', false);
    expect(serverEnds[0]!.state).toBe('reset');
    w.net.setHostUp('b', true); // back within the reset time: the connection is still gone
    w.queue.runUntilIdle();
    expect(log.slice(3)).toEqual(['a reset host-down @1010 reset']);
    expect(conn.state).toBe('reset');
  });

  it('link down mid-connection resets after the delay; link back up in time keeps it', () => {
    const { w, log } = pair();
    w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    w.net.setInterfaceUp('a', 'lan1', false);
    w.queue.advance(500);
    w.net.setInterfaceUp('a', 'lan1', true);
    w.queue.runUntilIdle();
    expect(log.slice(3)).toEqual([]);
    w.net.setInterfaceUp('a', 'lan1', false);
    w.queue.runUntilIdle();
    expect(log.slice(3)).toEqual(['a reset link-down @1510 reset', 'b reset link-down @1510 reset']);
  });

  it('a segment dropped more than retransmitLimit times resets the connection', () => {
    const { w, log } = pair({ retransmitLimit: 3, retransmitDelayMs: 100 });
    const conn = w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 80 }, clientLog(w, log));
    w.queue.runUntilIdle();
    w.net.loss({ lossRatio: 1 });
    conn.send('doomed');
    w.queue.runUntilIdle();
    expect(log.slice(3)).toEqual(['a reset retransmit-limit @10 reset', 'b reset retransmit-limit @10 reset']);
  });
});

describe('net tcp: NAT and input', () => {
  it('the server sees the NAT-translated remote; the client sees the address it dialled', () => {
    const w = makeWorld();
    w.net.addHost('inside');
    w.net.addInterface('inside', { name: 'lan1', ipv4: '192.168.0.10' });
    w.net.addHost('server');
    w.net.addInterface('server', { name: 'lan1', ipv4: '198.51.100.7' });
    w.net.addNat({ name: 'home', inside: ['inside'], publicAddress: '203.0.113.5', kind: 'masquerade' });
    const seen: string[] = [];
    w.net.listen('server', 443, (c) => {
      seen.push(`server remote ${c.remote.address}:${c.remote.port}`);
      return { onData: (conn, p) => conn.send(`echo ${String(p)}`) };
    });
    const conn = w.net.connect({ host: 'inside' }, { address: '198.51.100.7', port: 443 }, {
      onData: (c, p) => seen.push(`client got ${String(p)} from ${c.remote.address}`),
    });
    conn.send('hi');
    w.queue.runUntilIdle();
    expect(seen).toEqual(['server remote 203.0.113.5:49152', 'client got echo hi from 198.51.100.7']);
    expect(conn.local).toEqual({ address: '192.168.0.10', port: 49152 });
  });

  it.each([
    ['listen on a port in use', 'XTW_ERR_SIM_PORT_IN_USE', (w: World) => w.net.listen('b', 80, () => ({}))],
    ['listen on port 0', 'XTW_ERR_SIM_BAD_PORT', (w: World) => w.net.listen('b', 0, () => ({}))],
    ['listen on an unknown host', 'XTW_ERR_SIM_UNKNOWN_HOST', (w: World) => w.net.listen('zz', 81, () => ({}))],
    ['connect from an unknown host', 'XTW_ERR_SIM_UNKNOWN_HOST', (w: World) => w.net.connect({ host: 'zz' }, { address: '10.0.0.2', port: 80 })],
    ['connect to a non-address', 'XTW_ERR_SIM_BAD_ADDRESS', (w: World) => w.net.connect({ host: 'a' }, { address: 'b.example', port: 80 })],
    ['connect to port 65536', 'XTW_ERR_SIM_BAD_PORT', (w: World) => w.net.connect({ host: 'a' }, { address: '10.0.0.2', port: 65536 })],
    ['connect from a foreign address', 'XTW_ERR_SIM_UNKNOWN_ADDRESS', (w: World) => w.net.connect({ host: 'a', address: '10.0.0.2' }, { address: '10.0.0.2', port: 80 })],
  ])('%s is rejected with %s and opens nothing', (_, code, act) => {
    const { w } = pair();
    const hash = w.trace.hash();
    expect(codeOf(() => act(w))).toBe(code);
    expect(w.trace.hash()).toBe(hash);
    expect(w.net.liveConnections).toBe(0);
  });
});
