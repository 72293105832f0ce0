/**
 * How virtual times, peer states and trace events read in the UI. Wording only; no DOM.
 * The clock format is the server's (`T+hh:mm:ss.mmm`, sim/time.ts), so the header can tick from
 * stream batches between summaries without the two disagreeing.
 */

export function formatClock(atMs) {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  const s = Math.floor(atMs / 1000);
  return `T+${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}.${pad(Math.floor(atMs % 1000), 3)}`;
}

/** "3 min", "45 s" — a duration for people. */
export function formatDuration(ms) {
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}

/** "1 h 4 min", "4 min 10 s", "12 s" — how long something took, rounded to the second. */
export function formatElapsed(ms) {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
}

/** The product's words for lifecycle states, as the latest summary gave them (`stateWords`). */
let stateWords = {};

export function learnStateWords(words) {
  stateWords = words ?? {};
}

export function stateText(state) {
  return stateWords[state] ?? state;
}

export function stateTone(state) {
  if (state === 'running') return 'green';
  if (state === 'poweredOff' || state === 'databaseFailure') return 'red';
  return 'amber';
}

export function databaseTone(status) {
  if (status === 'Active') return 'green';
  return status === 'Not clustered' ? 'none' : 'red';
}

/** Packets, DNS and raw log lines: too many to read, shown only on request. */
export function isChatter(e) {
  return e.source === 'net' || e.source === 'dns' || e.kind === 'log' || e.kind.startsWith('net.') || e.kind.startsWith('dns.');
}

/** Events a trainer watches for: alarms, faults, lifecycle, resets, a link going down, a crash. */
export function isNotableEvent(e) {
  return e.kind.startsWith('alarm.') || e.kind.startsWith('fault.') || e.kind.startsWith('peer.') || e.kind === 'crash' || e.kind === 'cluster.link.down';
}

/** One line for a trace event: what happened, with the data that matters. */
export function describeEvent(e) {
  const d = e.data ?? {};
  switch (e.kind) {
    case 'alarm.raise': return `alarm ${d.id ?? ''} raised (${d.key ?? ''})`;
    case 'alarm.lower':
    case 'alarm.clear': return `alarm ${d.id ?? ''} cleared (${d.key ?? ''})`;
    case 'peer.state': return `${stateText(d.from)} → ${stateText(d.state)}${d.cause ? ` (${d.cause})` : ''}`;
    case 'cluster.link.up': return `link to ${d.peer} up`;
    case 'cluster.link.down': return `link to ${d.peer} down`;
    case 'cluster.link.failed': return `link to ${d.peer} failed${d.reason ? `: ${d.reason}` : ''}`;
    case 'config.change': return `${d.key}: ${JSON.stringify(d.from)} → ${JSON.stringify(d.to)}${d.via ? ` (via ${d.via})` : ''}`;
    case 'fault.inject': return `fault ${d.id} injected: ${d.description ?? d.kind}`;
    case 'fault.heal': return `fault ${d.id} healed (${d.kind})`;
    case 'peer.factory-reset': return d.ok ? `factory reset to ${d.version ?? 'the image'}` : `factory reset failed: ${d.reason ?? ''}`;
    case 'cluster.replicated': return `configuration replicated (generation ${d.generation})`;
    case 'cluster.replication.failed': return `replication failed (${d.alarm})`;
    case 'crash': return `twin crashed: ${d.error}`;
    case 'log': return String(d.line ?? '');
    case 'step': return String(d.text ?? '');
    default: return shortData(d);
  }
}

function shortData(data) {
  const text = Object.entries(data)
    .map(([k, v]) => `${k}=${typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}
