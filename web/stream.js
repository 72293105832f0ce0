/**
 * The lab's live event stream (ws /api/labs/:id/stream): batches of trace events as they happen.
 * It reconnects with a growing pause after a dropped connection, but not after the server refused
 * the lab or the token (close codes 4400–4499 other than 4429 "too many watchers").
 */

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 10_000;

/** `onBatch({ nowMs, events, dropped })`; `onState('live' | 'offline' | 'refused', reason)`. */
export function openStream(url, { onBatch, onState }) {
  let socket;
  let timer;
  let closed = false;
  let retryMs = FIRST_RETRY_MS;

  const connect = () => {
    socket = new WebSocket(url);
    socket.onopen = () => {
      retryMs = FIRST_RETRY_MS;
      onState('live');
    };
    socket.onmessage = (message) => {
      let batch;
      try {
        batch = JSON.parse(message.data);
      } catch {
        return;
      }
      if (batch.type === 'events') onBatch(batch);
      else if (batch.type === 'hello') onBatch({ nowMs: batch.nowMs, events: [], dropped: 0 });
    };
    socket.onclose = (event) => {
      if (closed) return;
      const refused = event.code >= 4400 && event.code < 4500 && event.code !== 4429;
      onState(refused ? 'refused' : 'offline', event.reason);
      if (refused) return;
      timer = setTimeout(connect, retryMs);
      retryMs = Math.min(LAST_RETRY_MS, retryMs * 2);
    };
  };
  connect();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      socket?.close();
    },
  };
}

/**
 * Calls `fn` at most once per `intervalMs`: a call inside the interval is held and made once at
 * its end, however many arrived. Used to redraw on stream batches without redrawing on each one.
 */
export function throttle(fn, intervalMs) {
  let last = -Infinity;
  let timer;
  const run = () => {
    timer = undefined;
    last = performance.now();
    fn();
  };
  const call = () => {
    if (timer !== undefined) return;
    const wait = last + intervalMs - performance.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  call.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
