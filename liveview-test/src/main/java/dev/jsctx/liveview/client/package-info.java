/**
 * A Java client of the live-view wire protocol, standing in for browsers in tests and load generators:
 * {@link dev.jsctx.liveview.client.LiveClient} fetches pages and opens
 * {@link dev.jsctx.liveview.client.LiveConnection}s, which join a view, send events, await their replies and keep
 * the view's rendered HTML current. Built on the JDK's {@code java.net.http} WebSocket; no browser, no JavaScript.
 */
package dev.jsctx.liveview.client;
