/**
 * `/api[/v1]/provisioning/…` resources the known clients call (INTERFACES §3.2), each reading the
 * peer's saved configuration and writing through one operator action:
 *   sysinfo · common/dns/dns · common/dns/dnsserver and common/time/ntpserver (servers.ts) ·
 *   optionkey · common/cluster/peers · common/searchrule (searchRules.ts) · restart.
 * REST writes are page saves (`{ kind: 'page' }`): the REST API is served by the same httpd as the
 * admin pages. assumption: it logs its changes like a page save (the product's REST log lines are
 * NOT FOUND). Option keys go through `xCommand Option Key Add/Delete`, the one door that builds a key
 * from its text (so they log as the CLI does: assumption).
 */
import type { OptionKey, PeerObservation } from '../../twin.js';
import { systemUnitStatus } from '../status/systemUnit.js';
import { STATUS_ELEMENTS } from '../status/model.js';
import { guarded, object, only, reply, requiredText, text, BadBody } from './body.js';
import type { HttpContext } from './http.js';
import { badRequest, MESSAGES, perform, type Resource, type RestReply } from './restCommon.js';
import { SEARCH_RULES } from './searchRules.js';
import { DNS_SERVERS_RESOURCE, NTP_SERVERS_RESOURCE } from './servers.js';

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
  DNS_SERVERS_RESOURCE,
  NTP_SERVERS_RESOURCE,
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
