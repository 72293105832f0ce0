// interfaces.xml_status_per_s: GET /status.xml requests per wall-clock second answered in-process by
// handleHttp for one lab — a three-peer world (expc01+expc02 clustered, expc03 standalone) settled
// for 5 virtual minutes, Basic auth checked on every request, the document rendered from the status
// model each time (no caching between requests; virtual time does not move). The best of three runs
// of REQUESTS requests is reported.
// Benches read the wall clock (performance.now) by design; the model under test never does.
import { basicAuthorization, handleHttp } from '../../src/operator/index.js';
import { createTwin } from '../../src/twin.js';
import type { Figure } from './figure.js';

const REQUESTS = 2_000;
const RUNS = 3;
const CREDENTIALS = { user: 'admin', password: 'bench-token' };

function labTwin() {
  const peers = [1, 2, 3].map((i) => ({ name: `expc0${i}`, lan1: { ipv4: `10.0.0.${10 + i}` } }));
  const twin = createTwin({ seed: 1, topology: { peers, cluster: { peers: ['expc01', 'expc02'], name: 'cluster1.example.com' } } });
  twin.advance(300_000);
  return twin;
}

export function benchInterfaces(): Figure[] {
  const twin = labTwin();
  const request = { method: 'GET', path: '/status.xml', headers: { authorization: basicAuthorization(CREDENTIALS) } };
  const peers = twin.peerNames();
  let best = 0;
  for (let run = 0; run < RUNS; run++) {
    let bytes = 0;
    const t0 = performance.now();
    for (let i = 0; i < REQUESTS; i++) {
      const r = handleHttp(twin, peers[i % peers.length]!, request, { credentials: CREDENTIALS });
      if (r.status !== 200) throw new Error(`bench request failed: ${r.status}`);
      bytes += r.body.length;
    }
    const wallMs = performance.now() - t0;
    if (bytes === 0) throw new Error('bench produced empty documents');
    best = Math.max(best, (REQUESTS * 1000) / wallMs);
  }
  return [{ name: 'interfaces.xml_status_per_s', value: Math.round(best), unit: 'requests / s' }];
}
