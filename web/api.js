/**
 * The lab server's REST API as functions. The token goes in `Authorization: Bearer …`; a refusal
 * (`{ error: { code, message } }`, or an action the product refused with its words and output)
 * becomes an ApiError carrying the code, the message verbatim and any output lines.
 */

export class ApiError extends Error {
  constructor(status, code, message, output = []) {
    super(message);
    this.status = status;
    this.code = code;
    this.output = output;
  }
}

/** The API for one token (none for the start page: the catalog and new labs need no token). */
export function createApi(token) {
  const lab = (id) => `/api/labs/${encodeURIComponent(id)}`;
  const peer = (id, name) => `${lab(id)}/peers/${encodeURIComponent(name)}`;
  const request = (method, path, body) => send(method, path, body, token);
  return {
    catalog: () => request('GET', '/api/catalog'),
    /** `{ catalog: name }` or `{ runbook: text, fileName }`; answers id, title, links */
    createLab: (body) => request('POST', '/api/labs', body),
    /** every lab on the server, for the class key */
    classList: () => request('GET', '/api/labs'),
    summary: (id) => request('GET', lab(id)),
    peer: (id, name) => request('GET', peer(id, name)),
    log: (id, name, tail = 200) => request('GET', `${peer(id, name)}/log?tail=${tail}`),
    events: (id, tail = 100) => request('GET', `${lab(id)}/events?tail=${tail}`),
    /** one operator action (src/operator/actionTypes.ts); resolves to `{ ok: true, output }` */
    act: (id, action) => request('POST', `${lab(id)}/actions`, action),
    clock: (id, running, speed) => request('POST', `${lab(id)}/clock`, { running, speed }),
    /** the trainer's lab settings: `{ faultsVisible }` */
    settings: (id, settings) => request('POST', `${lab(id)}/settings`, settings),
  };
}

/** `ws://host/path?token=…` — browsers cannot set headers on a websocket, so the token rides in the query. */
export function wsUrl(path, params) {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${path}?${new URLSearchParams(params)}`;
}

async function send(method, path, body, token) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `cannot reach the lab server (${e.message})`);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): the status line says enough.
  }
  if (!response.ok) {
    const error = data?.error;
    throw new ApiError(response.status, error?.code ?? `HTTP ${response.status}`, error?.message ?? (text || response.statusText), data?.output ?? []);
  }
  return data;
}
