// Live navigation of the page's view: patch and navigate links, and the back and forward buttons.
import { ATTR_NAVIGATE, ATTR_PATCH } from "./constants.js";

/** The same-origin path and query of a link, or null for another origin (left to the browser). */
function pageUri(href) {
  const url = new URL(href, location.href);
  return url.origin === location.origin ? url.pathname + url.search : null;
}

/**
 * Send clicks on `a[data-jsctx-patch]` and `a[data-jsctx-navigate]` links and history moves to the view:
 * `view.patch(uri, push)` shows another URI of the same view, `view.navigate(uri, push)` another view; `push`
 * says whether to add a history entry. Each history entry remembers which view (a count of navigations) it
 * belongs to, so back and forward patch within a view and navigate between views. Returns what the view calls
 * when a patch or navigation is done.
 */
export function navigation(container, view) {
  let current = 0;
  history.replaceState({ jsctx: current }, "");
  container.addEventListener("click", (e) => {
    const link = e.target instanceof Element ? e.target.closest(`a[${ATTR_PATCH}], a[${ATTR_NAVIGATE}]`) : null;
    if (!link || !container.contains(link) || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return; // a new tab or window, or not ours: the browser's
    }
    const uri = pageUri(link.href);
    if (uri !== null) {
      e.preventDefault();
      if (link.hasAttribute(ATTR_PATCH)) {
        view.patch(uri, true);
      } else {
        view.navigate(uri, true);
      }
    }
  });
  window.addEventListener("popstate", (e) => {
    const uri = location.pathname + location.search;
    if (e.state && e.state.jsctx === current) {
      view.patch(uri, false);
    } else {
      view.navigate(uri, false);
    }
  });
  return {
    patched(uri, push) {
      if (push) {
        history.pushState({ jsctx: current }, "", uri);
      }
    },
    navigated(uri, push) {
      current++;
      if (push) {
        history.pushState({ jsctx: current }, "", uri);
      } else {
        history.replaceState({ jsctx: current }, "");
      }
    },
  };
}
