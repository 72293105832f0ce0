// For every row of the alarm catalog (src/expressway/alarms.ts): what raises it on the running twin —
// a runbook of scenarios/ (test/scenarios.test.ts checks the run raises it), a test file that drives
// the twin until it does (the recipes in test/conformance/alarmCoverage.test.ts, or a named test
// file) — or nothing, because the row says why it is not modelled. A new catalog row with none of
// these fails the coverage tests.
import type { AlarmKey } from '../src/twin.js';

export type Coverage = { readonly runbook: string } | { readonly test: string } | { readonly recipe: true };

export const ALARM_COVERAGE: Partial<Record<AlarmKey, Coverage>> = {
  'invalid-cluster-configuration': { runbook: 'scenarios/wrong-way/dual-nic-external-interface.yaml' },
  'cluster-communication-failure': { runbook: 'scenarios/procedures/h323-mode-alarm.yaml' },
  'cluster-database-communication-failure': { runbook: 'scenarios/procedures/endpoint-failover-capacity.yaml' },
  'restart-required-cluster-configuration': { runbook: 'scenarios/procedures/create-cluster.yaml' },
  'replication-upgrade-in-progress': { runbook: 'scenarios/procedures/upgrade-cluster.yaml' },
  'replication-error': { runbook: 'scenarios/wrong-way/option-keys-differ.yaml' },
  'replication-manual-sync-conflict': { runbook: 'scenarios/procedures/replication-error-force-config-update.yaml' },
  'replication-manual-sync-required': { runbook: 'scenarios/wrong-way/wrong-upgrade-order.yaml' },
  'replication-cluster-settings-mismatch': { recipe: true },
  'replication-missing-configuration-file': { runbook: 'scenarios/wrong-way/purge-database-on-clustered-peer.yaml' },
  'replication-primary-unreachable': { runbook: 'scenarios/procedures/restart-sequence.yaml' },
  'cluster-primary-mismatch': { runbook: 'scenarios/procedures/change-primary.yaml' },
  'h323-mode-off': { runbook: 'scenarios/procedures/h323-mode-alarm.yaml' },
  'cluster-name-not-configured': { recipe: true },
  'replication-ntp-unreachable': { recipe: true },
  'expressway-database-failure': { runbook: 'scenarios/procedures/database-failure-recovery.yaml' },
  'factory-reset-started': { runbook: 'scenarios/procedures/database-failure-recovery.yaml' },
  'factory-reset-failed': { runbook: 'scenarios/procedures/factory-reset-fresh-ova.yaml' },
  'maintenance-mode': { runbook: 'scenarios/procedures/create-cluster.yaml' },
  'cluster-inconsistent-state': { runbook: 'scenarios/wrong-way/restart-subordinates-first.yaml' },
  'restart-required-server-certificate': { runbook: 'scenarios/procedures/certificate-expiry.yaml' },
  'date-time-not-validated': { runbook: 'scenarios/procedures/database-failure-recovery.yaml' },
  'restart-required-ip': { recipe: true },
  'lost-peer-licences-hours': { runbook: 'scenarios/procedures/lost-peer-licences.yaml' },
  'lost-peers-licences-hours': { test: 'test/cluster/licences.test.ts' },
  'lost-peer-licences-days': { runbook: 'scenarios/procedures/lost-peer-licences.yaml' },
  'lost-peers-licences-days': { test: 'test/cluster/licences.test.ts' },
  'lost-peer-licences-removed': { test: 'test/cluster/licences.test.ts' },
  'lost-peers-licences-removed': { test: 'test/cluster/licences.test.ts' },
  'restart-required-option-key': { test: 'test/expressway/alarms.test.ts' },
  'capacity-warning-registrations': { recipe: true },
  'cluster-tls-permissive': { runbook: 'scenarios/procedures/h323-mode-alarm.yaml' },
  'key-file-update-failed': { runbook: 'scenarios/procedures/system-key-alarm.yaml' },
  'server-certificate-expired': { runbook: 'scenarios/procedures/certificate-expiry.yaml' },
  'server-certificate-expiring': { runbook: 'scenarios/procedures/certificate-expiry.yaml' },
};
