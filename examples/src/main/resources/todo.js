// tag::todo-js[]
// One tab's to-do list: every tab runs its own copy of this script, in its own context.
const items = [];

function add(text) {
  if (typeof text !== "string" || text.trim() === "") {
    throw new TypeError("Write something to add");
  }
  if (text.length > 200 || items.length >= 100) {
    throw new RangeError("At most 100 items of 200 characters");
  }
  items.push(text.trim());
  return items;
}
// end::todo-js[]
