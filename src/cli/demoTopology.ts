// The built-in world of `xtwin shell` without a runbook: a two-peer cluster and a third peer ready to join.
import type { Topology } from '../twin.js';

export const DEMO_TOPOLOGY: Topology = {
  peers: [
    { name: 'expc01', lan1: { ipv4: '10.0.0.11' } },
    { name: 'expc02', lan1: { ipv4: '10.0.0.12' } },
    { name: 'expc03', lan1: { ipv4: '10.0.0.13' } },
  ],
  cluster: { name: 'cluster.example.com', peers: ['expc01', 'expc02'] },
};
