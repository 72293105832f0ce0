/**
 * The REST API of the lab server (fastify): labs from the built-in catalog or from runbook text,
 * a lab's summary and objectives, one peer's admin pages and event log, operator actions, the lab
 * clock, and the recent trace. Request bodies and parameters are declared as JSON Schemas: fastify
 * validates with them and @fastify/swagger publishes them as the OpenAPI document.
 *
 * Every answer is JSON. A refusal says what is wrong — `{ error: { code, message } }` — with
 * 400 (malformed), 403 (student asking for a trainer's action), 404 (no such lab for this token,
 * or no such peer), 422 (the product refused the action, its words in `error.message`).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../operator/index.js';
import type { CatalogLab } from './catalog.js';
import { MAX_LAB_CREATES_PER_MIN, MAX_LABEL_CHARS, MAX_REHEARSALS_PER_MIN, MAX_RUNBOOK_CHARS, MAX_SPEED, MAX_TAIL, MIN_SPEED } from './limits.js';
import { RateLimit } from './rateLimit.js';
import type { Rehearsals } from './rehearsals.js';
import { refusal, SERVER_ERRORS, type Refusal } from './errors.js';
import type { LabManager, LabView, Role } from './labs.js';
import type { PeerEndpoints } from './peerEndpoints.js';
import { classRow, labLinks, labSummary, peerView } from './views.js';
import { visibleEvents } from './visibility.js';

export { MAX_TAIL } from './limits.js';

const error = { type: 'object', properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } } } as const;
/** A JSON answer described in prose (the summary); the schema only lets fastify accept the status code. */
const body = { type: 'object', additionalProperties: true } as const;
const labParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 } }, required: ['id'] } as const;
const peerParams = { type: 'object', properties: { id: { type: 'string', maxLength: 64 }, peer: { type: 'string', maxLength: 64 } }, required: ['id', 'peer'] } as const;
const tailQuery = { type: 'object', properties: { tail: { type: 'integer', minimum: 1, maximum: MAX_TAIL, default: 200 } } } as const;

export interface ApiOptions {
  readonly labs: LabManager;
  readonly catalog: readonly CatalogLab[];
  /** where students connect with SSH, for the links a new lab hands out */
  readonly sshPort?: number;
  readonly rehearsals: Rehearsals;
  /** wall clock for the per-client rate bounds */
  readonly wallNow: () => number;
  /** each peer's own HTTPS and SNMP addresses (when the server gives peers listeners) */
  readonly peers?: PeerEndpoints;
}

export function registerApi(app: FastifyInstance, { labs, catalog, sshPort, rehearsals, wallNow, peers }: ApiOptions): void {
  const creates = new RateLimit(MAX_LAB_CREATES_PER_MIN, 60_000, wallNow);
  const rehearsalRate = new RateLimit(MAX_REHEARSALS_PER_MIN, 60_000, wallNow);

  app.get('/api/health', { schema: { summary: 'Is the server up; how many labs it holds', tags: ['server'] } }, async () => ({ ok: true, labs: labs.list().length, storeProblem: labs.storeProblem ?? null }));

  app.get('/api/catalog', { schema: { summary: 'The built-in labs (scenarios/labs)', tags: ['labs'] } }, async () =>
    catalog.map(({ name, title, brief, objectives, peers }) => ({ name, title, brief, objectives, peers })));

  app.post('/api/labs', {
    schema: {
      summary: 'Start a lab from the catalog, or from runbook YAML (its steps are the set-up; a lab: section adds graded objectives)',
      tags: ['labs'],
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          catalog: { type: 'string', maxLength: 200 },
          runbook: { type: 'string', maxLength: MAX_RUNBOOK_CHARS },
          fileName: { type: 'string', maxLength: 200 },
          seed: { anyOf: [{ type: 'integer' }, { type: 'string', maxLength: 100 }] },
          running: { type: 'boolean' },
          speed: { type: 'number', minimum: MIN_SPEED, maximum: MAX_SPEED },
          label: { type: 'string', maxLength: MAX_LABEL_CHARS },
        },
      },
      response: { 201: body, 400: error, 401: error, 429: error, 503: error },
    },
  }, async (req, reply) => {
    if (!creates.take(req.ip)) return tooMany(reply, creates.retryAfterS(req.ip), `at most ${MAX_LAB_CREATES_PER_MIN} labs a minute from one address`);
    if (!labs.mayCreate(presentedToken(req))) return fail(reply, refusal('XTW_ERR_SERVER_NEEDS_CLASS_KEY', { value: '' }));
    const body = req.body as { catalog?: string; runbook?: string; fileName?: string; seed?: string | number; running?: boolean; speed?: number; label?: string };
    let source: { source: string; sourceName: string };
    if (body.runbook !== undefined && body.catalog === undefined) source = { source: body.runbook, sourceName: body.fileName ?? 'uploaded.yaml' };
    else if (body.catalog !== undefined && body.runbook === undefined) {
      const entry = catalog.find((c) => c.name === body.catalog);
      if (!entry) return fail(reply, refusal('XTW_ERR_SERVER_NO_SUCH_LAB', { value: body.catalog, known: catalog.map((c) => c.name) }));
      source = entry;
    } else return fail(reply, refusal('XTW_ERR_SERVER_BAD_REQUEST', { value: 'give exactly one of "catalog" (a lab name) or "runbook" (YAML text)' }));
    const created = labs.create({
      ...source,
      ...(body.seed !== undefined ? { seed: body.seed } : {}),
      ...(body.running !== undefined ? { running: body.running } : {}),
      ...(body.speed !== undefined ? { speed: body.speed } : {}),
      ...(body.label !== undefined ? { label: body.label } : {}),
    });
    if (!created.ok) return fail(reply, created);
    const { meta } = created.view;
    await peers?.sync();
    reply.code(201);
    return {
      id: meta.id, title: created.view.lab.title, studentToken: meta.studentToken, trainerToken: meta.trainerToken,
      links: labLinks(meta),
      ...(peers ? { interfaces: peers.addresses(meta.id) } : {}),
      ...(sshPort !== undefined ? { ssh: `ssh -p ${sshPort} ${created.view.lab.twin.peerNames()[0]}.${meta.id}@127.0.0.1  (password: the lab token)` } : {}),
    };
  });

  app.post('/api/rehearse', {
    schema: {
      summary: 'Rehearse a change: run runbook YAML against a fresh twin and answer its report (HTML by default; ?format=json or text)',
      tags: ['rehearsal'],
      querystring: { type: 'object', properties: { format: { type: 'string', enum: ['html', 'json', 'text'], default: 'html' } } },
      body: { type: 'object', additionalProperties: false, required: ['runbook'], properties: { runbook: { type: 'string', maxLength: MAX_RUNBOOK_CHARS }, fileName: { type: 'string', maxLength: 200 } } },
      response: { 400: error, 429: error, 503: error },
    },
  }, async (req, reply) => {
    if (!rehearsalRate.take(req.ip)) return tooMany(reply, rehearsalRate.retryAfterS(req.ip), `at most ${MAX_REHEARSALS_PER_MIN} rehearsals a minute from one address`);
    const { runbook, fileName = 'plan.yaml' } = req.body as { runbook: string; fileName?: string };
    const { format } = req.query as { format: 'html' | 'json' | 'text' };
    const answer = await rehearsals.run(req.ip, { runbook, fileName, format });
    if (!answer.ok) {
      return fail(reply, { status: SERVER_ERRORS[answer.code].status, code: answer.code, message: answer.message });
    }
    return reply.type(answer.type).send(answer.body);
  });

  app.get('/api/labs', { schema: { summary: 'Every lab on the server with its grade: the trainer\'s class list (needs the class key)', tags: ['labs'], response: { 404: error } } }, async (req, reply) => {
    if (!labs.isClassKey(presentedToken(req))) return fail(reply, refusal('XTW_ERR_SERVER_NO_CLASS', { value: '' }));
    return labs.list().map((view) => classRow(view));
  });

  app.get('/api/labs/:id', { schema: { summary: 'A lab: clock, peers, faults, objectives and grade', tags: ['labs'], params: labParams, response: { 404: error } } }, async (req, reply) => {
    const auth = authorize(labs, req);
    if (!auth.ok) return fail(reply, auth);
    return { ...labSummary(auth.view, auth.role, labs.storeProblem ?? null), ...(peers ? { interfaces: peers.addresses(auth.view.meta.id) } : {}) };
  });

  app.delete('/api/labs/:id', { schema: { summary: 'End a lab and delete it (trainer)', tags: ['labs'], params: labParams, response: { 204: { type: 'null' }, 403: error, 404: error, 503: error } } }, async (req, reply) => {
    const auth = authorize(labs, req, 'trainer');
    if (!auth.ok) return fail(reply, auth);
    const removed = labs.remove(auth.view.meta.id);
    if (removed && !removed.ok) return fail(reply, removed);
    await peers?.sync();
    reply.code(204);
    return null;
  });

  app.get('/api/labs/:id/peers/:peer', { schema: { summary: 'One peer: its state and admin pages (Clustering, Alarms, Database, Restart)', tags: ['peers'], params: peerParams, response: { 404: error } } }, async (req, reply) => {
    const auth = authorizePeer(labs, req);
    return auth.ok ? peerView(auth.view, auth.peer) : fail(reply, auth);
  });

  app.get('/api/labs/:id/peers/:peer/log', { schema: { summary: 'The last lines of a peer\'s event log, in the product\'s format', tags: ['peers'], params: peerParams, querystring: tailQuery, response: { 404: error } } }, async (req, reply) => {
    const auth = authorizePeer(labs, req);
    if (!auth.ok) return fail(reply, auth);
    const { tail } = req.query as { tail: number };
    return { lines: auth.view.lab.twin.logLines(auth.peer).slice(-tail) };
  });

  app.post('/api/labs/:id/actions', {
    schema: {
      summary: 'Do one operator action (the runbook/Action vocabulary: tshell, page, root, power, restart, upgrade, backup, restore (from: another peer\'s backup), redeploy, dns, wait; fault and heal for the trainer)',
      tags: ['actions'], params: labParams,
      body: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', maxLength: 32 } } },
      response: { 200: body, 400: error, 403: error, 404: error, 422: body, 500: error },
    },
  }, async (req, reply) => {
    const auth = authorize(labs, req);
    if (!auth.ok) return fail(reply, auth);
    const done = labs.act(auth.view.meta.id, auth.role, req.body as Action);
    if (!done.ok) return fail(reply, done);
    if (!done.result.ok) reply.code(422);
    return done.result;
  });

  app.post('/api/labs/:id/clock', {
    schema: {
      summary: 'Run or pause the lab clock, at ×speed (trainer)', tags: ['labs'], params: labParams,
      body: { type: 'object', additionalProperties: false, required: ['running'], properties: { running: { type: 'boolean' }, speed: { type: 'number', minimum: MIN_SPEED, maximum: MAX_SPEED } } },
      response: { 400: error, 403: error, 404: error },
    },
  }, async (req, reply) => {
    const auth = authorize(labs, req, 'trainer');
    if (!auth.ok) return fail(reply, auth);
    const body = req.body as { running: boolean; speed?: number };
    const set = labs.setClock(auth.view.meta.id, body.running, body.speed ?? auth.view.meta.speed);
    return set.ok ? { running: set.meta.running, speed: set.meta.speed, nowMs: auth.view.lab.twin.nowMs } : fail(reply, set);
  });

  app.post('/api/labs/:id/settings', {
    schema: {
      summary: 'Change how the lab shows itself to students (trainer): faultsVisible lets them see the faults in force and the set-up',
      tags: ['labs'], params: labParams,
      body: { type: 'object', additionalProperties: false, required: ['faultsVisible'], properties: { faultsVisible: { type: 'boolean' } } },
      response: { 400: error, 403: error, 404: error },
    },
  }, async (req, reply) => {
    const auth = authorize(labs, req, 'trainer');
    if (!auth.ok) return fail(reply, auth);
    const set = labs.setFaultsVisible(auth.view.meta.id, (req.body as { faultsVisible: boolean }).faultsVisible);
    return set.ok ? { faultsVisible: set.meta.faultsVisible } : fail(reply, set);
  });

  app.get('/api/labs/:id/events', { schema: { summary: 'The most recent trace events (alarms, lifecycle, links, actions)', tags: ['labs'], params: labParams, querystring: tailQuery, response: { 404: error } } }, async (req, reply) => {
    const auth = authorize(labs, req);
    if (!auth.ok) return fail(reply, auth);
    const { tail } = req.query as { tail: number };
    return { events: visibleEvents(auth.role, auth.view.meta, auth.view.lab.twin.events()).slice(-tail) };
  });
}

/** The token from `Authorization: Bearer …`, or `?token=` (websockets and shared links cannot set headers). */
export function presentedToken(req: FastifyRequest): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  const query = req.query as { token?: unknown } | undefined;
  return typeof query?.token === 'string' ? query.token : undefined;
}

type Authorized = { ok: true; view: LabView; role: Role } | Refusal;

export function authorize(labs: LabManager, req: FastifyRequest, need?: Role): Authorized {
  const { id } = req.params as { id: string };
  const auth = labs.authorize(id, presentedToken(req));
  if (!auth.ok) return auth;
  if (need === 'trainer' && auth.role !== 'trainer') return refusal('XTW_ERR_SERVER_TRAINER_ONLY', { value: 'do this' });
  return auth;
}

function authorizePeer(labs: LabManager, req: FastifyRequest): (Authorized & { ok: true; peer: string }) | Refusal {
  const auth = authorize(labs, req);
  if (!auth.ok) return auth;
  const { peer } = req.params as { peer: string };
  const peers = auth.view.lab.twin.peerNames();
  if (!peers.includes(peer)) return refusal('XTW_ERR_SERVER_NO_PEER', { value: peer, peers });
  return { ...auth, peer };
}

function tooMany(reply: FastifyReply, retryAfterS: number, bound: string) {
  void reply.header('retry-after', String(retryAfterS));
  return fail(reply, refusal('XTW_ERR_SERVER_RATE_LIMITED', { value: bound, retryAfterS }));
}

function fail(reply: FastifyReply, r: Pick<Refusal, 'status' | 'code' | 'message'>) {
  reply.code(r.status);
  return { error: { code: r.code, message: r.message } };
}
