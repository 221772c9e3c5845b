// The counter's state and logic: one copy of this script runs in each tab's own JS context.
//
// Amounts are whole numbers from -1,000,000,000 to 1,000,000,000 (MAX_AMOUNT), given as numbers or as
// decimal text (what a form sends). The count stays a safe integer: an operation that would take it past
// Number.MAX_SAFE_INTEGER in either direction is refused. Every refusal throws a RangeError or TypeError whose
// message is short enough to show to the user, and leaves the count unchanged.

const MAX_AMOUNT = 1_000_000_000;

let count = 0;

function amountOf(value) {
  let n = value;
  if (typeof value === "string") {
    const text = value.trim();
    if (!/^[+-]?\d+$/.test(text)) {
      throw new TypeError("Amount must be a whole number");
    }
    n = Number(text);
  }
  if (typeof n !== "number" || !Number.isInteger(n)) {
    throw new TypeError("Amount must be a whole number");
  }
  if (Math.abs(n) > MAX_AMOUNT) {
    throw new RangeError("Amount must be between -" + MAX_AMOUNT + " and " + MAX_AMOUNT);
  }
  return n === 0 ? 0 : n; // -0 counts as 0
}

function changeBy(delta) {
  const next = count + delta;
  if (!Number.isSafeInteger(next)) {
    throw new RangeError("The count would leave the safe integer range");
  }
  count = next;
  return count;
}

function inc(n = 1) {
  return changeBy(amountOf(n));
}

function dec(n = 1) {
  return changeBy(-amountOf(n));
}

function add(n) {
  if (n === undefined || n === null || n === "") {
    throw new TypeError("Enter an amount");
  }
  return changeBy(amountOf(n));
}

function reset() {
  count = 0;
  return count;
}

function get() {
  return count;
}

// The count, as the state of this tab: what the pool keeps while the context hibernates (pool.hibernate-after),
// and gives back to restore() when the tab's next event wakes it.
function snapshot() {
  return count;
}

// Takes back a count this tab had in an earlier context (parked when its server stopped, or saved by snapshot()
// when it hibernated): a safe integer, or a TypeError and the count unchanged.
function restore(value) {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new TypeError("A restored count must be a safe integer");
  }
  count = value === 0 ? 0 : value;
  return count;
}
