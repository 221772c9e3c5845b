// One tab's chat: its nickname, its own send rate limit, and the rules every message it sends passes first.
// A message leaves this context as a structure, never as HTML:
//
//   { author: "ada", parts: [ { type: "text", text: "see " }, { type: "link", text: "https://x.org", href: "https://x.org" },
//                             { type: "bold", text: "now" }, { type: "italic", text: "please" } ] }
//
// and the page renders each part through its own template, which escapes the text: nothing typed here is ever markup.
// Every refusal throws a TypeError or RangeError whose message is short enough to show to the user, and changes
// nothing (a refused message costs no send allowance).

let MAX_MESSAGE_CHARS = 500;
const MAX_NICKNAME_CHARS = 24;
// The send allowance: a burst of SEND_BURST messages, then one more every SEND_REFILL_MS.
const SEND_BURST = 5;
const SEND_REFILL_MS = 1000;

// The first link, or *bold*, or _italic_ of a text; markers hug their text (no space just inside). Not global:
// the scanner below applies it to what is left of the text, so no engine's lastIndex handling is relied on.
const MARKUP = /(https?:\/\/[^\s]+)|\*([^\s*](?:[^*]*[^\s*])?)\*|_([^\s_](?:[^_]*[^\s_])?)_/;
// Left out of a link's end: "see https://x.org." links https://x.org.
const LINK_TAIL = /[.,;:!?)\]}'"]+$/;
const WORD_CHAR = /[A-Za-z0-9]/;

let nickname = "";
let allowance = SEND_BURST;
let refilledAt = null;

// Locals are `let`, never `const`: Rhino keeps a `const` in a loop body at its first value.

// C0 and C1 controls (newlines and tabs too: a message is one line), line and paragraph separators, and the bidi
// embeddings, overrides and isolates that would make one part of a line read as another.
function isForbidden(unit) {
  return unit <= 0x1f || (unit >= 0x7f && unit <= 0x9f) || unit === 0x2028 || unit === 0x2029
      || (unit >= 0x202a && unit <= 0x202e) || (unit >= 0x2066 && unit <= 0x2069);
}

function checkedText(value, what, maxChars) {
  if (typeof value !== "string") {
    throw new TypeError(what + " must be text");
  }
  let text = value.trim();
  if (text === "") {
    throw new TypeError(what + " is blank");
  }
  let chars = 0;
  for (let i = 0; i < text.length; i++, chars++) {
    let unit = text.charCodeAt(i);
    let pairs = unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length
        && text.charCodeAt(i + 1) >= 0xdc00 && text.charCodeAt(i + 1) <= 0xdfff;
    if (isForbidden(unit)) {
      throw new TypeError(what + " contains control characters");
    }
    if (pairs) {
      i++; // one character outside the BMP: two UTF-16 units
    } else if (unit >= 0xd800 && unit <= 0xdfff) {
      throw new TypeError(what + " contains a broken character");
    }
  }
  if (chars > maxChars) {
    throw new RangeError(what + " is too long: at most " + maxChars + " characters");
  }
  return text;
}

function setNickname(name) {
  nickname = checkedText(name, "The nickname", MAX_NICKNAME_CHARS);
  return { nickname: nickname };
}

function spendAllowance(now) {
  if (typeof now !== "number" || !Number.isFinite(now)) {
    throw new TypeError("now must be a time in milliseconds");
  }
  if (refilledAt === null || now < refilledAt) {
    refilledAt = now; // the first message, or the clock went back
  }
  let earned = Math.floor((now - refilledAt) / SEND_REFILL_MS);
  if (earned > 0) {
    allowance = Math.min(SEND_BURST, allowance + earned);
    refilledAt += earned * SEND_REFILL_MS;
  }
  if (allowance === 0) {
    throw new RangeError("Slow down: " + SEND_BURST + " messages at once, then one a second");
  }
  allowance--;
}

function partsOf(text) {
  let parts = [];
  let addText = (t) => {
    if (t === "") {
      return;
    }
    let last = parts[parts.length - 1];
    if (last !== undefined && last.type === "text") {
      last.text += t;
    } else {
      parts.push({ type: "text", text: t });
    }
  };
  let done = 0; // text before this index is in parts
  let from = 0; // where the next marker may start
  let match;
  while ((match = MARKUP.exec(text.slice(from))) !== null) {
    let at = from + match.index;
    let before = at > 0 ? text.charAt(at - 1) : "";
    if (match[1] === undefined && WORD_CHAR.test(before)) {
      from = at + 1; // snake_case and 2*3*4 stay text: a marker must not start inside a word
      continue;
    }
    addText(text.slice(done, at));
    if (match[1] !== undefined) {
      let tail = LINK_TAIL.exec(match[1]);
      let href = tail === null ? match[1] : match[1].slice(0, match[1].length - tail[0].length);
      if (/^https?:\/\/[^\/?#]+/.test(href)) {
        parts.push({ type: "link", text: href, href: href });
      } else {
        addText(href); // "http://" alone is no link
      }
      done = at + href.length;
    } else {
      parts.push(match[2] !== undefined ? { type: "bold", text: match[2] } : { type: "italic", text: match[3] });
      done = at + match[0].length;
    }
    from = done;
  }
  addText(text.slice(done));
  return parts;
}

// Checks and shapes one message; `now` is the server's clock in milliseconds, for the send allowance.
function compose(text, now) {
  if (nickname === "") {
    throw new TypeError("Choose a nickname first");
  }
  let checked = checkedText(text, "The message", MAX_MESSAGE_CHARS);
  let parts = partsOf(checked);
  spendAllowance(now);
  return { author: nickname, parts: parts };
}

// Checks, shapes and posts one message: the host function "post" keeps it in the room's history and broadcasts it
// to every tab of the room, this one too, which shows it when it arrives. Returns the message as posted.
function send(text, now) {
  let message = compose(text, now);
  host.call("post", message).catch(() => {
    // only a time-out or too many posts at once reject, and the allowance keeps this tab below both
  });
  return message;
}
