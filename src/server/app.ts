/**
 * The lab server, assembled: labs restored from the SQLite file, the REST API with its OpenAPI
 * document, the websockets, the web UI's static files, the SSH endpoint, and the one wall-clock
 * timer that moves every running lab's virtual clock (DESIGN: the server alone maps virtual time
 * onto wall time). `startServer` returns when everything listens; `close` stops it all and leaves
 * the database consistent.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { registerApi, type ApiOptions } from './api.js';
import { refusal } from './errors.js';
import { BODY_LIMIT_BYTES, MAX_WS_MESSAGE_BYTES, TICK_SLICE_WALL_MS } from './limits.js';
import { nextTurn, runInSlices } from './slices.js';
import { loadCatalog, type CatalogLab } from './catalog.js';
import { LabManager } from './labs.js';
import { Rehearsals } from './rehearsals.js';
import { hostKey, startSsh, type SshEndpoint } from './ssh.js';
import { SqliteLabStore } from './sqliteStore.js';
import type { LabStore } from './store.js';
import { registerStreams } from './stream.js';
import { PeerEndpoints, type PortRange } from './peerEndpoints.js';
import { SyslogForwarder } from './syslogForwarder.js';
import { tlsIdentity, type TlsIdentity } from './tlsIdentity.js';
import { LAB_TWIN_CHECKPOINTS, type TwinCheckpoints } from './twinCheckpoints.js';

/** How often running lab clocks move on (wall ms): smooth enough for a person, cheap for the CPU. */
export const TICK_MS = 250;
export { BODY_LIMIT_BYTES } from './limits.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface ServerOptions {
  /** the SQLite file labs live in; ':memory:' keeps nothing */
  readonly dbFile: string;
  readonly host?: string;
  /** 0 picks a free port */
  readonly httpPort?: number;
  /** undefined: no SSH endpoint; 0 picks a free port */
  readonly sshPort?: number;
  /** wall clock for the lab clocks; tests pass their own */
  readonly wallNow?: () => number;
  /** move lab clocks on a wall-clock timer (off in tests that tick by hand) */
  readonly tick?: boolean;
  /** log warnings and errors (internal errors, labs stopped) to stdout as JSON lines */
  readonly logger?: boolean;
  /** the store to keep labs in instead of the SQLite file `dbFile` (tests, another store) */
  readonly store?: LabStore;
  /**
   * give every peer its own HTTPS listener and SNMP agent on ports of this range, and forward its log
   * lines to its remote syslog servers (undefined: none of these; `xtwin serve` passes DEFAULT_PEER_PORTS)
   */
  readonly peerPorts?: PortRange;
  /** the certificate the peers' HTTPS listeners present (PEM files); generated and kept beside `dbFile` when absent */
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  /** forward syslog to servers off this machine too (default: loopback only) */
  readonly syslogRemote?: boolean;
  /** how labs' worlds are checkpointed (default: the twin's own save and load, when the build has them) */
  readonly twins?: TwinCheckpoints;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly labs: LabManager;
  readonly catalog: readonly CatalogLab[];
  readonly url: string;
  readonly ssh?: SshEndpoint;
  /** the peers' own listeners (HTTPS, SNMP) and syslog, when `peerPorts` was given */
  readonly peers?: PeerEndpoints;
  /** the certificate the peers' HTTPS listeners present (PEM), when they run */
  readonly peerCertificate?: string;
  /** the catalog files that did not load, and (once `restored` settles) the labs that could not be rebuilt */
  readonly problems: readonly string[];
  /** settles when the background restore of stored labs is done (the server listens before) */
  readonly restored: Promise<void>;
  close(): Promise<void>;
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const app = Fastify({ logger: options.logger ? { level: 'warn' } : false, bodyLimit: BODY_LIMIT_BYTES });
  const store = options.store ?? new SqliteLabStore(options.dbFile);
  const wallNow = options.wallNow ?? Date.now;
  const rehearsals = new Rehearsals();
  const labs = new LabManager(store, wallNow, (labId, e) =>
    app.log.error({ err: e, labId }, 'lab clock stopped after an internal error; the lab was rebuilt from its log'),
  (problem) => (problem ? app.log.error(`${problem}: changes are refused and lab clocks stand still until it can be written again`) : app.log.warn('the lab store takes writes again; changes are accepted')),
  options.twins ?? LAB_TWIN_CHECKPOINTS,
  (labId, warning) => app.log.warn({ labId }, `lab ${labId}: ${warning}`));
  const { labs: catalog, errors } = loadCatalog();
  const problems = [...errors];

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    // Validation and parse errors say what is wrong; anything else is ours, and says so.
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) app.log.error(err);
    const r = status === 500 ? refusal('XTW_ERR_SERVER_INTERNAL', { value: 'the lab is unchanged' })
      : refusal(status === 413 ? 'XTW_ERR_SERVER_TOO_LARGE' : 'XTW_ERR_SERVER_BAD_REQUEST', { value: err.message });
    // fastify's own status (e.g. 415 for a media type it does not take) is kept with the catalog's code.
    void reply.code(status === 413 || status === 500 ? r.status : status).send({ error: { code: r.code, message: r.message } });
  });
  app.setNotFoundHandler((req, reply) => {
    const r = refusal('XTW_ERR_SERVER_NOT_FOUND', { value: `${req.method} ${req.url.split('?')[0]}` });
    void reply.code(r.status).send({ error: { code: r.code, message: r.message } });
  });

  let ssh: SshEndpoint | undefined;
  let url: string;
  let peers: PeerEndpoints | undefined;
  let syslog: SyslogForwarder | undefined;
  let tls: TlsIdentity | undefined;
  try {
    if (options.peerPorts) {
      tls = await tlsIdentity({
        ...(options.tlsCertFile !== undefined ? { certFile: options.tlsCertFile } : {}),
        ...(options.tlsKeyFile !== undefined ? { keyFile: options.tlsKeyFile } : {}),
        ...(options.dbFile !== ':memory:' ? { keepAs: `${options.dbFile}.tls` } : {}),
      });
      syslog = new SyslogForwarder({
        allowRemote: options.syslogRemote ?? false, wallNow,
        onRefused: (address) => app.log.warn(`remote syslog to ${address} is not sent: this server reaches only loopback syslog servers unless started with --syslog-remote`),
      });
      peers = new PeerEndpoints(labs, { host, ports: options.peerPorts, tls, syslog });
    }
    ssh = options.sshPort === undefined ? undefined
      : await startSsh(labs, { port: options.sshPort, host, hostKey: hostKey(options.dbFile === ':memory:' ? undefined : `${options.dbFile}.hostkey`) });
    await registerRoutes(app, { labs, catalog, rehearsals, wallNow, ...(ssh ? { sshPort: ssh.port } : {}), ...(peers ? { peers } : {}) });
    url = await app.listen({ host, port: options.httpPort ?? 8080 });
  } catch (e) {
    // A port in use: let go of what did start, so the process can exit with the error.
    await ssh?.close();
    await app.close();
    await rehearsals.close();
    store.close();
    throw e;
  }
  // Stored labs come back in the background: the server listens at once, a lab not yet back answers "restoring".
  const restored = labs.restore(nextTurn).then(({ failed }) => {
    for (const f of failed) {
      const problem = f.id === '*' ? `no lab restored: ${f.reason}` : `lab ${f.id} not restored: ${f.reason}`;
      problems.push(problem);
      app.log.warn(problem);
    }
  }).then(() => peers?.sync()).catch((e: unknown) => app.log.error(e));
  // One tick at a time, in slices of TICK_SLICE_WALL_MS: requests are answered between labs.
  let ticking: Promise<void> | undefined;
  const timer = options.tick === false ? undefined : setInterval(() => {
    ticking ??= runInSlices(labs.ticking(), nextTurn, TICK_SLICE_WALL_MS)
      .catch((e: unknown) => app.log.error(e))
      .finally(() => (ticking = undefined));
    // The peers' own listeners follow the labs (new ones get ports, ended ones give theirs back).
    peers?.sync().catch((e: unknown) => app.log.error(e));
  }, TICK_MS);

  return {
    app, labs, catalog, url, problems, restored, ...(ssh ? { ssh } : {}), ...(peers && tls ? { peers, peerCertificate: tls.cert } : {}),
    async close() {
      if (timer) clearInterval(timer);
      labs.stopRestoring();
      await restored;
      await ticking;
      labs.tick();
      await app.close();
      await ssh?.close();
      await peers?.close();
      syslog?.close();
      await rehearsals.close();
      store.close();
    },
  };
}

async function registerRoutes(app: FastifyInstance, api: ApiOptions): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: { info: { title: 'expressway-twin lab server', version: '0.1.0', description: 'Training labs on a digital twin of a Cisco Expressway cluster.' } },
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_WS_MESSAGE_BYTES } });
  await app.register(fastifyStatic, { root: join(ROOT, 'web'), prefix: '/' });
  await app.register(fastifyStatic, { root: dirname(fileURLToPath(import.meta.resolve('@xterm/xterm/package.json'))), prefix: '/vendor/xterm/', decorateReply: false });
  await app.register(fastifyStatic, { root: dirname(fileURLToPath(import.meta.resolve('@xterm/addon-fit/package.json'))), prefix: '/vendor/xterm-addon-fit/', decorateReply: false });
  await app.register(async (scope) => {
    registerApi(scope, api);
    registerStreams(scope, api.labs);
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
