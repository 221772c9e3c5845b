// Loaded into every playground context before the tab's code: the tab's capabilities, over the host object.
// console.* goes to the tab's page (host.send), kv.* to its key-value store, serverTime() to the server's clock.
// A tab may replace or break any of these; that changes only its own context.
(function () {
  const send = host.send;
  const callSync = host.callSync;
  function text(value) {
    if (typeof value === "string") return value;
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : json;
    } catch (e) {
      return String(value);
    }
  }
  function printer(level) {
    return function (...args) {
      send({ level: level, text: args.map(text).join(" ") });
    };
  }
  globalThis.console = Object.freeze({
    log: printer("log"), info: printer("info"), warn: printer("warn"), error: printer("error"), debug: printer("debug"),
  });
  globalThis.kv = Object.freeze({
    get: (key) => callSync("kv.get", key),
    set: (key, value) => callSync("kv.set", key, value === undefined ? null : value),
  });
  globalThis.serverTime = () => callSync("time");
})();
