package dev.jsctx.liveview;

import static dev.jsctx.liveview.LiveProtocol.KEY_DIFF;
import static dev.jsctx.liveview.LiveProtocol.KEY_EVENT;
import static dev.jsctx.liveview.LiveProtocol.KEY_PAYLOAD;
import static dev.jsctx.liveview.LiveProtocol.KEY_REASON;
import static dev.jsctx.liveview.LiveProtocol.KEY_REF;
import static dev.jsctx.liveview.LiveProtocol.KEY_RENDERED;
import static dev.jsctx.liveview.LiveProtocol.KEY_STATUS;
import static dev.jsctx.liveview.LiveProtocol.KEY_TOKEN;
import static dev.jsctx.liveview.LiveProtocol.KEY_TYPE;
import static dev.jsctx.liveview.LiveProtocol.STATUS_ERROR;
import static dev.jsctx.liveview.LiveProtocol.STATUS_OK;
import static dev.jsctx.liveview.LiveProtocol.TYPE_DIFF;
import static dev.jsctx.liveview.LiveProtocol.TYPE_ERROR;
import static dev.jsctx.liveview.LiveProtocol.TYPE_PUSH;
import static dev.jsctx.liveview.LiveProtocol.TYPE_REPLY;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The server's messages, as JSON text (see the module's README for each one).
 */
final class Messages {

    private Messages() {}

    static String joined(String ref, JsonObject rendered, String token) {
        return reply(ref, STATUS_OK)
                .add(KEY_RENDERED, rendered)
                .add(KEY_TOKEN, token)
                .build()
                .toString();
    }

    static String ok(String ref, JsonObject diff) {
        return reply(ref, STATUS_OK).add(KEY_DIFF, diff).build().toString();
    }

    static String ok(String ref) {
        return reply(ref, STATUS_OK).build().toString();
    }

    static String refused(String ref, String reason) {
        return reply(ref, STATUS_ERROR).add(KEY_REASON, reason).build().toString();
    }

    static String pushed(JsonObject diff) {
        return RenderedJson.JSON
                .createObjectBuilder()
                .add(KEY_TYPE, TYPE_DIFF)
                .add(KEY_DIFF, diff)
                .build()
                .toString();
    }

    static String pushEvent(String event, JsonObject payload) {
        return RenderedJson.JSON
                .createObjectBuilder()
                .add(KEY_TYPE, TYPE_PUSH)
                .add(KEY_EVENT, event)
                .add(KEY_PAYLOAD, payload)
                .build()
                .toString();
    }

    static String error(String reason) {
        return RenderedJson.JSON
                .createObjectBuilder()
                .add(KEY_TYPE, TYPE_ERROR)
                .add(KEY_REASON, reason)
                .build()
                .toString();
    }

    private static JsonObjectBuilder reply(String ref, String status) {
        JsonObjectBuilder reply = RenderedJson.JSON.createObjectBuilder().add(KEY_TYPE, TYPE_REPLY);
        if (ref != null) {
            reply.add(KEY_REF, ref);
        }
        return reply.add(KEY_STATUS, status);
    }
}
