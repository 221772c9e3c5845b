// A small DOM morph: make an element's children match new HTML while keeping the nodes that stay, so focus,
// caret and what the user is typing survive an update. Children are matched by position (and id when present);
// a node of another kind or id is replaced.

/** Update the children of `element` to match `html`. */
export function morphInner(element, html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  morphChildren(element, template.content);
}

function morphChildren(from, to) {
  const oldNodes = Array.from(from.childNodes);
  const newNodes = Array.from(to.childNodes);
  newNodes.forEach((newNode, i) => {
    const oldNode = oldNodes[i];
    if (!oldNode) {
      from.appendChild(newNode);
    } else if (sameKind(oldNode, newNode)) {
      morphNode(oldNode, newNode);
    } else {
      from.replaceChild(newNode, oldNode);
    }
  });
  oldNodes.slice(newNodes.length).forEach((node) => node.remove());
}

function sameKind(a, b) {
  return a.nodeType === b.nodeType && a.nodeName === b.nodeName
      && (a.nodeType !== Node.ELEMENT_NODE || a.id === b.id);
}

function morphNode(from, to) {
  if (from.nodeType !== Node.ELEMENT_NODE) {
    if (from.nodeValue !== to.nodeValue) {
      from.nodeValue = to.nodeValue;
    }
    return;
  }
  morphAttributes(from, to);
  if (from.nodeName === "TEXTAREA") {
    if (from !== document.activeElement) {
      from.value = to.value;
    }
    return;
  }
  morphChildren(from, to);
  if (from.nodeName === "INPUT" && from !== document.activeElement) {
    from.value = to.value;
    from.checked = to.checked;
  }
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
}
