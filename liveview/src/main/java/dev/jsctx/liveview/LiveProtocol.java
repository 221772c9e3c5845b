package dev.jsctx.liveview;

/**
 * Every string and number the server and the browser client agree on: message types, JSON keys, HTML
 * attributes, CSS classes, close codes, paths, timings and the protocol version.
 *
 * <p>The client mirrors this class in {@code constants.js} (served at {@value #SCRIPT_PATH}{@code constants.js}),
 * constant for constant, with the same names and values; a test keeps the two in step. The messages are
 * described in the module's {@code README.md}.
 *
 * <p>Templates use the attribute names to bind elements to events, for example
 * {@code <button data-jsctx-click="inc">}.
 */
public final class LiveProtocol {

    /** Version of the wire protocol; a join with another version is closed with {@link #CLOSE_VERSION_MISMATCH}. */
    public static final String PROTOCOL_VERSION = "1";

    // Paths served by the module.
    /** The one WebSocket endpoint shared by every view. */
    public static final String WS_PATH = "/live/ws";
    /** Prefix of the client's ES modules; {@code jsctx.js} is the entry point. Pages load them from a directory
     * below it named by a hash of the files ({@code /live/js/<version>/jsctx.js}), cached as immutable. */
    public static final String SCRIPT_PATH = "/live/js/";
    /** The client's entry module, loaded by every page. */
    public static final String SCRIPT_ENTRY = "jsctx.js";

    /** The HttpOnly cookie a page sets; its join tokens only join from a socket that sends it back. */
    public static final String COOKIE_SESSION = "jsctx-session";

    // Message keys.
    /** Message type: {@link #TYPE_JOIN}, {@link #TYPE_EVENT}, {@link #TYPE_HEARTBEAT}, {@link #TYPE_REPLY},
     * {@link #TYPE_DIFF} or {@link #TYPE_ERROR}. */
    public static final String KEY_TYPE = "type";
    /** Client-chosen reference of a request, echoed in its reply. */
    public static final String KEY_REF = "ref";
    /** Signed join token, from the page's container (and refreshed in each join reply). */
    public static final String KEY_TOKEN = "token";
    /** Protocol version in a join. */
    public static final String KEY_VERSION = "version";
    /** Event name in an event message. */
    public static final String KEY_EVENT = "event";
    /** Event values (a JSON object of strings) in an event message. */
    public static final String KEY_PAYLOAD = "payload";
    /** Reply status: {@link #STATUS_OK} or {@link #STATUS_ERROR}. */
    public static final String KEY_STATUS = "status";
    /** Human-readable reason of an error. */
    public static final String KEY_REASON = "reason";
    /** Full render (statics and dynamics) in a join reply. */
    public static final String KEY_RENDERED = "rendered";
    /** Changed dynamics in an event reply or a server push. */
    public static final String KEY_DIFF = "diff";
    /** A page URI ({@code /path?query}, same-origin) in patch, navigate and redirect messages. */
    public static final String KEY_URI = "uri";

    // Message types.
    /** Client to server: join a view with a token. */
    public static final String TYPE_JOIN = "join";
    /** Client to server: an event from a binding. */
    public static final String TYPE_EVENT = "event";
    /** Client to server: keep-alive; answered with an ok reply. */
    public static final String TYPE_HEARTBEAT = "heartbeat";
    /** Server to client: the answer to a request with the same ref. */
    public static final String TYPE_REPLY = "reply";
    /** Server to client: changes pushed after {@code handleInfo}. */
    public static final String TYPE_DIFF = "diff";
    /** Server to client: an event for the page's hooks, from {@code LiveSession.pushEvent}. */
    public static final String TYPE_PUSH = "push";
    /** Server to client: an error that belongs to no request (for example malformed JSON). */
    public static final String TYPE_ERROR = "error";
    /** Client to server: show another URI of the same view (handleParams, then a diff). Server to client: the view
     * patched its URI; the browser adds a history entry and keeps the message's token. */
    public static final String TYPE_PATCH = "patch";
    /** Client to server: replace the view with the view of a URI, over the same socket. Server to client: the view
     * asked for that; the browser sends the request. */
    public static final String TYPE_NAVIGATE = "navigate";
    /** Server to client: load another page (a full page load). */
    public static final String TYPE_REDIRECT = "redirect";

    /** Reply status of a request that succeeded. */
    public static final String STATUS_OK = "ok";
    /** Reply status of a request that was refused; the reply has a reason. */
    public static final String STATUS_ERROR = "error";

    // Keys of a rendered tree (statics, dynamics by position, list items).
    /** Statics of a template: an array of strings, one more than its dynamics. */
    public static final String RENDERED_STATICS = "s";
    /** Dynamics of each item of a list: an array of arrays. */
    public static final String RENDERED_ITEMS = "d";
    /** A keyed list's diff: its new order, as runs {@code [start, count]} of the old items and new items
     * {@code {"d": [dynamics]}}. */
    public static final String RENDERED_ORDER = "o";

    // HTML attributes.
    /** Marks a view's container element. */
    public static final String ATTR_VIEW = "data-jsctx-view";
    /** The container's signed join token. */
    public static final String ATTR_TOKEN = "data-jsctx-token";
    /** The container's heartbeat interval in milliseconds. */
    public static final String ATTR_HEARTBEAT_MS = "data-jsctx-heartbeat-ms";
    /** On a button or link: sends the named event on click. */
    public static final String ATTR_CLICK = "data-jsctx-click";
    /** On a form: sends the named event with the form's fields on submit. */
    public static final String ATTR_SUBMIT = "data-jsctx-submit";
    /** On an input, select or form: sends the named event with the fields on change. */
    public static final String ATTR_CHANGE = "data-jsctx-change";
    /** Prefix of attributes whose values join the event payload: {@code data-jsctx-value-amount="5"}. */
    public static final String ATTR_VALUE_PREFIX = "data-jsctx-value-";
    /** On a changing field or its form: send the change after this many quiet milliseconds, or {@code blur}. */
    public static final String ATTR_DEBOUNCE = "data-jsctx-debounce";
    /** On a changing field or its form: send changes at most once every this many milliseconds. */
    public static final String ATTR_THROTTLE = "data-jsctx-throttle";
    /** On a form's button: its text, and the button disabled, while the form's submit is in flight. */
    public static final String ATTR_DISABLE_WITH = "data-jsctx-disable-with";
    /** Names the client hook ({@code window.jsctxHooks[name]}) whose callbacks the element gets. */
    public static final String ATTR_HOOK = "data-jsctx-hook";
    /** On an element whose attributes and children renders never change (the page's scripts own it). */
    public static final String ATTR_IGNORE = "data-jsctx-ignore";
    /** Payload key of a change event: the name of the field that changed. */
    public static final String PAYLOAD_TARGET = "_target";
    /** On a link: a click patches the view to the link's {@code href} (same view, new URI, a history entry). */
    public static final String ATTR_PATCH = "data-jsctx-patch";
    /** On a link: a click navigates to the view of the link's {@code href} over the same socket. */
    public static final String ATTR_NAVIGATE = "data-jsctx-navigate";

    // CSS classes.
    /** On an element while its event is in flight. */
    public static final String CLASS_EVENT_LOADING = "jsctx-event-loading";
    /** On the container while the socket is joined. */
    public static final String CLASS_CONNECTED = "jsctx-connected";
    /** On the container while it connects or joins. */
    public static final String CLASS_LOADING = "jsctx-loading";
    /** On the container after the view failed or a request was refused. */
    public static final String CLASS_ERROR = "jsctx-error";
    /** On the container while the socket is down. */
    public static final String CLASS_DISCONNECTED = "jsctx-disconnected";

    // Close codes (RFC 6455 application range 4000-4999, chosen to echo HTTP statuses).
    /** The join token is missing, malformed or forged; the client stops. */
    public static final int CLOSE_TOKEN_INVALID = 4401;
    /** The join token has expired; the client reloads the page for a fresh one. */
    public static final int CLOSE_TOKEN_EXPIRED = 4410;
    /** No heartbeat or other message arrived in time; the client reconnects. */
    public static final int CLOSE_HEARTBEAT_TIMEOUT = 4408;
    /** The join named another protocol version; the client reloads the page. */
    public static final int CLOSE_VERSION_MISMATCH = 4426;
    /** The view failed in a callback and ended; the client shows the error state and rejoins. */
    public static final int CLOSE_VIEW_FAILED = 4500;
    /** The view's path has no route (any more); the client stops. */
    public static final int CLOSE_NO_ROUTE = 4404;
    /** A message was larger than the configured maximum (RFC 6455 "message too big"); the client rejoins. */
    public static final int CLOSE_TOO_BIG = 1009;
    /** The server stops; the client reconnects. */
    public static final int CLOSE_GOING_AWAY = 1001;
    /** A frame broke RFC 6455 (for example a control frame over 125 bytes); the client reconnects. */
    public static final int CLOSE_PROTOCOL_ERROR = 1002;
    /** A binary message arrived; the protocol is text only. The client reconnects. */
    public static final int CLOSE_UNSUPPORTED_DATA = 1003;
    /** The socket kept sending refused messages; the client shows the error state and reconnects later. */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** The server failed unexpectedly; the client reconnects. */
    public static final int CLOSE_INTERNAL_ERROR = 1011;
    /** An admission limit refused the socket or the join (per client, per token, or the server is full); the
     * client retries a few times with a growing, jittered delay, then stops in the error state. */
    public static final int CLOSE_TOO_MANY = 4429;
    /** Another connection of the same tab resumed this socket's view (see {@code resume-window}); the client
     * stops. */
    public static final int CLOSE_RESUMED_ELSEWHERE = 4409;

    // Timings (defaults; the heartbeat interval actually used comes from the container attribute).
    /** Default interval between client heartbeats; the server closes a socket silent for twice as long. */
    public static final int HEARTBEAT_INTERVAL_MS = 30000;
    /** Reconnect delays in order; the last one repeats. Each is randomised by up to half of itself. */
    public static final String RECONNECT_DELAYS_MS = "10,50,100,150,200,250,500,1000,2000,5000";
    /** Retries after refused joins ({@link #CLOSE_VIEW_FAILED}, {@link #CLOSE_TOO_MANY}) before the client
     * stops in the error state. */
    public static final int MAX_REFUSED_RETRIES = 5;
    /** Longest random wait before a page reloads for a fresh token, so restarted servers get no reload herd. */
    public static final int RELOAD_JITTER_MS = 5000;

    private LiveProtocol() {}
}
