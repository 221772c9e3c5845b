// The hooks sample of liveview/README.md ("Hooks"); draw() stands for the page's own drawing code.
function draw(el, payload) {
  el.textContent = JSON.stringify(payload);
}

// tag::hooks[]
window.jsctxHooks = {
  Chart: {
    mounted() { this.handleEvent("points", (payload) => draw(this.el, payload)); },
    updated() {},      // a render changed the element or what is inside
    destroyed() {},    // the element left the page
    disconnected() {}, // the socket dropped
    reconnected() {},  // and joined again
  },
};
// end::hooks[]
