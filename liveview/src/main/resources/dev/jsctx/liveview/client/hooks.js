// Client hooks: elements with data-jsctx-hook="Name" get the callbacks of window.jsctxHooks.Name, called with
// `this` an object of their own holding `el`, `pushEvent(event, payload)` and `handleEvent(event, callback)`:
// mounted when the element appears, updated when a render changed it, destroyed when it left, disconnected and
// reconnected with the socket. A failing callback is logged and harms nothing else.
import { ATTR_HOOK } from "./constants.js";

export class Hooks {
  /** `push(element, event, payload)` sends an event and resolves with its reply. */
  constructor(container, push) {
    this.container = container;
    this.push = push;
    this.mounted = new Map();
  }

  /** After every render: mount new hooked elements, tell changed ones, destroy those that left. */
  rendered() {
    const present = new Set(this.container.querySelectorAll(`[${ATTR_HOOK}]`));
    for (const [el, hook] of this.mounted) {
      if (!present.has(el)) {
        this.mounted.delete(el);
        call(hook, "destroyed");
      } else if (hook.html !== el.outerHTML) {
        call(hook, "updated");
      }
    }
    for (const el of present) {
      if (!this.mounted.has(el)) {
        const hook = this.create(el);
        if (hook) {
          this.mounted.set(el, hook);
          call(hook, "mounted");
        }
      }
    }
  }

  /** An event the server pushed: to every hook that handles it. */
  dispatch(event, payload) {
    for (const hook of this.mounted.values()) {
      hook.handlers.get(event)?.forEach((callback) => call(hook, () => callback.call(hook, payload)));
    }
  }

  /** The socket dropped (`disconnected`) or joined again (`reconnected`). */
  connection(callback) {
    this.mounted.forEach((hook) => call(hook, callback));
  }

  create(el) {
    const name = el.getAttribute(ATTR_HOOK);
    const hooks = window.jsctxHooks || {};
    if (!Object.hasOwn(hooks, name)) {
      console.error(`jsctx: no hook ${JSON.stringify(name.slice(0, 64))} in window.jsctxHooks`);
      return null;
    }
    const hook = Object.create(hooks[name]);
    hook.el = el;
    hook.handlers = new Map();
    hook.pushEvent = (event, payload = {}) => this.push(el, event, payload);
    hook.handleEvent = (event, callback) => {
      hook.handlers.set(event, [...(hook.handlers.get(event) || []), callback]);
    };
    return hook;
  }
}

/** Run a callback (by name, or a function) on a hook, then note the element's HTML for `updated`. */
function call(hook, callback) {
  try {
    if (typeof callback === "function") {
      callback();
    } else {
      hook[callback]?.();
    }
  } catch (e) {
    console.error("jsctx: a hook failed", e);
  }
  hook.html = hook.el.outerHTML;
}
