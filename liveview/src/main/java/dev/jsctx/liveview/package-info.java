/**
 * A live view is an object on the server that holds one browser tab's state, changes it on events from the
 * page, and renders it again, sending the browser only the parts that changed.
 *
 * <h2>Life cycle</h2>
 * A view is registered at a path with {@link dev.jsctx.liveview.LiveViewFeature.Builder#view}. Its callbacks fire
 * in this order:
 * <ol>
 *     <li><b>HTTP render</b> ({@code GET} on the path), on the request's thread, for a new instance:
 *     {@link dev.jsctx.liveview.LiveView#mount mount} (with {@code session.connected() == false}), then
 *     {@link dev.jsctx.liveview.LiveView#handleParams handleParams}, then
 *     {@link dev.jsctx.liveview.LiveView#render render}; the HTML goes out as a full page that works without
 *     JavaScript, and the instance ends at once, closing what it owns.</li>
 *     <li><b>Join</b>: the page's script opens a WebSocket to {@value dev.jsctx.liveview.LiveProtocol#WS_PATH} and
 *     joins with the signed token from the page. A new instance gets {@code mount} (now connected), then
 *     {@code handleParams}, then {@code render}; the reply holds the full render, statics and dynamics.</li>
 *     <li><b>Patches</b>: a patch link, {@link dev.jsctx.liveview.LiveSession#pushPatch pushPatch}, or back and
 *     forward between URIs of the view fire {@code handleParams}, then {@code render}. A navigation
 *     ({@link dev.jsctx.liveview.LiveSession#pushNavigate pushNavigate}, a navigate link) ends the view and
 *     joins the other one over the same socket.</li>
 *     <li><b>Events</b>: each click, submit or change binding fires
 *     {@link dev.jsctx.liveview.LiveView#handleEvent handleEvent} on the socket's thread, then {@code render}; the
 *     reply holds only the changed dynamics.</li>
 *     <li><b>Messages</b>: each {@link dev.jsctx.liveview.LiveSession#send send} fires
 *     {@link dev.jsctx.liveview.LiveView#handleInfo handleInfo} on a virtual thread, then {@code render}; changes
 *     are pushed to the browser.</li>
 *     <li><b>End</b>: when a callback throws, the view is navigated from, or the server stops, and
 *     {@link dev.jsctx.liveview.LiveViewConfig#resumeWindow resume-window} after its connection closed, failed,
 *     dropped or missed heartbeats, everything the view {@linkplain dev.jsctx.liveview.LiveSession#own owns} is
 *     closed, exactly once. A tab that rejoins within the window resumes the same instance (no {@code mount});
 *     after a failure, or later, it joins a fresh instance with a fresh {@code mount}.</li>
 * </ol>
 * Callbacks of one instance never overlap; callbacks of different instances run in parallel.
 *
 * <h2>Templates</h2>
 * {@link dev.jsctx.liveview.Template} keeps static HTML apart from dynamic values, escapes values by default, and
 * nests templates and lists ({@link dev.jsctx.liveview.Html#each}); {@link dev.jsctx.liveview.Html#unsafeRaw} is
 * the only way to insert unescaped HTML.
 *
 * <h2>Security Note</h2>
 * Everything from the browser is untrusted: event names and payloads in
 * {@link dev.jsctx.liveview.LiveView#handleEvent}, and the page's params in {@code mount} (signed into the join
 * token, but chosen by whoever requested the page). The module checks the join token (HMAC-SHA256, expiring),
 * the WebSocket's origin, message size and message rate; the view must check the values themselves.
 */
package dev.jsctx.liveview;
