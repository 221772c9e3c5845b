package dev.jsctx.liveview.client;

import dev.jsctx.liveview.LiveProtocol;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/**
 * The server's reply to one request ({@code {"type":"reply","ref":…}}), as received.
 *
 * @param json the whole message
 */
public record LiveReply(JsonObject json) {

    /**
     * @return the ref of the request this answers
     */
    public String ref() {
        return string(LiveProtocol.KEY_REF);
    }

    /**
     * @return whether the request succeeded ({@code status} is {@code ok})
     */
    public boolean ok() {
        return LiveProtocol.STATUS_OK.equals(string(LiveProtocol.KEY_STATUS));
    }

    /**
     * @return why the request was refused, or {@code null} if it succeeded
     */
    public String reason() {
        return string(LiveProtocol.KEY_REASON);
    }

    /**
     * @return the changed dynamics of an event reply, or {@code null} if the reply holds none
     */
    public JsonObject diff() {
        return json.containsKey(LiveProtocol.KEY_DIFF) ? json.getJsonObject(LiveProtocol.KEY_DIFF) : null;
    }

    /**
     * @return the full rendered tree of a join reply, or {@code null} if the reply holds none
     */
    public JsonObject rendered() {
        return json.containsKey(LiveProtocol.KEY_RENDERED) ? json.getJsonObject(LiveProtocol.KEY_RENDERED) : null;
    }

    /**
     * @return the fresh join token of a join reply, or {@code null} if the reply holds none
     */
    public String token() {
        return string(LiveProtocol.KEY_TOKEN);
    }

    /**
     * @return the URI a patch reply says the page shows now, or {@code null} if the reply holds none
     */
    public String uri() {
        return string(LiveProtocol.KEY_URI);
    }

    private String string(String key) {
        return json.get(key) instanceof JsonString text ? text.getString() : null;
    }
}
