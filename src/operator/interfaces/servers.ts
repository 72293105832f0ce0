/**
 * `common/dns/dnsserver` and `common/time/ntpserver` (INTERFACES §3.2, REST-SG142): the guide's
 * bodies — `{"DefaultDNSServers": {"index", "address"}}`, `{"index", "Address", "KeyId", "Hash",
 * "Authentication"}`, DELETE `{"index"}` — over the peer's five DNS and five NTP server fields, each
 * write one save of the DNS or Time page, answered `{"Message": "The operation was successful"}`.
 */
import type { PeerObservation } from '../../twin.js';
import { guarded, integer, object, only, reply, requiredText, text, BadBody } from './body.js';
import type { HttpContext } from './http.js';
import { badRequest, MESSAGES, perform, type Body, type Resource, type RestReply } from './restCommon.js';

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

export const DNS_SERVERS_RESOURCE: Resource = {
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
};

export const NTP_SERVERS_RESOURCE: Resource = {
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
};

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
