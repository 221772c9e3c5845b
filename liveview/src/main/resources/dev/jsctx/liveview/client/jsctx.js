// Entry point: connects every live view container on the page.
import * as C from "./constants.js";
import { bind } from "./bindings.js";
import { morphInner } from "./morph.js";
import { navigation } from "./navigation.js";
import { merge, toHtml } from "./rendered.js";
import { ViewSocket } from "./socket.js";

const STATUS_CLASSES = [C.CLASS_LOADING, C.CLASS_CONNECTED, C.CLASS_ERROR, C.CLASS_DISCONNECTED];

/**
 * Connect one container: keep its rendered tree, patch the DOM on every change, send its bound events; the
 * page's first container also follows links and the history (`withNavigation`).
 */
export function connectView(container, withNavigation) {
  let tree = null;
  const render = () => morphInner(container, toHtml(tree));
  const setStatus = (status) => {
    container.classList.remove(...STATUS_CLASSES);
    container.classList.add(status);
  };
  const socket = new ViewSocket(
    container.getAttribute(C.ATTR_TOKEN),
    Number(container.getAttribute(C.ATTR_HEARTBEAT_MS)) || C.HEARTBEAT_INTERVAL_MS,
    {
      onJoined: (rendered) => { tree = rendered; render(); },
      onDiff: (diff) => { tree = merge(tree, diff); render(); },
      onStatus: setStatus,
      onError: (reason) => console.warn(`jsctx: ${reason}`),
      onPatch: (uri) => nav?.patched(uri, true),
      onNavigate: (uri) => navigate(uri, true),
    });
  const patch = (uri, push) => socket.patch(uri).then((reply) => {
    if (reply[C.KEY_STATUS] === C.STATUS_OK) {
      tree = merge(tree, reply[C.KEY_DIFF]);
      render();
      nav?.patched(reply[C.KEY_URI], push);
    } else {
      console.warn(`jsctx: patch to ${uri} refused: ${reply[C.KEY_REASON]}`);
    }
  }, () => {});
  const navigate = (uri, push) => socket.navigate(uri).then((reply) => {
    if (reply[C.KEY_STATUS] === C.STATUS_OK) {
      tree = reply[C.KEY_RENDERED];
      render();
      nav?.navigated(uri, push);
    } else {
      console.warn(`jsctx: navigation to ${uri} refused: ${reply[C.KEY_REASON]}`);
    }
  }, () => {});
  const nav = withNavigation ? navigation(container, { patch, navigate }) : null;

  bind(container, (element, event, payload) => {
    element.classList.add(C.CLASS_EVENT_LOADING);
    socket.push(event, payload)
      .then((reply) => {
        if (reply[C.KEY_STATUS] === C.STATUS_OK) {
          tree = merge(tree, reply[C.KEY_DIFF]);
          render();
        } else {
          console.warn(`jsctx: event "${event}" refused: ${reply[C.KEY_REASON]}`);
          element.dispatchEvent(new CustomEvent("jsctx:refused", { bubbles: true, detail: reply[C.KEY_REASON] }));
        }
      }, () => {})
      .finally(() => element.classList.remove(C.CLASS_EVENT_LOADING));
  });
  socket.connect();
  return socket;
}

document.querySelectorAll(`[${C.ATTR_VIEW}]`).forEach((container, i) => connectView(container, i === 0));
