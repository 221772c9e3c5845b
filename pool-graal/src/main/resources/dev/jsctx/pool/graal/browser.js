// The BROWSER surface's globals, installed once per context. Parsed once per engine and shared by every context.
// The four host functions come in as arguments and stay in these closures: scripts cannot reach them; so do the
// pool's timer bounds (BrowserLimits). TextEncoder/TextDecoder and performance are GraalJS's own (js.text-encoding,
// js.performance).
(function (hostSchedule, hostCancel, hostLog, hostRandomBytes, maxPendingTimers, minTimerDelay) {
  "use strict";
  const global = globalThis;

  function define(target, name, value) {
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });
  }

  function domError(name, message) {
    const error = new Error(message);
    error.name = name;
    return error;
  }

  // ---- console: to the context's logger --------------------------------------------------------------------
  function inspect(value) {
    if (typeof value === "string") return value;
    if (value instanceof Error) return value.stack || String(value);
    if (typeof value === "function") return "[Function: " + (value.name || "anonymous") + "]";
    if (typeof value === "symbol" || typeof value === "bigint" || value === undefined) return String(value);
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch (e) {
      return String(value);
    }
  }
  function format(args) {
    return Array.prototype.map.call(args, inspect).join(" ");
  }
  const counts = new Map();
  const console = {
    log(...args) { hostLog("info", format(args)); },
    info(...args) { hostLog("info", format(args)); },
    debug(...args) { hostLog("debug", format(args)); },
    trace(...args) { hostLog("debug", format(args) + "\n" + new Error().stack.split("\n").slice(1).join("\n")); },
    warn(...args) { hostLog("warn", format(args)); },
    error(...args) { hostLog("error", format(args)); },
    assert(condition, ...args) {
      if (!condition) hostLog("error", "Assertion failed" + (args.length ? ": " + format(args) : ""));
    },
    count(label = "default") {
      const n = (counts.get(label) || 0) + 1;
      counts.set(label, n);
      hostLog("info", label + ": " + n);
    },
    countReset(label = "default") { counts.delete(label); },
  };
  define(global, "console", console);

  function report(error) {
    hostLog("error", "Uncaught " + inspect(error));
  }

  // ---- timers and microtasks: tasks of the pool on the context's runtime thread ------------------------------
  let lastTimerId = 0;
  const active = new Set();

  // A delay past 2^31 - 1 ms runs at once, as in browsers (the delay is a signed 32-bit integer there).
  const MAX_DELAY = 2147483647;

  function startTimer(callback, delay, args, repeat) {
    if (typeof callback !== "function") throw new TypeError("The callback must be a function");
    if (active.size >= maxPendingTimers) {
      throw new RangeError("Too many pending timers: a context may have at most " + maxPendingTimers);
    }
    const id = ++lastTimerId;
    const requested = Number(delay) || 0;
    const ms = Math.max(minTimerDelay, requested > MAX_DELAY ? 0 : requested);
    const run = () => {
      if (!active.has(id)) return;
      if (repeat) {
        hostSchedule(id, ms, run);
      } else {
        active.delete(id);
      }
      callback(...args);
    };
    active.add(id);
    hostSchedule(id, ms, run);
    return id;
  }
  function clearTimer(id) {
    if (active.delete(id)) hostCancel(id);
  }
  define(global, "setTimeout", (callback, delay, ...args) => startTimer(callback, delay, args, false));
  define(global, "setInterval", (callback, delay, ...args) => startTimer(callback, delay, args, true));
  define(global, "clearTimeout", clearTimer);
  define(global, "clearInterval", clearTimer);
  define(global, "queueMicrotask", (callback) => {
    if (typeof callback !== "function") throw new TypeError("The callback must be a function");
    Promise.resolve().then(() => {
      try {
        callback();
      } catch (e) {
        report(e);
      }
    });
  });

  // ---- atob / btoa ---------------------------------------------------------------------------------------------
  const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  define(global, "btoa", (data) => {
    const s = String(data);
    let out = "";
    for (let i = 0; i < s.length; i += 3) {
      const a = s.charCodeAt(i), b = s.charCodeAt(i + 1), c = s.charCodeAt(i + 2);
      if (a > 255 || b > 255 || c > 255) {
        throw domError("InvalidCharacterError", "btoa: the string contains characters outside of Latin1");
      }
      const n = (a << 16) | ((b || 0) << 8) | (c || 0);
      out += B64[n >> 18] + B64[(n >> 12) & 63]
        + (i + 1 < s.length ? B64[(n >> 6) & 63] : "=") + (i + 2 < s.length ? B64[n & 63] : "=");
    }
    return out;
  });
  define(global, "atob", (data) => {
    let s = String(data).replace(/[\t\n\f\r ]/g, "");
    if (s.length % 4 === 0) s = s.replace(/==?$/, "");
    if (s.length % 4 === 1 || /[^A-Za-z0-9+/]/.test(s)) {
      throw domError("InvalidCharacterError", "atob: the string is not correctly encoded");
    }
    let out = "", bits = 0, buffer = 0;
    for (let i = 0; i < s.length; i++) {
      buffer = (buffer << 6) | B64.indexOf(s[i]);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        out += String.fromCharCode((buffer >> bits) & 255);
      }
    }
    return out;
  });

  // ---- crypto ----------------------------------------------------------------------------------------------------
  const INTEGER_ARRAYS = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array,
    Uint32Array, globalThis.BigInt64Array, globalThis.BigUint64Array].filter(Boolean);
  function fillRandom(bytes) {
    const random = hostRandomBytes(bytes.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = random[i];
  }
  const crypto = {
    getRandomValues(array) {
      if (!INTEGER_ARRAYS.some((type) => array instanceof type)) {
        throw domError("TypeMismatchError", "getRandomValues: the argument must be an integer typed array");
      }
      if (array.byteLength > 65536) {
        throw domError("QuotaExceededError", "getRandomValues: at most 65536 bytes at a time");
      }
      fillRandom(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      return array;
    },
    randomUUID() {
      const b = new Uint8Array(16);
      fillRandom(b);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
      return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-"
        + hex.slice(20);
    },
  };
  define(global, "crypto", crypto);

  // ---- structuredClone -------------------------------------------------------------------------------------------
  function clone(value, seen) {
    if (value === null || (typeof value !== "object" && typeof value !== "function")) {
      if (typeof value === "symbol") throw domError("DataCloneError", "A symbol could not be cloned");
      return value;
    }
    if (typeof value === "function") throw domError("DataCloneError", "A function could not be cloned");
    if (seen.has(value)) return seen.get(value);
    let copy;
    if (Array.isArray(value)) {
      copy = new Array(value.length);
      seen.set(value, copy);
      for (const key of Object.keys(value)) copy[key] = clone(value[key], seen);
      return copy;
    }
    if (value instanceof Date) copy = new Date(value.getTime());
    else if (value instanceof RegExp) copy = new RegExp(value.source, value.flags);
    else if (value instanceof ArrayBuffer) copy = value.slice(0);
    else if (ArrayBuffer.isView(value)) {
      const buffer = clone(value.buffer, seen);
      copy = value instanceof DataView ? new DataView(buffer, value.byteOffset, value.byteLength)
        : new value.constructor(buffer, value.byteOffset, value.length);
    } else if (value instanceof Map) {
      copy = new Map();
      seen.set(value, copy);
      for (const [k, v] of value) copy.set(clone(k, seen), clone(v, seen));
      return copy;
    } else if (value instanceof Set) {
      copy = new Set();
      seen.set(value, copy);
      for (const v of value) copy.add(clone(v, seen));
      return copy;
    } else if (value instanceof Error) {
      copy = new Error(value.message);
      copy.name = value.name;
      if (value.stack !== undefined) copy.stack = value.stack;
    } else if (value instanceof Boolean || value instanceof Number || value instanceof String) {
      copy = Object(value.valueOf());
    } else if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) {
      throw domError("DataCloneError", Object.prototype.toString.call(value) + " could not be cloned");
    } else {
      copy = {};
      seen.set(value, copy);
      for (const key of Object.keys(value)) copy[key] = clone(value[key], seen);
      return copy;
    }
    seen.set(value, copy);
    return copy;
  }
  define(global, "structuredClone", (value) => clone(value, new Map()));

  // ---- URLSearchParams (application/x-www-form-urlencoded) ---------------------------------------------------
  function formEncode(s) {
    return encodeURIComponent(s).replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase())
      .replace(/%20/g, "+");
  }
  function percentDecode(s) {
    return s.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch (e) {
        return run.replace(/%([0-9A-Fa-f]{2})/g, (m, h) => {
          const code = parseInt(h, 16);
          return code < 0x80 ? String.fromCharCode(code) : "\uFFFD";
        });
      }
    });
  }
  function formDecode(s) {
    return percentDecode(s.replace(/\+/g, " "));
  }
  function parseQuery(query) {
    const list = [];
    for (const part of query.split("&")) {
      if (part === "") continue;
      const eq = part.indexOf("=");
      list.push(eq < 0 ? [formDecode(part), ""] : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))]);
    }
    return list;
  }

  // Inner state in WeakMaps, not in symbol-keyed members (nor #private ones, which need ES2022): a property key
  // made per context, as these Symbols were, grows GraalJS's shape tree, which all contexts of an engine share, by
  // a branch per context; that costs memory and inflates every context's memoryBytes() (pool-graal/README.md).
  const PARAMS = new WeakMap(); // URLSearchParams -> { list: [[name, value]...], owner: URL or null }
  const URLS = new WeakMap(); // URL -> its parts
  function paramsOf(search) {
    const params = PARAMS.get(search);
    if (params === undefined) throw new TypeError("not a URLSearchParams");
    return params;
  }
  function stateOf(url) {
    const state = URLS.get(url);
    if (state === undefined) throw new TypeError("not a URL");
    return state;
  }

  class URLSearchParams {
    constructor(init = "") {
      PARAMS.set(this, { list: [], owner: null });
      if (init instanceof URLSearchParams) {
        paramsOf(this).list = paramsOf(init).list.map(([k, v]) => [k, v]);
      } else if (init !== null && typeof init === "object") {
        if (typeof init[Symbol.iterator] === "function") {
          for (const pair of init) {
            const entry = Array.from(pair);
            if (entry.length !== 2) throw new TypeError("URLSearchParams: each pair must have two items");
            paramsOf(this).list.push([String(entry[0]), String(entry[1])]);
          }
        } else {
          for (const key of Object.keys(init)) paramsOf(this).list.push([key, String(init[key])]);
        }
      } else {
        const s = String(init);
        paramsOf(this).list = parseQuery(s.startsWith("?") ? s.slice(1) : s);
      }
    }
    get size() { return paramsOf(this).list.length; }
    append(name, value) { paramsOf(this).list.push([String(name), String(value)]); notifyOwner(this); }
    delete(name, value) {
      name = String(name);
      const params = paramsOf(this);
      params.list = params.list.filter(([k, v]) => k !== name || (value !== undefined && v !== String(value)));
      notifyOwner(this);
    }
    get(name) {
      const found = paramsOf(this).list.find(([k]) => k === String(name));
      return found ? found[1] : null;
    }
    getAll(name) { return paramsOf(this).list.filter(([k]) => k === String(name)).map(([, v]) => v); }
    has(name, value) {
      return paramsOf(this).list.some(([k, v]) => k === String(name) && (value === undefined || v === String(value)));
    }
    set(name, value) {
      name = String(name);
      const index = paramsOf(this).list.findIndex(([k]) => k === name);
      if (index < 0) {
        paramsOf(this).list.push([name, String(value)]);
      } else {
        paramsOf(this).list[index][1] = String(value);
        paramsOf(this).list = paramsOf(this).list.filter(([k], i) => k !== name || i === index);
      }
      notifyOwner(this);
    }
    sort() {
      paramsOf(this).list = paramsOf(this).list.map((entry, i) => [entry, i])
        .sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1])).map(([entry]) => entry);
      notifyOwner(this);
    }
    forEach(callback, thisArg) {
      for (const [k, v] of paramsOf(this).list) callback.call(thisArg, v, k, this);
    }
    *entries() { for (const [k, v] of paramsOf(this).list) yield [k, v]; }
    *keys() { for (const [k] of paramsOf(this).list) yield k; }
    *values() { for (const [, v] of paramsOf(this).list) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    toString() { return paramsOf(this).list.map(([k, v]) => formEncode(k) + "=" + formEncode(v)).join("&"); }
    get [Symbol.toStringTag]() { return "URLSearchParams"; }
  }
  function notifyOwner(search) {
    const url = paramsOf(search).owner;
    if (url) setQuery(url, search.toString());
  }

  // ---- URL (WHATWG-style for special schemes; no IDNA: hosts must be ASCII or are percent-escaped) ------------
  const DEFAULT_PORTS = { "http:": "80", "https:": "443", "ws:": "80", "wss:": "443", "ftp:": "21", "file:": "" };
  const isSpecial = (protocol) => Object.prototype.hasOwnProperty.call(DEFAULT_PORTS, protocol);

  function encodeSet(s, extra) {
    let out = "";
    for (const ch of s) {
      const code = ch.codePointAt(0);
      if (code <= 0x20 || code >= 0x7f || extra.includes(ch)) {
        out += code > 0x20 && code < 0x7f ? "%" + code.toString(16).toUpperCase()
          : encodeURIComponent(ch).replace(/%20/g, "%20");
      } else {
        out += ch;
      }
    }
    return out;
  }
  const PATH_ENCODE = "\"#<>?`{}";
  const QUERY_ENCODE = "\"#<>";
  const SPECIAL_QUERY_ENCODE = "\"#<>'";
  const FRAGMENT_ENCODE = "\"<>`";
  const USERINFO_ENCODE = "\"#<>?`{}/:;=@[\\]^|";

  function normalizePath(path, special) {
    if (special) path = path.replace(/\\/g, "/");
    const segments = path.split("/");
    const out = [];
    for (let i = 1; i < segments.length; i++) {
      const segment = segments[i];
      const lower = segment.toLowerCase();
      const last = i === segments.length - 1;
      if (segment === ".." || lower === "%2e%2e" || lower === ".%2e" || lower === "%2e.") {
        out.pop();
        if (last) out.push("");
      } else if (segment === "." || lower === "%2e") {
        if (last) out.push("");
      } else {
        out.push(encodeSet(segment, PATH_ENCODE));
      }
    }
    return "/" + out.join("/");
  }

  function parseHost(host, special) {
    if (host.startsWith("[")) {
      if (!/^\[[0-9A-Fa-f:.]+\]$/.test(host)) throw new TypeError("Invalid URL: bad IPv6 host " + host);
      return host.toLowerCase();
    }
    const decoded = percentDecode(host);
    if (special) {
      if (decoded === "" || /[\u0000-\u0020#%/:<>?@[\\\]^|]/.test(decoded)) {
        throw new TypeError("Invalid URL: bad host '" + host + "'");
      }
      if (/[^\x00-\x7f]/.test(decoded)) {
        throw new TypeError("Invalid URL: internationalized host names are not supported: " + host);
      }
      return decoded.toLowerCase();
    }
    return encodeSet(host, "");
  }

  const URL_RE = /^([A-Za-z][A-Za-z0-9+.-]*):([\s\S]*)$/;
  const AUTHORITY_RE = /^(?:([^@]*)@)?(\[[^\]]*\]|[^:]*)(?::(\d*))?$/;

  function parseAbsolute(url, protocol, rest, base) {
    const state = stateOf(url);
    state.protocol = protocol;
    const special = isSpecial(protocol);
    if (special && base !== undefined && !/^[/\\]/.test(rest)) {
      const baseUrl = base instanceof URL ? base : new URL(base);
      if (baseUrl.protocol === protocol) {
        resolve(url, rest, baseUrl);
        return;
      }
    }
    let remaining = takeFragmentAndQuery(url, rest, special);
    if (special ? /^[/\\]{2}/.test(remaining) || protocol !== "file:" : remaining.startsWith("//")) {
      remaining = remaining.replace(protocol === "file:" ? /^[/\\]{2}/ : special ? /^[/\\]*/ : /^\/\//, "");
      const end = remaining.search(special ? /[/\\]/ : /\//);
      setAuthority(url, end < 0 ? remaining : remaining.slice(0, end), special);
      remaining = end < 0 ? "" : remaining.slice(end);
      state.pathname = special || remaining ? normalizePath(remaining || "/", special) : "";
    } else {
      state.pathname = remaining.startsWith("/") ? normalizePath(remaining, special)
        : encodeSet(remaining, "");
    }
  }
  function takeFragmentAndQuery(url, rest, special) {
    const state = stateOf(url);
    const hash = rest.indexOf("#");
    if (hash >= 0) {
      state.fragment = encodeSet(rest.slice(hash + 1), FRAGMENT_ENCODE);
      rest = rest.slice(0, hash);
    }
    const question = rest.indexOf("?");
    if (question >= 0) {
      state.query = encodeSet(rest.slice(question + 1), special ? SPECIAL_QUERY_ENCODE : QUERY_ENCODE);
      rest = rest.slice(0, question);
      state.hasQuery = true;
    }
    return rest;
  }
  function setAuthority(url, authority, special) {
    const state = stateOf(url);
    const match = AUTHORITY_RE.exec(authority);
    if (!match) throw new TypeError("Invalid URL: bad authority '" + authority + "'");
    state.hasAuthority = true;
    if (match[1] !== undefined) {
      const colon = match[1].indexOf(":");
      state.username = encodeSet(colon < 0 ? match[1] : match[1].slice(0, colon), USERINFO_ENCODE);
      state.password = colon < 0 ? "" : encodeSet(match[1].slice(colon + 1), USERINFO_ENCODE);
    }
    const noHost = match[2] === "" && (!special || state.protocol === "file:");
    state.hostname = noHost ? "" : parseHost(match[2], special);
    const port = match[3] === undefined || match[3] === "" ? "" : String(Number(match[3]));
    if (port !== "" && Number(port) > 65535) throw new TypeError("Invalid URL: port out of range " + port);
    state.port = port === DEFAULT_PORTS[state.protocol] ? "" : port;
  }
  function resolve(url, input, base) {
    const state = stateOf(url);
    const from = stateOf(base);
    const special = isSpecial(base.protocol);
    state.protocol = base.protocol;
    if (special ? /^[/\\]{2}/.test(input) : input.startsWith("//")) {
      parseAbsolute(url, base.protocol, input, undefined);
      return;
    }
    const rest = takeFragmentAndQuery(url, input, special);
    state.username = from.username;
    state.password = from.password;
    state.hostname = from.hostname;
    state.port = from.port;
    state.hasAuthority = from.hasAuthority;
    if (rest === "") {
      state.pathname = from.pathname;
      if (!state.hasQuery) {
        state.query = from.query;
        state.hasQuery = from.hasQuery;
      }
    } else if (/^[/\\]/.test(rest) && (special || rest.startsWith("/"))) {
      state.pathname = normalizePath(rest, special);
    } else {
      if (!from.pathname.startsWith("/")) {
        throw new TypeError("Invalid URL: cannot resolve against " + base.href);
      }
      const dir = from.pathname.slice(0, from.pathname.lastIndexOf("/") + 1);
      state.pathname = normalizePath(dir + rest, special);
    }
  }
  function setQuery(url, query) {
    const state = stateOf(url);
    state.query = query;
    state.hasQuery = query !== "";
  }

  class URL {

    constructor(url, base) {
      URLS.set(this, { protocol: "", username: "", password: "", hostname: "", port: "", pathname: "", query: "",
        fragment: "", hasQuery: false, hasAuthority: false, params: null });
      const input = String(url).replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "").replace(/[\t\n\r]/g, "");
      const match = URL_RE.exec(input);
      if (match) {
        parseAbsolute(this, match[1].toLowerCase() + ":", match[2], base);
      } else if (base !== undefined) {
        const baseUrl = base instanceof URL ? base : new URL(base);
        resolve(this, input, baseUrl);
      } else {
        throw new TypeError("Invalid URL: " + input);
      }
    }

    static canParse(url, base) {
      try {
        new URL(url, base);
        return true;
      } catch (e) {
        return false;
      }
    }





    get href() {
      const authority = stateOf(this).hasAuthority
        ? "//" + (stateOf(this).username || stateOf(this).password
          ? stateOf(this).username + (stateOf(this).password ? ":" + stateOf(this).password : "") + "@" : "")
          + stateOf(this).hostname + (stateOf(this).port ? ":" + stateOf(this).port : "")
        : "";
      return stateOf(this).protocol + authority + stateOf(this).pathname + this.search + this.hash;
    }
    set href(value) {
      const next = new URL(value);
      for (const key of ["protocol", "username", "password", "hostname", "port", "pathname", "search", "hash"]) {
        this[key] = next[key];
      }
    }
    get origin() {
      const protocol = stateOf(this).protocol;
      return isSpecial(protocol) && protocol !== "file:" ? protocol + "//" + this.host : "null";
    }
    get protocol() { return stateOf(this).protocol; }
    set protocol(value) {
      const protocol = String(value).replace(/:[\s\S]*$/, "").toLowerCase() + ":";
      if (/^[a-z][a-z0-9+.-]*:$/.test(protocol) && isSpecial(protocol) === isSpecial(stateOf(this).protocol)) {
        stateOf(this).protocol = protocol;
        if (stateOf(this).port === DEFAULT_PORTS[protocol]) stateOf(this).port = "";
      }
    }
    get username() { return stateOf(this).username; }
    set username(value) {
      const state = stateOf(this);
      if (state.hostname) state.username = encodeSet(String(value), USERINFO_ENCODE);
    }
    get password() { return stateOf(this).password; }
    set password(value) {
      const state = stateOf(this);
      if (state.hostname) state.password = encodeSet(String(value), USERINFO_ENCODE);
    }
    get host() { return stateOf(this).hostname + (stateOf(this).port ? ":" + stateOf(this).port : ""); }
    set host(value) {
      const match = /^(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?/.exec(String(value));
      if (match && match[1]) {
        this.hostname = match[1];
        if (match[2] !== undefined) this.port = match[2];
      }
    }
    get hostname() { return stateOf(this).hostname; }
    set hostname(value) {
      try {
        stateOf(this).hostname = parseHost(String(value), isSpecial(stateOf(this).protocol));
      } catch (e) {
        // Like a browser, an invalid host leaves the URL unchanged.
      }
    }
    get port() { return stateOf(this).port; }
    set port(value) {
      const digits = /^\d*/.exec(String(value))[0];
      if (digits === "" && String(value) !== "") return;
      const port = digits === "" ? "" : String(Number(digits));
      if (port !== "" && Number(port) > 65535) return;
      stateOf(this).port = port === DEFAULT_PORTS[stateOf(this).protocol] ? "" : port;
    }
    get pathname() { return stateOf(this).pathname; }
    set pathname(value) {
      const path = String(value);
      const state = stateOf(this);
      state.pathname = normalizePath(path.startsWith("/") ? path : "/" + path, isSpecial(state.protocol));
    }
    get search() { return stateOf(this).hasQuery && stateOf(this).query !== "" ? "?" + stateOf(this).query : ""; }
    set search(value) {
      const query = String(value).replace(/^\?/, "");
      stateOf(this).query = encodeSet(query, isSpecial(stateOf(this).protocol) ? SPECIAL_QUERY_ENCODE : QUERY_ENCODE);
      stateOf(this).hasQuery = query !== "";
      if (stateOf(this).params) paramsOf(stateOf(this).params).list = parseQuery(stateOf(this).query);
    }
    get searchParams() {
      if (!stateOf(this).params) {
        stateOf(this).params = new URLSearchParams(stateOf(this).query);
        paramsOf(stateOf(this).params).owner = this;
      }
      return stateOf(this).params;
    }
    get hash() { return stateOf(this).fragment !== "" ? "#" + stateOf(this).fragment : ""; }
    set hash(value) { stateOf(this).fragment = encodeSet(String(value).replace(/^#/, ""), FRAGMENT_ENCODE); }
    toString() { return this.href; }
    toJSON() { return this.href; }
    get [Symbol.toStringTag]() { return "URL"; }
  }

  define(global, "URLSearchParams", URLSearchParams);
  define(global, "URL", URL);
});
