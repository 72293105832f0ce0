// `xtwin serve`: the lab server — web UI, REST API, websockets and SSH — with labs kept in SQLite.
// On a first start (no labs yet) it opens the default lab so there is something to look at.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { startServer } from '../../server/app.js';
import { StoreOpenError } from '../../server/sqliteStore.js';
import { DEFAULT_PEER_PORTS } from '../../server/limits.js';
import { TlsIdentityError } from '../../server/tlsIdentity.js';
import type { PortRange } from '../../server/peerEndpoints.js';

export const SERVE_HELP = `usage: xtwin serve [--port 8080] [--ssh-port 2222 | --no-ssh] [--host 127.0.0.1] [--db .xtwin/labs.db] [--lab add-peer]
                  [--peer-ports ${DEFAULT_PEER_PORTS.from}-${DEFAULT_PEER_PORTS.to} | --no-peer-ports] [--tls-cert FILE --tls-key FILE] [--syslog-remote]

Starts the lab server: the web UI and REST API on --port (OpenAPI at /api/openapi.json), SSH into
virtual peers on --ssh-port. Labs live in the SQLite file --db and are rebuilt after a restart.
With no labs yet, the built-in lab --lab is opened and its trainer and student links are printed.

Every peer of every lab is also a host of its own, on a port of --peer-ports: the product's HTTPS
XML and REST APIs (Basic auth: user admin, the lab token as password) and, on the same port number
over UDP, its SNMP agent (once System > SNMP enables it). The HTTPS certificate is self-signed and
kept beside --db (<db>.tls.cert.pem), unless --tls-cert/--tls-key give one. Peers forward their log
lines to the remote syslog servers they are configured with — on this machine only, unless
--syslog-remote.`;

export const DEFAULT_LAB = 'add-peer';
/** Labs whose links are printed at start; a class has more, and the class list shows them all. */
const SHOWN_LABS = 5;

export async function serveCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8080' }, 'ssh-port': { type: 'string', default: '2222' }, 'no-ssh': { type: 'boolean' },
      host: { type: 'string', default: '127.0.0.1' }, db: { type: 'string', default: '.xtwin/labs.db' }, lab: { type: 'string', default: DEFAULT_LAB },
      'peer-ports': { type: 'string', default: `${DEFAULT_PEER_PORTS.from}-${DEFAULT_PEER_PORTS.to}` }, 'no-peer-ports': { type: 'boolean' },
      'tls-cert': { type: 'string' }, 'tls-key': { type: 'string' }, 'syslog-remote': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(SERVE_HELP);
    return 0;
  }
  const port = Number(values.port);
  const sshPort = Number(values['ssh-port']);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usage(`--port ${values.port} is not a port number`);
  if (!Number.isInteger(sshPort) || sshPort < 0 || sshPort > 65535) return usage(`--ssh-port ${values['ssh-port']} is not a port number`);
  const peerPorts = values['no-peer-ports'] ? undefined : portRange(values['peer-ports']);
  if (peerPorts === false) return usage(`--peer-ports ${values['peer-ports']} is not a range of ports FROM-TO (1024-65535)`);
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) return usage('give both --tls-cert and --tls-key (PEM files), or neither');
  for (const f of [values['tls-cert'], values['tls-key']]) if (f !== undefined && !existsSync(f)) return usage(`no such file: ${f}`);
  if (values.db !== ':memory:' && !existsSync(dirname(values.db))) mkdirSync(dirname(values.db), { recursive: true });

  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    server = await startServer({
      dbFile: values.db, host: values.host, httpPort: port, logger: true, ...(values['no-ssh'] ? {} : { sshPort }),
      ...(peerPorts ? { peerPorts } : {}), ...(values['tls-cert'] !== undefined ? { tlsCertFile: values['tls-cert'] } : {}),
      ...(values['tls-key'] !== undefined ? { tlsKeyFile: values['tls-key'] } : {}), syslogRemote: values['syslog-remote'] ?? false,
    });
  } catch (e) {
    if (e instanceof StoreOpenError || e instanceof TlsIdentityError) {
      console.error(`xtwin serve: ${e.message}`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException & { port?: number };
    if (err.code === 'EADDRINUSE') return usage(`port ${err.port ?? ''} on ${values.host} is in use (another xtwin serve?); choose another with --port / --ssh-port`);
    if (err.code === 'EADDRNOTAVAIL') return usage(`cannot listen on ${values.host}: no such local address`);
    throw e;
  }
  // Listen for Ctrl-C and SIGTERM before printing the links: whoever reads them may stop us at once.
  const stopped = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  console.log(`expressway-twin lab server on ${server.url}  (labs in ${values.db}; OpenAPI at ${server.url}/api/openapi.json)`);
  if (server.ssh) console.log(`SSH into a peer: ssh -p ${server.ssh.port} <peer>.<lab>@${values.host}  (root.<peer>.<lab> for root; password: the lab token)`);

  // The server listens already; stored labs come back in the background, then their links are printed.
  await server.restored;
  for (const p of server.problems) console.error(`warning: ${p}`);
  if (server.labs.list().length === 0) {
    const entry = server.catalog.find((c) => c.name === values.lab);
    if (!entry) console.error(`warning: no lab '${values.lab}' in the catalog (${server.catalog.map((c) => c.name).join(', ')})`);
    else {
      const created = server.labs.create(entry);
      if (!created.ok) console.error(`warning: ${created.message}`);
    }
  }
  await server.peers?.sync();
  console.log(`\nclass list (every lab, its grade and trainer link): ${server.url}/#class=${server.labs.classKey}`);
  const all = server.labs.list();
  if (all.length > SHOWN_LABS) console.log(`(${all.length} labs; the first ${SHOWN_LABS} below, every one in the class list)`);
  for (const { meta, lab } of all.slice(0, SHOWN_LABS)) {
    console.log(`\nlab ${meta.id}: ${lab.title}`);
    console.log(`  trainer: ${server.url}/#lab=${meta.id}&token=${meta.trainerToken}`);
    console.log(`  student: ${server.url}/#lab=${meta.id}&token=${meta.studentToken}`);
    if (server.ssh) console.log(`  ssh:     ssh -p ${server.ssh.port} ${lab.twin.peerNames()[0]}.${meta.id}@${values.host}   (password ${meta.studentToken})`);
    // Each peer as a host of its own: its HTTPS APIs and SNMP agent (user admin, the lab token as password).
    for (const a of server.peers?.addresses(meta.id) ?? []) console.log(`  ${a.peer}  ${a.https}  snmp ${a.snmp}`);
  }
  if (server.peers?.unplaced) console.error(`warning: ${server.peers.unplaced} peers have no HTTPS/SNMP address: --peer-ports ${values['peer-ports']} has no free port left`);

  await stopped;
  await server.close();
  return 0;
}

/** `40000-41199` as a range of unprivileged ports, or false. */
export function portRange(text: string): PortRange | false {
  const m = /^(\d{1,5})-(\d{1,5})$/.exec(text.trim());
  if (!m) return false;
  const from = Number(m[1]);
  const to = Number(m[2]);
  return from >= 1024 && to <= 65535 && from <= to ? { from, to } : false;
}

function usage(problem: string): number {
  console.error(`xtwin serve: ${problem}\n\n${SERVE_HELP}`);
  return 2;
}
