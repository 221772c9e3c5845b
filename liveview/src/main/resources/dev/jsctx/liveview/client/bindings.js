// Turn clicks, submits and changes on bound elements into events for the view.
import { ATTR_CHANGE, ATTR_CLICK, ATTR_SUBMIT, ATTR_VALUE_PREFIX } from "./constants.js";

/**
 * Listen on the container (one listener per kind, so re-rendered elements need no re-binding) and call
 * `push(element, eventName, payload)` for each bound event. Payload values are strings.
 */
export function bind(container, push) {
  container.addEventListener("click", (e) => {
    const element = bound(container, e.target, ATTR_CLICK);
    if (element) {
      e.preventDefault();
      push(element, element.getAttribute(ATTR_CLICK), valuesOf(element));
    }
  });
  container.addEventListener("submit", (e) => {
    const form = bound(container, e.target, ATTR_SUBMIT);
    if (form) {
      e.preventDefault();
      push(form, form.getAttribute(ATTR_SUBMIT), { ...fieldsOf(form), ...valuesOf(form) });
    }
  });
  container.addEventListener("change", (e) => {
    const element = bound(container, e.target, ATTR_CHANGE);
    if (element) {
      const field = e.target;
      const fields = field.form ? fieldsOf(field.form) : { [field.name]: field.value };
      push(element, element.getAttribute(ATTR_CHANGE), { ...fields, ...valuesOf(element) });
    }
  });
}

function bound(container, target, attribute) {
  const element = target instanceof Element ? target.closest(`[${attribute}]`) : null;
  return element && container.contains(element) ? element : null;
}

/** Values from data-jsctx-value-* attributes: data-jsctx-value-amount="5" gives {amount: "5"}. */
function valuesOf(element) {
  const values = {};
  for (const { name, value } of Array.from(element.attributes)) {
    if (name.startsWith(ATTR_VALUE_PREFIX)) {
      values[name.slice(ATTR_VALUE_PREFIX.length)] = value;
    }
  }
  return values;
}

function fieldsOf(form) {
  const fields = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string") {
      fields[name] = value;
    }
  }
  return fields;
}
