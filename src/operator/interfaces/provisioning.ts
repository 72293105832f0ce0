/**
 * `/api[/v1]/provisioning/…` resources the known clients call (INTERFACES §3.2), each reading the
 * peer's saved configuration and writing through one operator action:
 *   sysinfo · common/dns/dns · common/dns/dnsserver · common/time/ntpserver · optionkey ·
 *   common/cluster/peers · common/searchrule (searchRules.ts) · restart.
 * REST writes are page saves (`{ kind: 'page' }`): the REST API is served by the same httpd as the
 * admin pages. assumption: it logs its changes like a page save (the product's REST log lines are
 * NOT FOUND). Option keys go through `xCommand Option Key Add/Delete`, the one door that builds a key
 * from its text (so they log as the CLI does: assumption).
 */
import type { OptionKey, PeerObservation } from '../../twin.js';
import { systemUnitStatus } from '../status/systemUnit.js';
import { STATUS_ELEMENTS } from '../status/model.js';
import { guarded, integer, object, only, reply, requiredText, text, BadBody } from './body.js';
import type { HttpContext } from './http.js';
import { badRequest, MESSAGES, perform, type Body, type Resource, type RestReply } from './restCommon.js';
import { SEARCH_RULES } from './searchRules.js';

const DNS_SERVERS = 5;
const NTP_SERVERS = 5;
const dnsServerKey = (i: number) => `IP DNS Server ${i} Address`;
const ntpServerKey = (i: number) => `NTP Server ${i} Address`;

/**
 * assumption: the twin models no NTP authentication; every server reads back with the values of the
 * guide's example (`KeyId` 1, `Hash` "sha1", `Authentication` "disabled", REST-SG142), and a write
 * asking for authentication is refused rather than silently dropped.
 */
const NTP_AUTH = { KeyId: 1, Hash: 'sha1', Authentication: 'disabled' } as const;
/** From X14.2 the restart call needs an `X-CSRF-Header` (any value) (INTERFACES §3.1, AG-IF150). */
export const CSRF_HEADER_FROM = [14, 2] as const;

export const PROVISIONING: readonly Resource[] = [
  { path: 'sysinfo', methods: { GET: ({ twin, peer }) => reply(200, sysinfo(twin.observe(peer), systemUnit(twin, peer))) } },
  {
    path: 'common/dns/dns',
    methods: {
      GET: ({ twin, peer }) => {
        const o = twin.observe(peer);
        return reply(200, { DomainName: String(o.saved['IP DNS Domain Name'] ?? ''), SystemHostName: String(o.saved['IP DNS Hostname'] ?? '') });
      },
      // DNSRequestsPortRange* (py-expressway's docstring) are not modelled: refused by `only`.
      PUT: guarded((ctx, body) => {
        const b = object(body);
        only(b, ['DomainName', 'SystemHostName']);
        const set: Record<string, string> = {};
        const domain = text(b, 'DomainName', { optional: true });
        const host = text(b, 'SystemHostName', { optional: true });
        if (domain !== undefined) set['IP DNS Domain Name'] = domain;
        if (host !== undefined) set['IP DNS Hostname'] = host;
        if (Object.keys(set).length === 0) throw new BadBody('Give DomainName and/or SystemHostName');
        return perform(ctx, { kind: 'page', peer: ctx.peer, page: 'dns', set }, { message: MESSAGES.dnsUpdated });
      }),
    },
  },
  {
    path: 'common/dns/dnsserver',
    methods: {
      GET: ({ twin, peer }) => {
        const servers = configured(twin.observe(peer), DNS_SERVERS, dnsServerKey).map(([index, address]) => ({ index, address }));
        // assumption: the guide shows one server as an object; several come as a list of such objects.
        return reply(200, { DefaultDNSServers: servers.length === 1 ? servers[0] : servers });
      },
      POST: guarded((ctx, body) => writeDnsServer(ctx, body, 'create')),
      PUT: guarded((ctx, body) => writeDnsServer(ctx, body, 'update')),
      DELETE: guarded((ctx, body) => deleteServer(ctx, body, 'dns', DNS_SERVERS, dnsServerKey, 'DNS server')),
    },
  },
  {
    path: 'common/time/ntpserver',
    methods: {
      GET: ({ twin, peer }) => {
        const servers = configured(twin.observe(peer), NTP_SERVERS, ntpServerKey).map(([index, Address]) => ({ index, ...NTP_AUTH, Address }));
        // assumption: as for DNS servers — one object (the guide's example), a list when several.
        return reply(200, servers.length === 1 ? servers[0] : servers);
      },
      POST: guarded((ctx, body) => writeNtpServer(ctx, body, 'create')),
      PUT: guarded((ctx, body) => writeNtpServer(ctx, body, 'update')),
      DELETE: guarded((ctx, body) => deleteServer(ctx, body, 'time', NTP_SERVERS, ntpServerKey, 'NTP server')),
    },
  },
  {
    path: 'optionkey',
    methods: {
      // assumption: shapes NOT FOUND (py-expressway calls the path only); one object per installed key.
      GET: ({ twin, peer }) => reply(200, optionKeys(twin.observe(peer)).map((k, i) => ({ index: i + 1, Key: k.key, Description: k.description }))),
      POST: guarded((ctx, body) => {
        const b = object(body);
        only(b, ['Key']);
        const key = requiredText(b, 'Key').replace(/"/g, '');
        return perform(ctx, { kind: 'tshell', peer: ctx.peer, line: `xCommand Option Key Add Key: "${key}"` }, { message: MESSAGES.operationSuccessful });
      }),
      DELETE: guarded((ctx, body) => {
        const b = object(body);
        only(b, ['Key']);
        const key = requiredText(b, 'Key');
        const id = optionKeys(ctx.twin.observe(ctx.peer)).findIndex((k) => k.key === key) + 1;
        if (id === 0) return badRequest(`Option key ${key} is not installed`);
        return perform(ctx, { kind: 'tshell', peer: ctx.peer, line: `xCommand Option Key Delete OptionKeyId: ${id}` }, { message: MESSAGES.operationSuccessful });
      }),
    },
  },
  {
    path: 'common/cluster/peers',
    // A JSON list whose items carry PeerAddress (DIAG, HCHK); assumption: no other field (the rest is NOT FOUND).
    methods: { GET: ({ twin, peer }) => reply(200, twin.observe(peer).clustering.entries.filter((e) => e.address !== '').map((e) => ({ PeerAddress: e.address }))) },
  },
  SEARCH_RULES,
  { path: 'restart', methods: { POST: restart } },
];

function restart(ctx: HttpContext): RestReply {
  const version = /^X(\d+)\.(\d+)/i.exec(ctx.twin.observe(ctx.peer).system.version);
  const [major, minor] = version ? [Number(version[1]), Number(version[2])] : [0, 0];
  const needsHeader = major > CSRF_HEADER_FROM[0] || (major === CSRF_HEADER_FROM[0] && minor >= CSRF_HEADER_FROM[1]);
  // assumption: the reply to a missing header is NOT FOUND; 403 with a Message naming the header.
  if (needsHeader && ctx.header('x-csrf-header') === undefined) return { status: 403, json: { Message: 'Forbidden: the X-CSRF-Header header is required' } };
  // assumption: restart's body and reply are NOT FOUND; any body is ignored and the reply is the documented success text.
  return perform(ctx, { kind: 'restart', peer: ctx.peer, mode: 'restart' }, { message: MESSAGES.operationSuccessful });
}

function writeDnsServer(ctx: HttpContext, body: Body, mode: 'create' | 'update'): RestReply {
  const b = object(body);
  only(b, ['DefaultDNSServers']);
  const inner = b.DefaultDNSServers;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) throw new BadBody('DefaultDNSServers must be an object {"index", "address"}');
  const server = inner as Record<string, unknown>;
  only(server, ['index', 'address']);
  const index = integer(server, 'index', 1, DNS_SERVERS);
  return writeSlot(ctx, mode, 'dns', dnsServerKey(index), requiredText(server, 'address'), `DNS server ${index}`);
}

function writeNtpServer(ctx: HttpContext, body: Body, mode: 'create' | 'update'): RestReply {
  const b = object(body);
  only(b, ['index', 'Address', 'KeyId', 'Hash', 'Authentication']);
  const index = integer(b, 'index', 1, NTP_SERVERS);
  const auth = text(b, 'Authentication', { optional: true });
  if (auth !== undefined && auth !== NTP_AUTH.Authentication) throw new BadBody('Authentication: the twin models NTP servers without authentication ("disabled" only)');
  return writeSlot(ctx, mode, 'time', ntpServerKey(index), requiredText(b, 'Address'), `NTP server ${index}`);
}

/**
 * assumption: POST creates a record and refuses an index in use; PUT changes one and refuses an empty
 * index (CDB record semantics; the product's replies to both are NOT FOUND).
 */
function writeSlot(ctx: HttpContext, mode: 'create' | 'update', page: 'dns' | 'time', key: string, value: string, what: string): RestReply {
  const current = String(ctx.twin.observe(ctx.peer).saved[key] ?? '');
  if (mode === 'create' && current !== '') return badRequest(`${what} already exists (${current}); use PUT to change it`);
  if (mode === 'update' && current === '') return badRequest(`${what} does not exist; use POST to add it`);
  if (value.trim() === '') return badRequest('The address must not be empty; use DELETE to remove a server');
  return perform(ctx, { kind: 'page', peer: ctx.peer, page, set: { [key]: value } }, { message: MESSAGES.operationSuccessful });
}

function deleteServer(ctx: HttpContext, body: Body, page: 'dns' | 'time', count: number, keyOf: (i: number) => string, what: string): RestReply {
  const b = object(body);
  only(b, ['index']);
  const index = integer(b, 'index', 1, count);
  if (String(ctx.twin.observe(ctx.peer).saved[keyOf(index)] ?? '') === '') return badRequest(`${what} ${index} does not exist`);
  return perform(ctx, { kind: 'page', peer: ctx.peer, page, set: { [keyOf(index)]: '' } }, { message: MESSAGES.operationSuccessful });
}

function configured(o: PeerObservation, count: number, keyOf: (i: number) => string): [number, string][] {
  const out: [number, string][] = [];
  for (let i = 1; i <= count; i++) {
    const v = String(o.saved[keyOf(i)] ?? '');
    if (v !== '') out.push([i, v]);
  }
  return out;
}

function optionKeys(o: PeerObservation): readonly OptionKey[] {
  return (o.saved['Option Keys'] ?? []) as readonly OptionKey[];
}

function systemUnit(twin: HttpContext['twin'], peer: string): ReturnType<typeof systemUnitStatus> {
  return STATUS_ELEMENTS.find((e) => e.name === 'SystemUnit')!.build(twin.observe(peer), twin);
}

/**
 * assumption: sysinfo's fields are NOT FOUND (clients only test for 200); the twin answers the values
 * of the status model's SystemUnit and the DNS page under self-explanatory names.
 */
function sysinfo(o: PeerObservation, su: ReturnType<typeof systemUnitStatus>): Record<string, unknown> {
  const software = su.Software as Record<string, unknown>;
  const hardware = su.Hardware as Record<string, unknown>;
  return {
    SystemName: String(o.saved['SystemUnit Name'] ?? ''),
    SystemHostName: o.hostName,
    DomainName: String(o.saved['IP DNS Domain Name'] ?? ''),
    ProductName: su.Product,
    SoftwareVersion: software.Version,
    SoftwareBuild: software.Build,
    HardwareVersion: hardware.Version,
    SerialNumber: hardware.SerialNumber,
    Uptime: su.Uptime,
    IPv4Address: String(o.active['Ethernet 1 IP V4 Address'] ?? ''),
  };
}
