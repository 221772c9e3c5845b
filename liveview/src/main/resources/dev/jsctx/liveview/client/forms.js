// Forms: their values as an event payload, change events as the user types (with debounce or throttle), the
// submit buttons shown busy while a submit is in flight, and the values of forms to recover after a reconnect.
import * as C from "./constants.js";

/**
 * A form's fields as a payload: one string per field; checkbox groups (several checkboxes of one name) and
 * multiple selects as arrays of strings, empty when nothing is chosen. Files are left out.
 */
export function formValues(form) {
  const multi = new Set();
  const checkboxes = new Set();
  for (const field of form.elements) {
    if (field.multiple || (field.type === "checkbox" && checkboxes.has(field.name))) {
      multi.add(field.name);
    }
    if (field.type === "checkbox") {
      checkboxes.add(field.name);
    }
  }
  const values = {};
  multi.forEach((name) => { values[name] = []; });
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") {
      if (multi.has(name)) {
        values[name].push(value);
      } else {
        values[name] = value;
      }
    }
  }
  return values;
}

/** The values of a field outside a form, or of its whole form. */
function changedValues(field) {
  if (field.form) {
    return formValues(field.form);
  }
  if (field.multiple) {
    return { [field.name]: Array.from(field.selectedOptions, (option) => option.value) };
  }
  return { [field.name]: field.type === "checkbox" && !field.checked ? "" : field.value };
}

/**
 * Send `data-jsctx-change` events as the user types: `send(element, payload)` on every `input` event, after
 * `data-jsctx-debounce` ms of quiet (or on `blur`: when the field is left), or at most once every
 * `data-jsctx-throttle` ms (the last change always goes out). The field's own attribute wins over its form's.
 */
export function bindChanges(container, send) {
  const timers = new WeakMap();
  const listener = (e) => {
    const field = e.target;
    const element = field instanceof Element && field.closest(`[${C.ATTR_CHANGE}]`);
    if (!element || !container.contains(element) || !field.name) {
      return;
    }
    const setting = (name) => field.getAttribute(name) ?? element.getAttribute(name);
    const debounce = setting(C.ATTR_DEBOUNCE);
    const throttle = Number(setting(C.ATTR_THROTTLE));
    const fire = () => send(element, { ...changedValues(field), [C.PAYLOAD_TARGET]: field.name });
    const timer = timers.get(field);
    if (e.type === "change") {
      // the field was left or committed: a debounced change waiting for its time goes out now
      if (debounce === "blur" || timer?.debounced) {
        clearTimeout(timer?.id);
        timers.delete(field);
        fire();
      }
      return;
    }
    if (debounce === "blur") {
      return;
    }
    if (Number(debounce) > 0) {
      clearTimeout(timer?.id);
      timers.set(field, { debounced: true, id: setTimeout(() => { timers.delete(field); fire(); }, Number(debounce)) });
    } else if (throttle > 0) {
      if (timer) {
        timer.again = true;
        return;
      }
      fire();
      const next = { again: false };
      const tick = () => {
        if (next.again) {
          next.again = false;
          fire();
          next.id = setTimeout(tick, throttle);
        } else {
          timers.delete(field);
        }
      };
      next.id = setTimeout(tick, throttle);
      timers.set(field, next);
    } else {
      fire();
    }
  };
  container.addEventListener("input", listener);
  container.addEventListener("change", listener);
}

/** Disable a form's `data-jsctx-disable-with` buttons, showing that text; returns what puts them back. */
export function disableWhileSubmitting(form) {
  const restores = Array.from(form.querySelectorAll(`[${C.ATTR_DISABLE_WITH}]`), (button) => {
    const property = button instanceof HTMLInputElement ? "value" : "textContent";
    const [text, disabled] = [button[property], button.disabled];
    button[property] = button.getAttribute(C.ATTR_DISABLE_WITH);
    button.disabled = true;
    return () => {
      button[property] = text;
      button.disabled = disabled;
    };
  });
  return () => restores.forEach((restore) => restore());
}

/** The forms to send again after a reconnect (as Phoenix does): those with an id and a change binding. */
export function formsToRecover(container) {
  return Array.from(container.querySelectorAll(`form[id][${C.ATTR_CHANGE}]`),
    (form) => ({ id: form.id, event: form.getAttribute(C.ATTR_CHANGE), values: formValues(form) }));
}
