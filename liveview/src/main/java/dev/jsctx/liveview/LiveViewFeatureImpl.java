package dev.jsctx.liveview;

import static dev.jsctx.liveview.LiveProtocol.ATTR_HEARTBEAT_MS;
import static dev.jsctx.liveview.LiveProtocol.ATTR_TOKEN;
import static dev.jsctx.liveview.LiveProtocol.ATTR_VIEW;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class LiveViewFeatureImpl implements LiveViewFeature {

    private static final System.Logger LOGGER = System.getLogger(LiveViewFeatureImpl.class.getName());

    private final LiveRuntime runtime;
    private final PageLayout layout;
    private final ClientScripts scripts = ClientScripts.load();
    private final String scriptTag = "<script type=\"module\" src=\"" + scripts.entryPath() + "\"></script>";

    LiveViewFeatureImpl(LiveRuntime runtime, PageLayout layout) {
        this.runtime = runtime;
        this.layout = layout;
    }

    @Override
    public void setup(ServerFeatureContext featureContext) {
        SocketBuilders socket = featureContext.socket(WebServer.DEFAULT_SOCKET_NAME);
        socket.httpRouting().addFeature(new Pages());
        socket.routingBuilders()
                .routingBuilder(WsRouting.Builder.class, WsRouting::builder)
                .endpoint(LiveProtocol.WS_PATH, () -> new LiveSocket(runtime));
    }

    @Override
    public WebServerConfig.Builder addTo(WebServerConfig.Builder server) {
        server.addFeature(this);
        Set<String> origins = runtime.config().allowedOrigins();
        if (origins.isEmpty()) {
            return server;
        }
        // The first WebSocket protocol config of the socket is the one Helidon uses: widen it, or add one.
        List<ProtocolConfig> protocols = new ArrayList<>(server.protocols());
        boolean widened = false;
        for (int i = 0; i < protocols.size() && !widened; i++) {
            if (protocols.get(i) instanceof WsConfig ws) {
                protocols.set(i, WsConfig.builder().from(ws).addOrigins(origins).build());
                widened = true;
            }
        }
        if (!widened) {
            protocols.add(WsConfig.builder().origins(origins).build());
        }
        return server.protocols(protocols);
    }

    @Override
    public void drain() {
        runtime.drain();
    }

    @Override
    public String name() {
        return "jsctx-liveview";
    }

    @Override
    public String type() {
        return "jsctx-liveview";
    }

    /** The HTTP side: page renders and client scripts; its life cycle starts and stops the runtime. */
    private final class Pages implements HttpFeature {

        @Override
        public void setup(HttpRouting.Builder routing) {
            scripts.register(routing);
            for (String path : runtime.paths()) {
                routing.get(path, (request, response) -> page(path, request, response));
            }
        }

        @Override
        public void beforeStart() {
            runtime.start();
        }

        @Override
        public void afterStart(WebServer webServer) {
            runtime.started(webServer);
        }

        @Override
        public void afterStop() {
            runtime.stop();
        }
    }

    private void page(String path, ServerRequest request, ServerResponse response) {
        SecurityHeaders.addTo(response);
        String refusal = runtime.origins().pageRefusal(request.headers());
        if (refusal != null) {
            LOGGER.log(System.Logger.Level.WARNING, () -> "refused page request: " + refusal);
            response.status(Status.BAD_REQUEST_400).send("This host is not served here.");
            return;
        }
        Map<String, String> params = params(request.query());
        String tabId = JoinTokens.newTabId();
        Rendered rendered;
        try {
            rendered = ViewSession.renderOnce(runtime.route(path).get(), path, tabId, params, runtime.failures());
        } catch (ViewSession.ViewFailedException e) {
            response.status(Status.INTERNAL_SERVER_ERROR_500).send("The page could not be rendered.");
            return;
        }
        String cookie = SessionCookie.of(request.headers()).orElseGet(SessionCookie::create);
        response.header(HeaderNames.SET_COOKIE, SessionCookie.setCookie(cookie, request.isSecure()));
        String token = runtime.tokens().sign(path, params, SessionCookie.binding(cookie), tabId);
        String container = "<div " + ATTR_VIEW
                + " " + ATTR_TOKEN + "=\"" + Html.escape(token) + "\""
                + " " + ATTR_HEARTBEAT_MS + "=\""
                + runtime.config().heartbeatInterval().toMillis() + "\">"
                + rendered.toHtml() + "</div>";
        response.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        response.send(layout.page(scriptTag, container));
    }

    private static Map<String, String> params(UriQuery query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : query.names()) {
            params.put(name, query.first(name).orElse(""));
        }
        return Map.copyOf(params);
    }
}
