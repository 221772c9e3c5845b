// A small DOM morph: make an element's children match new HTML while keeping the nodes that stay, so focus,
// caret, scroll positions and what the user typed survive an update. Children are matched by id when they have
// one (so keyed list items move instead of being rewritten) and by position otherwise; a node of another kind
// is replaced. A form field keeps what the user typed unless the render changed that field's value, and the
// focused field keeps it always; a data-jsctx-ignore element is left as it is.
import { ATTR_IGNORE } from "./constants.js";
import { reapply } from "./commands.js";

/** Update the children of `element` to match `html`. */
export function morphInner(element, html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const focused = document.activeElement;
  const selection = focused && saveSelection(focused);
  morphChildren(element, template.content);
  if (focused && focused !== document.activeElement && focused.isConnected) {
    // a keyed item moved with the focused field inside: moving a node drops its focus
    focused.focus({ preventScroll: true });
    selection?.();
  }
}

function saveSelection(field) {
  try {
    const { selectionStart, selectionEnd, selectionDirection } = field;
    return selectionStart == null ? null : () => field.setSelectionRange(selectionStart, selectionEnd, selectionDirection);
  } catch {
    return null; // fields without a text selection
  }
}

function morphChildren(from, to) {
  const byId = new Map();
  for (const child of from.children) {
    if (child.id) {
      byId.set(child.id, child);
    }
  }
  let cursor = from.firstChild;
  for (const newNode of Array.from(to.childNodes)) {
    const id = newNode.nodeType === Node.ELEMENT_NODE && newNode.id;
    let match = id ? byId.get(id) : cursor && !cursor.id && cursor;
    if (match && !sameKind(match, newNode)) {
      match = null;
    }
    if (id) {
      byId.delete(id);
    }
    if (!match) {
      from.insertBefore(newNode, cursor);
      continue;
    }
    if (match === cursor) {
      cursor = cursor.nextSibling;
    } else {
      from.insertBefore(match, cursor);
    }
    morphNode(match, newNode);
  }
  while (cursor) {
    const next = cursor.nextSibling;
    cursor.remove();
    cursor = next;
  }
}

function sameKind(a, b) {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName;
}

function morphNode(from, to) {
  if (from.nodeType !== Node.ELEMENT_NODE) {
    if (from.nodeValue !== to.nodeValue) {
      from.nodeValue = to.nodeValue;
    }
    return;
  }
  if (from.hasAttribute(ATTR_IGNORE)) {
    return;
  }
  const editable = from !== document.activeElement;
  switch (from.nodeName) {
    case "INPUT": {
      const valueChanged = from.getAttribute("value") !== to.getAttribute("value");
      const checkedChanged = from.hasAttribute("checked") !== to.hasAttribute("checked");
      morphAttributes(from, to);
      if (editable && valueChanged) {
        from.value = to.value;
      }
      if (editable && checkedChanged) {
        from.checked = to.checked;
      }
      return;
    }
    case "TEXTAREA": {
      const changed = from.defaultValue !== to.defaultValue;
      morphAttributes(from, to);
      if (changed) {
        from.defaultValue = to.defaultValue;
        if (editable) {
          from.value = to.value;
        }
      }
      return;
    }
    case "SELECT": {
      const changed = selected(from) !== selected(to);
      morphAttributes(from, to);
      morphChildren(from, to);
      if (editable && changed) {
        for (const option of from.options) {
          option.selected = option.defaultSelected;
        }
      }
      return;
    }
    default:
      morphAttributes(from, to);
      morphChildren(from, to);
  }
}

/** Which options the HTML marks selected. */
function selected(select) {
  return Array.from(select.querySelectorAll("option"), (option) => option.hasAttribute("selected")).join();
}

function morphAttributes(from, to) {
  for (const { name } of Array.from(from.attributes)) {
    if (!to.hasAttribute(name)) {
      from.removeAttribute(name);
    }
  }
  for (const { name, value } of Array.from(to.attributes)) {
    if (from.getAttribute(name) !== value) {
      from.setAttribute(name, value);
    }
  }
  reapply(from);
}
