/**
 * The product's machine interfaces of one peer, without sockets (INTERFACES §2, §3): `handleHttp`
 * answers the HTTP XML API and the REST API as the product does; the lab server mounts it on a
 * per-peer HTTPS listener and a runbook step calls it in-process.
 */
export { handleHttp, NOT_SERVING_STATUS, PEER_ADMIN_USER } from './http.js';
export type { HttpApply, HttpRequest, HttpResponse, HttpOptions } from './http.js';
export { authorized, basicAuthorization, basicCredentials, challenge, realm, REALM_PREFIX } from './auth.js';
export type { Credentials } from './auth.js';
export { XML_CONTENT_TYPE } from './xmlApi.js';
export { JSON_CONTENT_TYPE } from './restCommon.js';
export { ramlDocument, REST_SCHEMAS, RAML_CONTENT_TYPE } from './raml.js';
export { LOCAL_PEER } from './management.js';
export { forwardedLines, passes, syslogMessage, syslogServers, FACILITY } from './syslog.js';
export type { SyslogFormat, SyslogMessage, SyslogServer, SyslogSeverity, SyslogTransport } from './syslog.js';
export { defaultSysDescr, snmpAccess, snmpInterfaces, snmpSystem, SYS_OBJECT_ID, SYS_SERVICES } from './snmp.js';
export type { SnmpAccess, SnmpInterface, SnmpSystem } from './snmp.js';
