package dev.jsctx.liveview.client;

import dev.jsctx.liveview.LiveProtocol;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A view's page as served by a plain {@code GET}: its HTML, and what the container tells the client, the signed
 * join token and the heartbeat interval.
 *
 * <p>A token binds the view's path and the page's params and expires (one hour by default); it is not used up by
 * a join, so one page's token can join many connections, each getting its own view.
 *
 * @param html              the whole page
 * @param token             the container's {@code data-jsctx-token}
 * @param heartbeatInterval the container's {@code data-jsctx-heartbeat-ms}
 */
public record LivePage(String html, String token, Duration heartbeatInterval) {

    private static final Pattern TOKEN = attribute(LiveProtocol.ATTR_TOKEN);
    private static final Pattern HEARTBEAT_MS = attribute(LiveProtocol.ATTR_HEARTBEAT_MS);

    /**
     * Reads the container's attributes from a page.
     *
     * @param html a page with a view container
     * @return the page
     * @throws LiveClientException if the page has no view container with a token
     */
    public static LivePage parse(String html) {
        Matcher token = TOKEN.matcher(html);
        if (!token.find()) {
            throw new LiveClientException(
                    "the page has no " + LiveProtocol.ATTR_TOKEN + " attribute: " + abbreviate(html));
        }
        Matcher heartbeat = HEARTBEAT_MS.matcher(html);
        Duration interval = Duration.ofMillis(
                heartbeat.find() ? Long.parseLong(heartbeat.group(1)) : LiveProtocol.HEARTBEAT_INTERVAL_MS);
        return new LivePage(html, token.group(1), interval);
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private static Pattern attribute(String name) {
        return Pattern.compile(name + "=\"([^\"]+)\"");
    }
}
