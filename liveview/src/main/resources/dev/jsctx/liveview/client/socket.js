// One WebSocket per view container: join, requests with refs, heartbeats, and reconnect with backoff.
import * as C from "./constants.js";

const RECONNECT_DELAYS = C.RECONNECT_DELAYS_MS.split(",").map(Number);

/** A delay randomised by up to half of itself, so tabs dropped together do not come back together. */
function jittered(ms) {
  return ms + Math.random() * ms / 2;
}

/** Reload the page for a fresh token, after a random wait: a restarted server gets no herd of reloads. */
function reloadSoon() {
  setTimeout(() => location.reload(), Math.random() * C.RELOAD_JITTER_MS);
}

/**
 * Connects a view and keeps it connected. Callbacks:
 * onJoined(rendered) after each (re)join, onDiff(diff) for server pushes, onPush(event, payload) for events
 * pushed to hooks, onStatus(statusClass) on changes, onError(reason) for errors that belong to no request,
 * onPatch(uri) and onNavigate(uri) when the view asks for them (a redirect is done here: the page goes).
 */
export class ViewSocket {
  constructor(token, heartbeatMs, callbacks) {
    this.token = token;
    this.heartbeatMs = heartbeatMs;
    this.callbacks = callbacks;
    this.ref = 0;
    this.pending = new Map();
    this.attempt = 0;
    this.ws = null;
    this.timer = null;
    this.joinedOnce = false;
    this.refusedRetries = 0;
  }

  connect() {
    this.callbacks.onStatus(C.CLASS_LOADING);
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const ws = new WebSocket(`${scheme}//${location.host}${C.WS_PATH}`);
    this.ws = ws;
    ws.onopen = () => this.join();
    ws.onmessage = (e) => this.receive(JSON.parse(e.data));
    ws.onclose = (e) => this.closed(e.code);
  }

  /** Send an event; resolves with the reply ({status, diff} or {status, reason}). */
  push(event, payload) {
    return this.request({ [C.KEY_TYPE]: C.TYPE_EVENT, [C.KEY_EVENT]: event, [C.KEY_PAYLOAD]: payload });
  }

  /** Show another URI of the view; resolves with the reply ({status, diff, uri, token} or {status, reason}). */
  patch(uri) {
    return this.request({ [C.KEY_TYPE]: C.TYPE_PATCH, [C.KEY_URI]: uri }).then((reply) => this.keepToken(reply));
  }

  /** Replace the view with the view of a URI; resolves with the reply (as a join's, or {status, reason}). */
  navigate(uri) {
    return this.request({ [C.KEY_TYPE]: C.TYPE_NAVIGATE, [C.KEY_URI]: uri }).then((reply) => this.keepToken(reply));
  }

  /** The token for the page shown now, so a rejoin shows it too. */
  keepToken(reply) {
    if (reply[C.KEY_TOKEN]) {
      this.token = reply[C.KEY_TOKEN];
    }
    return reply;
  }

  join() {
    this.request({ [C.KEY_TYPE]: C.TYPE_JOIN, [C.KEY_TOKEN]: this.token, [C.KEY_VERSION]: C.PROTOCOL_VERSION })
      .then((reply) => {
        if (reply[C.KEY_STATUS] !== C.STATUS_OK) {
          return;
        }
        this.token = reply[C.KEY_TOKEN];
        this.joinedOnce = true;
        this.attempt = 0;
        this.refusedRetries = 0;
        this.startHeartbeat();
        this.callbacks.onStatus(C.CLASS_CONNECTED);
        this.callbacks.onJoined(reply[C.KEY_RENDERED]);
      }, () => {});
  }

  request(message) {
    const ref = String(++this.ref);
    return new Promise((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        reject(new Error("not connected"));
        return;
      }
      this.pending.set(ref, { resolve, reject });
      this.ws.send(JSON.stringify({ ...message, [C.KEY_REF]: ref }));
    });
  }

  receive(message) {
    switch (message[C.KEY_TYPE]) {
      case C.TYPE_REPLY: {
        const waiting = this.pending.get(message[C.KEY_REF]);
        this.pending.delete(message[C.KEY_REF]);
        if (waiting) {
          waiting.resolve(message);
        }
        break;
      }
      case C.TYPE_DIFF:
        this.callbacks.onDiff(message[C.KEY_DIFF]);
        break;
      case C.TYPE_PUSH:
        this.callbacks.onPush(message[C.KEY_EVENT], message[C.KEY_PAYLOAD]);
        break;
      case C.TYPE_ERROR:
        this.callbacks.onError(message[C.KEY_REASON]);
        break;
      case C.TYPE_PATCH:
        this.keepToken(message);
        this.callbacks.onPatch(message[C.KEY_URI]);
        break;
      case C.TYPE_NAVIGATE:
        this.callbacks.onNavigate(message[C.KEY_URI]);
        break;
      case C.TYPE_REDIRECT:
        location.assign(message[C.KEY_URI]);
        break;
      default:
        console.warn("jsctx: unknown message", message);
    }
  }

  /** Ping every interval; a heartbeat still unanswered at the next tick means the connection is dead. */
  startHeartbeat() {
    clearInterval(this.timer);
    let waiting = false;
    this.timer = setInterval(() => {
      if (waiting) {
        this.ws.close();
        return;
      }
      waiting = true;
      this.request({ [C.KEY_TYPE]: C.TYPE_HEARTBEAT }).then(() => { waiting = false; }, () => {});
    }, this.heartbeatMs);
  }

  closed(code) {
    clearInterval(this.timer);
    this.pending.forEach(({ reject }) => reject(new Error(`connection closed (${code})`)));
    this.pending.clear();
    switch (code) {
      case C.CLOSE_TOKEN_EXPIRED:
      case C.CLOSE_VERSION_MISMATCH:
        this.callbacks.onStatus(C.CLASS_DISCONNECTED);
        reloadSoon();
        return;
      case C.CLOSE_TOKEN_INVALID:
        if (this.joinedOnce) {
          // A token that joined before is refused now: the server restarted with a new secret. The page has a
          // fresh one. (A page whose first token is refused stays in the error state: no reload loop.)
          this.callbacks.onStatus(C.CLASS_DISCONNECTED);
          reloadSoon();
          return;
        }
        console.error(`jsctx: the view cannot join (${code})`);
        this.callbacks.onStatus(C.CLASS_ERROR);
        return;
      case C.CLOSE_NO_ROUTE:
      case C.CLOSE_RESUMED_ELSEWHERE:
        console.error(`jsctx: the view cannot join (${code})`);
        this.callbacks.onStatus(C.CLASS_ERROR);
        return;
      case C.CLOSE_VIEW_FAILED:
      case C.CLOSE_TOO_MANY:
      case C.CLOSE_POLICY_VIOLATION:
        // refused: retry a few times, ever more slowly, then stay in the error state
        this.callbacks.onStatus(C.CLASS_ERROR);
        if (++this.refusedRetries > C.MAX_REFUSED_RETRIES) {
          console.error(`jsctx: the view was refused ${this.refusedRetries} times (${code}); giving up`);
          return;
        }
        this.attempt = Math.max(this.attempt, RECONNECT_DELAYS.length - 4 + this.refusedRetries);
        break;
      case C.CLOSE_TOO_BIG:
      case C.CLOSE_UNSUPPORTED_DATA:
      case C.CLOSE_PROTOCOL_ERROR:
        this.callbacks.onStatus(C.CLASS_ERROR);
        break;
      default:
        this.callbacks.onStatus(C.CLASS_DISCONNECTED);
    }
    const delay = RECONNECT_DELAYS[Math.min(this.attempt, RECONNECT_DELAYS.length - 1)];
    this.attempt++;
    setTimeout(() => this.connect(), jittered(delay * Math.max(1, this.refusedRetries)));
  }
}
