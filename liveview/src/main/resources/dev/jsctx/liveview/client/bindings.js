// Turn clicks, submits and changes on bound elements into events for the view (or client commands).
import { ATTR_CHANGE, ATTR_CLICK, ATTR_SUBMIT, ATTR_VALUE_PREFIX } from "./constants.js";
import { isCommands, run } from "./commands.js";
import { bindChanges, disableWhileSubmitting, formValues } from "./forms.js";

/**
 * Listen on the container (one listener per kind, so re-rendered elements need no re-binding) and call
 * `push(element, eventName, payload, beforeRender)` for each bound event; `beforeRender` runs when the reply
 * is in, before the DOM changes. Payload values are strings, or arrays of strings for multi-value fields.
 */
export function bind(container, push) {
  container.addEventListener("click", (e) => {
    const element = bound(container, e.target, ATTR_CLICK);
    if (element) {
      e.preventDefault();
      const value = element.getAttribute(ATTR_CLICK);
      if (isCommands(value)) {
        run(container, element, value, (el, event, payload) => push(el, event, { ...valuesOf(el), ...payload }));
      } else {
        push(element, value, valuesOf(element));
      }
    }
  });
  container.addEventListener("submit", (e) => {
    const form = bound(container, e.target, ATTR_SUBMIT);
    if (form) {
      e.preventDefault();
      push(form, form.getAttribute(ATTR_SUBMIT), { ...formValues(form), ...valuesOf(form) },
        disableWhileSubmitting(form));
    }
  });
  bindChanges(container, (element, payload) => push(element, element.getAttribute(ATTR_CHANGE),
    { ...payload, ...valuesOf(element) }));
}

function bound(container, target, attribute) {
  const element = target instanceof Element ? target.closest(`[${attribute}]`) : null;
  return element && container.contains(element) ? element : null;
}

/** Values from data-jsctx-value-* attributes: data-jsctx-value-amount="5" gives {amount: "5"}. */
export function valuesOf(element) {
  const values = {};
  for (const { name, value } of Array.from(element.attributes)) {
    if (name.startsWith(ATTR_VALUE_PREFIX)) {
      values[name.slice(ATTR_VALUE_PREFIX.length)] = value;
    }
  }
  return values;
}
