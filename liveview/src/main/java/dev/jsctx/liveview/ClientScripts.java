package dev.jsctx.liveview;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves the browser client, plain ES modules read once from this jar.
 */
final class ClientScripts {

    /** Every client module; each file has one concern. */
    static final List<String> FILES =
            List.of("constants.js", "rendered.js", "morph.js", "bindings.js", "socket.js", LiveProtocol.SCRIPT_ENTRY);

    private ClientScripts() {}

    static void register(HttpRouting.Builder routing) {
        for (Map.Entry<String, byte[]> script : load().entrySet()) {
            byte[] body = script.getValue();
            routing.get(LiveProtocol.SCRIPT_PATH + script.getKey(), (request, response) -> {
                response.header(HeaderNames.CONTENT_TYPE, "text/javascript; charset=utf-8");
                response.header(HeaderNames.CACHE_CONTROL, "no-cache");
                response.send(body);
            });
        }
    }

    static byte[] read(String file) {
        try (InputStream in = ClientScripts.class.getResourceAsStream("client/" + file)) {
            if (in == null) {
                throw new IllegalStateException("client script missing from the jar: " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> scripts = new LinkedHashMap<>();
        FILES.forEach(file -> scripts.put(file, read(file)));
        return scripts;
    }
}
