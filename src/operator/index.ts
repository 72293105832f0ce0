/**
 * The operator surface — the front door of src/operator (STYLE R2): what an operator can do to the
 * twin (`applyAction` over the `Action` vocabulary), the tshell CLI (`runTshell`, `TshellSession`,
 * and the syntax layer under it) and the admin pages as plain view models. Everything here reaches
 * the world only through src/twin.ts.
 *
 * @example
 * const twin = createTwin({ seed: 1, topology });
 * applyAction(twin, { kind: 'tshell', peer: 'expc02', line: 'xCommand ForceConfigUpdate' });
 * clusteringPage(twin.observe('expc01')).banner; // undefined unless a factory reset is armed
 */
export { applyAction, WEB_ORIGIN } from './actions.js';
export { describeAction, describeFault } from './actionTypes.js';
export type { Action, ActionError, ActionResult, FaultSpec } from './actionTypes.js';
export { OPERATOR_ERRORS, OperatorError } from './errors.js';
export type { OperatorErrorCode } from './errors.js';
export { MAX_WAIT_MS, MAX_RUN_WAIT_MS, MAX_FAULT_LATENCY_MS, MAX_NESTING_DEPTH, MAX_SHOWN_CHARS, checkDurationMs, cutText, showMs } from './bounds.js';
export { FACTORY_RESET_DIR, FACTORY_RESET_IMAGE } from './rootShell.js';

export { runTshell, EXIT_WORDS } from './tshell/commands.js';
export type { TshellResult } from './tshell/commands.js';
export { TshellSession } from './tshell/session.js';
export type { TshellSessionOptions, SessionReply } from './tshell/session.js';
export { runLine, closedByRemote } from './shell/session.js';
export type { ShellSession, ShellStep, ShellReply, ApplyAction, Completion, TwinSource } from './shell/session.js';
export { RootSession, ROOT_HELP } from './shell/root.js';
export { PracticeShell, PRACTICE_HELP, LINE_COST_MS } from './shell/practice.js';
export { happening } from './happenings.js';
export type { Happening } from './happenings.js';
export { COMMANDS as TSHELL_COMMANDS } from './tshell/xcommands.js';
export { keysResetAt, CRITICAL_KEYS, REMOTE_AUTHENTICATION_KEYS } from './tshell/defaultValues.js';
export type { DefaultValuesLevel } from './tshell/defaultValues.js';
export { STATUS_PRODUCT } from './status/systemUnit.js';
export { STATUS_ELEMENTS, statusElement } from './status/model.js';
export { statusXml, getXml, CUIL_NAMESPACE } from './status/xml.js';
export type { StatusXml } from './status/xml.js';
export type { StatusElement } from './status/model.js';
export type { StatusRecord, StatusNode, StatusScalar } from './status/tree.js';
export { parseTshellLine, canonicalTshell } from './tshell/parse.js';
export type { TshellNode, TshellParse, TshellParam, Family, TshellSyntaxCode, TshellSyntaxError } from './tshell/parse.js';
export { lexTshell, TSHELL_MAX_LINE_CHARS } from './tshell/lexer.js';
export { renderConfiguration, renderStatus, renderResult, renderError, renderHelp, renderOk, XACLI, XACLI_ERROR_SHAPE } from './tshell/render.js';

export { clusteringPage } from './pages/clustering.js';
export type { ClusteringPage, PageField, PeerRow, Tone } from './pages/clustering.js';
export { CLUSTER_RESTART_ADVICE, restartPage, STATE_TEXT } from './pages/restart.js';
export type { RestartPage } from './pages/restart.js';
export { alarmsPage } from './pages/alarms.js';
export { licencesPage } from './pages/licences.js';
export type { LicencesPage } from './pages/licences.js';
export type { AlarmsPage, AlarmRow } from './pages/alarms.js';
export { databasePage } from './pages/database.js';
export type { DatabasePage } from './pages/database.js';

export { handleHttp, NOT_SERVING_STATUS, PEER_ADMIN_USER, authorized, basicAuthorization, basicCredentials, challenge, forwardedLines, passes, syslogMessage, syslogServers, FACILITY, defaultSysDescr, snmpAccess, snmpInterfaces, snmpSystem, SYS_OBJECT_ID, SYS_SERVICES, realm, REALM_PREFIX, XML_CONTENT_TYPE, JSON_CONTENT_TYPE, ramlDocument, REST_SCHEMAS, RAML_CONTENT_TYPE, LOCAL_PEER } from './interfaces/index.js';
export type { HttpApply, HttpRequest, HttpResponse, HttpOptions, Credentials, SyslogFormat, SyslogMessage, SyslogServer, SyslogSeverity, SyslogTransport, SnmpAccess, SnmpInterface, SnmpSystem } from './interfaces/index.js';
