/**
 * The REST API's self-documentation at `/api/raml` (INTERFACES §3.1: "RAML 0.8, self-documented at
 * https://<address>/api/raml"; schemas are JSON Schema v4). The twin's document lists exactly the
 * resources it serves, each request and reply body with its JSON schema, so an editor or a client
 * generator sees what the handler accepts. assumption: the media type of the product's answer is
 * NOT FOUND; `application/raml+yaml` is RAML's registered-by-convention type.
 */
export const RAML_CONTENT_TYPE = 'application/raml+yaml';
const DRAFT4 = 'http://json-schema.org/draft-04/schema#';

type Schema = Record<string, unknown>;
const str: Schema = { type: 'string' };
const int = (minimum: number, maximum: number): Schema => ({ type: 'integer', minimum, maximum });
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({ type: 'object', properties, required, additionalProperties: false });
const dnsServer = obj({ index: int(1, 5), address: str }, ['index', 'address']);
const ntpServer = obj({ index: int(1, 5), Address: str, KeyId: { type: 'integer' }, Hash: str, Authentication: { enum: ['disabled'] } }, ['index', 'Address']);

/** JSON Schema (draft 4) of every body the twin's REST API reads or writes, by name. */
export const REST_SCHEMAS: Readonly<Record<string, Schema>> = {
  Message: obj({ Message: str }, ['Message']),
  Sysinfo: obj({
    SystemName: str, SystemHostName: str, DomainName: str, ProductName: str, SoftwareVersion: str, SoftwareBuild: str,
    HardwareVersion: str, SerialNumber: str, Uptime: { type: 'integer' }, IPv4Address: str,
  }),
  DnsConfiguration: obj({ DomainName: { type: 'string', maxLength: 128 }, SystemHostName: { type: 'string', maxLength: 63 } }),
  DnsServerWrite: obj({ DefaultDNSServers: dnsServer }, ['DefaultDNSServers']),
  DnsServers: obj({ DefaultDNSServers: { oneOf: [dnsServer, { type: 'array', items: dnsServer }] } }, ['DefaultDNSServers']),
  NtpServer: ntpServer,
  NtpServers: { oneOf: [ntpServer, { type: 'array', items: ntpServer }] },
  IndexKey: obj({ index: int(1, 5) }, ['index']),
  OptionKey: obj({ Key: str }, ['Key']),
  OptionKeys: { type: 'array', items: obj({ index: { type: 'integer' }, Key: str, Description: str }) },
  ClusterPeers: { type: 'array', items: obj({ PeerAddress: str }, ['PeerAddress']) },
  SearchRule: obj({ Priority: { oneOf: [int(1, 65534), { type: 'string', pattern: '^\\s*\\d+\\s*$' }] }, Name: { type: 'string', maxLength: 50 }, TargetName: { type: 'string', maxLength: 50 } }, ['Priority', 'Name', 'TargetName']),
  SearchRules: { type: 'array', items: obj({ Name: str, Priority: { type: 'integer' }, TargetName: str }) },
  PerPeerStatus: {
    type: 'array',
    items: obj({ peer: str, local_peer: { type: 'boolean' }, num_recs: { type: 'integer' }, records: { type: 'array' } }, ['peer', 'local_peer', 'num_recs', 'records']),
  },
};

interface Operation {
  readonly method: 'get' | 'post' | 'put' | 'delete';
  readonly request?: string;
  readonly reply: string;
  readonly status?: number;
  readonly description?: string;
}

const RESOURCES: readonly [string, readonly Operation[]][] = [
  ['/provisioning/sysinfo', [{ method: 'get', reply: 'Sysinfo' }]],
  ['/provisioning/common/dns/dns', [{ method: 'get', reply: 'DnsConfiguration' }, { method: 'put', request: 'DnsConfiguration', reply: 'Message' }]],
  ['/provisioning/common/dns/dnsserver', [
    { method: 'get', reply: 'DnsServers' }, { method: 'post', request: 'DnsServerWrite', reply: 'Message' },
    { method: 'put', request: 'DnsServerWrite', reply: 'Message' }, { method: 'delete', request: 'IndexKey', reply: 'Message' },
  ]],
  ['/provisioning/common/time/ntpserver', [
    { method: 'get', reply: 'NtpServers' }, { method: 'post', request: 'NtpServer', reply: 'Message' },
    { method: 'put', request: 'NtpServer', reply: 'Message' }, { method: 'delete', request: 'IndexKey', reply: 'Message' },
  ]],
  ['/provisioning/optionkey', [{ method: 'get', reply: 'OptionKeys' }, { method: 'post', request: 'OptionKey', reply: 'Message' }, { method: 'delete', request: 'OptionKey', reply: 'Message' }]],
  ['/provisioning/common/cluster/peers', [{ method: 'get', reply: 'ClusterPeers' }]],
  ['/provisioning/common/searchrule', [{ method: 'get', reply: 'SearchRules' }, { method: 'post', request: 'SearchRule', reply: 'Message', status: 201 }]],
  ['/provisioning/restart', [{ method: 'post', reply: 'Message', description: 'From X14.2 the request must carry an X-CSRF-Header header (any value).' }]],
  ['/management/status/alarm', [{ method: 'get', reply: 'PerPeerStatus' }]],
  ['/management/status/resourceusage', [{ method: 'get', reply: 'PerPeerStatus' }]],
  ['/management/status/call/call', [{ method: 'get', reply: 'PerPeerStatus', description: 'Also /active/true, /active/false and /uuid/{uuid}.' }]],
];

let cached: string | undefined;

/** The RAML 0.8 document (built once: it depends on nothing but the tables above). */
export function ramlDocument(): string {
  if (cached !== undefined) return cached;
  const lines = ['#%RAML 0.8', 'title: Expressway REST API (expressway-twin)', 'version: v1', 'baseUri: https://{host}/api', 'mediaType: application/json', 'schemas:'];
  for (const [name, schema] of Object.entries(REST_SCHEMAS)) {
    lines.push(`  - ${name}: |`, ...JSON.stringify({ $schema: DRAFT4, ...schema }, null, 2).split('\n').map((l) => `      ${l}`));
  }
  for (const [path, ops] of RESOURCES) {
    lines.push(`${path}:`);
    for (const op of ops) {
      lines.push(`  ${op.method}:`);
      if (op.description) lines.push(`    description: ${JSON.stringify(op.description)}`);
      if (op.request) lines.push('    body:', '      application/json:', `        schema: ${op.request}`);
      lines.push('    responses:', `      ${op.status ?? 200}:`, '        body:', '          application/json:', `            schema: ${op.reply}`);
      if (op.method !== 'get') lines.push('      400:', '        body:', '          application/json:', '            schema: Message');
    }
  }
  cached = `${lines.join('\n')}\n`;
  return cached;
}
