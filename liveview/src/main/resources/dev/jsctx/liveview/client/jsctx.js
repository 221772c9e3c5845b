// Entry point: connects every live view container on the page.
import * as C from "./constants.js";
import { bind, valuesOf } from "./bindings.js";
import { formsToRecover } from "./forms.js";
import { Hooks } from "./hooks.js";
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
  let joinedBefore = false;
  let down = false;
  // a hook's own pushes leave its element's classes alone: its `updated` is for what renders change
  const hooks = new Hooks(container, (element, event, payload) => push(element, event, payload, undefined, false));
  const render = () => {
    morphInner(container, toHtml(tree));
    hooks.rendered();
  };
  const setStatus = (status) => {
    container.classList.remove(...STATUS_CLASSES);
    container.classList.add(status);
    if (status === C.CLASS_CONNECTED && down) {
      down = false;
      hooks.connection("reconnected");
    } else if (status !== C.CLASS_CONNECTED && status !== C.CLASS_LOADING && !down) {
      down = true;
      hooks.connection("disconnected");
    }
  };
  const socket = new ViewSocket(
    container.getAttribute(C.ATTR_TOKEN),
    Number(container.getAttribute(C.ATTR_HEARTBEAT_MS)) || C.HEARTBEAT_INTERVAL_MS,
    {
      onJoined: (rendered) => {
        // a rejoin: what the user typed into forms goes back to the (new) view, as a change event
        const recover = joinedBefore ? formsToRecover(container) : [];
        joinedBefore = true;
        tree = rendered;
        render();
        recover.forEach(({ id, event, values }) => {
          const form = document.getElementById(id);
          push(form && container.contains(form) ? form : container, event,
            { ...values, ...(form ? valuesOf(form) : {}) });
        });
      },
      onDiff: (diff) => { tree = merge(tree, diff); render(); },
      onPush: (event, payload) => hooks.dispatch(event, payload),
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

  /** Send an event; resolves with its reply (after the DOM shows it), or with nothing if the socket closed. */
  function push(element, event, payload, beforeRender = () => {}, loading = true) {
    if (loading) {
      element.classList.add(C.CLASS_EVENT_LOADING);
    }
    return socket.push(event, payload)
      .then((reply) => {
        beforeRender();
        if (reply[C.KEY_STATUS] === C.STATUS_OK) {
          tree = merge(tree, reply[C.KEY_DIFF]);
          render();
        } else {
          console.warn(`jsctx: event "${event}" refused: ${reply[C.KEY_REASON]}`);
          element.dispatchEvent(new CustomEvent("jsctx:refused", { bubbles: true, detail: reply[C.KEY_REASON] }));
        }
        return reply;
      }, () => beforeRender())
      .finally(() => loading && element.classList.remove(C.CLASS_EVENT_LOADING));
  }

  bind(container, push);
  socket.connect();
  return socket;
}

document.querySelectorAll(`[${C.ATTR_VIEW}]`).forEach((container, i) => connectView(container, i === 0));
