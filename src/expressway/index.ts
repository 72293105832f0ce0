/**
 * One Expressway peer — the front door of src/expressway (STYLE R2). Configuration schema and
 * store, lifecycle machine, alarm catalog, log lines, certificates, option keys, capacity, factory
 * reset and versions. Nothing here knows about other peers: that is src/cluster.
 *
 * @example
 * const peer = new Peer({ id: 'expc01', system }, { queue, trace, epochUtcMs, log });
 * peer.save({ 'Alternates Peer 1 Address': '10.0.0.11' }, { via: 'cli', user: 'admin' });
 */
export { Peer } from './peer.js';
export type { PeerSpec, PeerSystem, PeerEnv, Product, Series, ChangeOrigin, Backup, LifecycleListener, ConfigListener } from './peer.js';
export { SERVING_STATES } from './machine.js';
export { TreeReader, TreeWriter } from './checkpoint.js';
export type { PeerState, TreeRef, AlarmState, BackupState, ConfigStoreState } from './checkpoint.js';
export type { LifecycleTimerState } from './lifecycleTimer.js';
export type { LifecycleState, LifecycleEvent, LifecycleCause } from './machine.js';
export {
  CONFIG_KEYS, MAX_PEERS, MAX_SYSLOG_SERVERS, SNMP_MODES, SYSLOG_SEVERITIES, PEER_INDEXES, REPLICATED_KEYS, defaultConfig, keySpec, peerAddressKey, peerAddresses,
} from './config/schema.js';
export type { AddressMapping, Certificate, Config, ConfigValue, KeySpec, OptionKey, LicenceType, PageName, ConfigScope } from './config/schema.js';
export { sameValue, applyConfigPatches, changesOf } from './config/store.js';
export type { ConfigChange, Edits, SaveResult } from './config/store.js';
export { isFqdn, requireKey, checkValue } from './config/validate.js';
export { PeerError, PEER_ERRORS } from './errors.js';
export type { PeerErrorCode } from './errors.js';
export { ALARMS, alarmDefinition, alarmsWithId, alarmDetail, TWIN_ID_MARK } from './alarms.js';
export type { AlarmDefinition, AlarmKey, AlarmSeverity } from './alarms.js';
export type { ActiveAlarm } from './alarmBoard.js';
export { TIMINGS } from './timings.js';
export * as logLines from './logs.js';
export type { LogRecord, LogClock } from './logLines.js';
export { MESSAGES, message } from './messages.js';
export type { MessageKey } from './messages.js';
export { certificateProblems, certificateNames, daysToExpiry } from './certificates.js';
export type { CertificateProblem } from './certificates.js';
export { featureKeyDifference, featureKeySet, licenceCounts } from './optionKeys.js';
export { clusterCapacity, nodeCapacity, platformClass, pooledLicences, capacityModelFor, releaseOf, clusterVersion, MAX_CLUSTER_PEERS } from './capacity.js';
export type { Platform, Release, CapacityModel, NodeCapacity, ClusterCapacity, PeerLicences, LicencePool, LicenceKind } from './capacity.js';
export { licencesOf, licencePool, countdownAlarms, countdownStage, nextCountdownChangeMs, COUNTDOWN_ALARMS, LOST_PEER_COUNTDOWN_FROM_MS } from './licences.js';
export type { KnownPeer, CountdownAlarm, CountdownStage } from './licences.js';
export { factoryResetArmed, keptByFactoryReset, configAfterFactoryReset } from './factoryReset.js';
export { RESTORE_KEEPS_THE_BOX_OWN, configAfterRestore, FRESH_INSTALL_KEEPS, configAfterFreshInstall } from './restore.js';
export { parseVersion, compareVersions, atLeast, isVersion, checkUpgrade, MILESTONES } from './version.js';
