// The client's copy of a view's rendered tree: merge diffs into it and turn it into HTML.
// Tree format (see README): {"s": [statics], "0": dyn, ...} for a template, {"s": [...], "d": [[dyn...]...]} for
// a list; a dynamic is an HTML string (escaped by the server) or a nested tree.
import { RENDERED_ITEMS, RENDERED_ORDER, RENDERED_STATICS } from "./constants.js";

/** Returns a new tree with the diff applied; the old tree is not changed. */
export function merge(tree, diff) {
  if (RENDERED_STATICS in diff) {
    return diff;
  }
  if (RENDERED_ORDER in diff) {
    return { ...tree, [RENDERED_ITEMS]: reorder(tree[RENDERED_ITEMS], diff[RENDERED_ORDER]) };
  }
  const next = { ...tree };
  for (const [key, value] of Object.entries(diff)) {
    if (key === RENDERED_ITEMS || typeof value === "string" || RENDERED_STATICS in value) {
      next[key] = value;
    } else {
      next[key] = merge(tree[key], value);
    }
  }
  return next;
}

/** A keyed list's new items: runs [start, count] of the old ones and new items {d: [dynamics]}. */
function reorder(items, order) {
  return order.flatMap((part) => Array.isArray(part) ? items.slice(part[0], part[0] + part[1]) : [part[RENDERED_ITEMS]]);
}

/** The HTML of a tree: statics and dynamics joined in order. */
export function toHtml(tree) {
  const statics = tree[RENDERED_STATICS];
  if (RENDERED_ITEMS in tree) {
    return tree[RENDERED_ITEMS].map((item) => join(statics, (i) => item[i])).join("");
  }
  return join(statics, (i) => tree[i]);
}

function join(statics, dynamicAt) {
  let html = statics[0];
  for (let i = 1; i < statics.length; i++) {
    const dynamic = dynamicAt(i - 1);
    html += (typeof dynamic === "string" ? dynamic : toHtml(dynamic)) + statics[i];
  }
  return html;
}
