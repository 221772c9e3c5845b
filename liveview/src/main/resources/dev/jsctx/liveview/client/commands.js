// Client commands, in the manner of Phoenix.LiveView.JS: a binding whose value is a JSON array of
// [name, {args}] runs them in the browser with no round trip, e.g.
// [["toggle_class", {"to": "#menu", "names": "open"}], ["push", {"event": "opened"}]].
// Only the commands below exist and nothing is evaluated; selectors, class and event names are checked, and
// targets are looked up inside the view. What a command changes sticks: later renders keep it.
const MAX_SELECTOR = 200;
const NAME = /^[A-Za-z_][\w:.-]{0,63}$/;
const MAX_DEPTH = 4;
let depth = 0;

const COMMANDS = {
  show: (targets, args) => targets.forEach((el) => stick(el, "display", args.display || "block")),
  hide: (targets) => targets.forEach((el) => stick(el, "display", "none")),
  toggle: (targets, args) => targets.forEach((el) =>
    stick(el, "display", getComputedStyle(el).display === "none" ? args.display || "block" : "none")),
  add_class: (targets, args) => classes(targets, args, () => true),
  remove_class: (targets, args) => classes(targets, args, () => false),
  toggle_class: (targets, args) => classes(targets, args, (el, name) => !el.classList.contains(name)),
  dispatch: (targets, args) => {
    const event = checked(args.event, NAME, "event name");
    targets.forEach((el) => el.dispatchEvent(new CustomEvent(event, { bubbles: true, detail: args.detail })));
  },
  push: (targets, args, element, push) => push(element, checked(args.event, NAME, "event name"), args.value || {}),
};

/** Whether a binding's value is a command list rather than an event name. */
export function isCommands(value) {
  return value.trimStart().startsWith("[");
}

/**
 * Run the commands of `element`'s binding value `value`; `push(element, event, payload)` sends an event.
 * A bad command list logs an error and runs nothing after the bad command.
 */
export function run(container, element, value, push) {
  if (depth >= MAX_DEPTH) {
    console.error("jsctx: commands dispatch events that run commands, too deep; stopped");
    return;
  }
  depth++;
  try {
    const commands = JSON.parse(value);
    if (!Array.isArray(commands)) {
      throw new Error("a command list must be a JSON array");
    }
    for (const command of commands) {
      const [name, args = {}] = Array.isArray(command) ? command : [];
      if (!Object.hasOwn(COMMANDS, name) || typeof args !== "object" || args === null) {
        throw new Error(`unknown command ${JSON.stringify(command).slice(0, 64)}`);
      }
      COMMANDS[name](targets(container, element, args.to), args, element, push);
    }
  } catch (e) {
    console.error(`jsctx: ${e.message}`);
  } finally {
    depth--;
  }
}

/** Apply again what commands changed on `el`, after a render set its attributes to the server's. */
export function reapply(el) {
  const sticky = el.jsctxSticky;
  if (sticky) {
    if (sticky.display !== undefined) {
      el.style.display = sticky.display;
    }
    for (const [name, on] of sticky.classes) {
      el.classList.toggle(name, on);
    }
  }
}

function targets(container, element, selector) {
  if (selector === undefined) {
    return [element];
  }
  if (typeof selector !== "string" || selector.length > MAX_SELECTOR) {
    throw new Error("a command's \"to\" must be a CSS selector of at most 200 characters");
  }
  try {
    return Array.from(container.querySelectorAll(selector));
  } catch {
    throw new Error(`not a CSS selector: ${JSON.stringify(selector.slice(0, 64))}`);
  }
}

function classes(targets, args, on) {
  const names = String(args.names || "").split(/\s+/).filter(Boolean);
  names.forEach((name) => checked(name, NAME, "class name"));
  targets.forEach((el) => names.forEach((name) => stickClass(el, name, on(el, name))));
}

function checked(value, pattern, what) {
  if (typeof value !== "string" || !pattern.test(value)) {
    throw new Error(`bad ${what}: ${JSON.stringify(value)?.slice(0, 64)}`);
  }
  return value;
}

function state(el) {
  return (el.jsctxSticky ||= { display: undefined, classes: new Map() });
}

function stick(el, property, value) {
  state(el)[property] = value;
  reapply(el);
}

function stickClass(el, name, on) {
  state(el).classes.set(name, on);
  reapply(el);
}
