/**
 * The lab server's error catalog (STYLE R7): every refusal the server answers, with its HTTP status
 * and message template in one table. An answer is `{ error: { code, message } }` with that status.
 * Templates name the offending value; `{value}` and the other names are filled by `refusal`.
 */
export const SERVER_ERRORS = {
  XTW_ERR_SERVER_BAD_REQUEST: { status: 400, template: '{value}' },
  XTW_ERR_SERVER_BAD_RUNBOOK: { status: 400, template: '{value}' },
  XTW_ERR_SERVER_RUNBOOK_TOO_BIG: { status: 400, template: '{file}: {value}' },
  XTW_ERR_SERVER_NO_SUCH_LAB: { status: 400, template: "no lab '{value}' in the catalog; known: {known}" },
  XTW_ERR_SERVER_BAD_SPEED: { status: 400, template: 'speed {value} is out of range; expected {min} to {max}' },
  XTW_ERR_SERVER_WAIT_TOO_LONG: { status: 400, template: 'a lab skips at most {hours} h at a time; got {value} ms' },
  XTW_ERR_SERVER_NEEDS_CLASS_KEY: { status: 401, template: "starting a lab needs the class key that xtwin serve prints (or a trainer's lab token), as Authorization: Bearer <key>{value}" },
  XTW_ERR_SERVER_TRAINER_ONLY: { status: 403, template: 'only the trainer may {value}' },
  XTW_ERR_SERVER_NO_LAB: { status: 404, template: "no lab '{value}' for this token" },
  XTW_ERR_SERVER_NO_CLASS: { status: 404, template: 'the class list needs the class key that xtwin serve prints{value}' },
  XTW_ERR_SERVER_NO_PEER: { status: 404, template: "no peer '{value}' in this lab; peers: {peers}" },
  XTW_ERR_SERVER_NOT_FOUND: { status: 404, template: 'no route {value}' },
  XTW_ERR_SERVER_LOG_FULL: { status: 409, template: "lab '{value}' has {max} logged actions; start a new lab" },
  XTW_ERR_SERVER_TOO_LARGE: { status: 413, template: '{value}' },
  XTW_ERR_SERVER_RATE_LIMITED: { status: 429, template: 'too many requests: {value}; try again in {retryAfterS} s' },
  XTW_ERR_SERVER_BUSY: { status: 429, template: '{value}' },
  XTW_ERR_SERVER_INTERNAL: { status: 500, template: 'internal error; {value}' },
  XTW_ERR_SERVER_TOO_MANY_LABS: { status: 503, template: 'this server already holds {value} labs; delete one first' },
  XTW_ERR_SERVER_STORE_UNWRITABLE: { status: 503, template: '{value}; changes are refused until it can, the lab is unchanged and can still be viewed' },
  XTW_ERR_SERVER_REHEARSAL_TIMEOUT: { status: 503, template: 'the rehearsal ran longer than {value} s and was stopped' },
  XTW_ERR_SERVER_RESTORING: { status: 503, template: "lab '{value}' is being restored after the server's restart; try again in a moment" },
  /** Not an HTTP answer: `xtwin serve` says it and exits 2. */
  XTW_ERR_SERVER_STORE_OPEN: { status: 500, template: '{value}' },
  /** Not an HTTP answer either: the peers' HTTPS certificate and key cannot serve TLS (`xtwin serve` exits 2). */
  XTW_ERR_SERVER_TLS_IDENTITY: { status: 500, template: '{value}' },
} as const satisfies Record<`XTW_ERR_SERVER_${string}`, { status: number; template: string }>;

export type ServerErrorCode = keyof typeof SERVER_ERRORS;

/** A refusal: one of the server's codes, or a lower layer's catalog code passed through with its words. */
export type Refusal = { readonly ok: false; readonly status: number; readonly code: ServerErrorCode | `XTW_ERR_${string}`; readonly message: string };

/** The refusal `code` with its template filled from `params` and its status from the catalog. */
export function refusal(code: ServerErrorCode, params: { value: unknown } & Record<string, unknown>): Refusal & { readonly code: ServerErrorCode } {
  const { status, template } = SERVER_ERRORS[code];
  return { ok: false, status, code, message: template.replace(/\{(\w+)\}/g, (_, key: string) => show(params[key])) };
}

/** Whether `code` is one of the server's codes (a rehearsal worker answers codes as plain strings). */
export function isServerCode(code: string): code is ServerErrorCode {
  return Object.hasOwn(SERVER_ERRORS, code);
}

function show(v: unknown): string {
  if (Array.isArray(v)) return v.map(show).join(', ');
  return v === undefined ? '' : String(v);
}
