/**
 * Tests of live views, in the manner of Phoenix.LiveViewTest: {@link dev.jsctx.liveview.test.LiveTestServer}
 * serves views on a random loopback port (or points at a server already running), and
 * {@link dev.jsctx.liveview.test.LiveTestView} mounts one as a browser tab would, then clicks, changes, submits and
 * patches by CSS selector, reads and queries the rendered HTML with jsoup, and awaits what the server pushes.
 * Everything goes over the real HTTP and WebSocket protocol, through the Java client in
 * {@link dev.jsctx.liveview.client}; no browser, no JavaScript.
 */
package dev.jsctx.liveview.test;
