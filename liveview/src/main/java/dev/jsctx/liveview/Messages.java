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
import static dev.jsctx.liveview.LiveProtocol.KEY_URI;
import static dev.jsctx.liveview.LiveProtocol.STATUS_ERROR;
import static dev.jsctx.liveview.LiveProtocol.STATUS_OK;
import static dev.jsctx.liveview.LiveProtocol.TYPE_DIFF;
import static dev.jsctx.liveview.LiveProtocol.TYPE_ERROR;
import static dev.jsctx.liveview.LiveProtocol.TYPE_NAVIGATE;
import static dev.jsctx.liveview.LiveProtocol.TYPE_PATCH;
import static dev.jsctx.liveview.LiveProtocol.TYPE_PUSH;
import static dev.jsctx.liveview.LiveProtocol.TYPE_REDIRECT;
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

    /** The reply to a patch the browser asked for: the diff, the URI now shown and the token for it. */
    static String patched(String ref, JsonObject diff, String uri, String token) {
        return reply(ref, STATUS_OK)
                .add(KEY_DIFF, diff)
                .add(KEY_URI, uri)
                .add(KEY_TOKEN, token)
                .build()
                .toString();
    }

    /** A patch the view asked for: the browser shows the URI (a history entry) and keeps the token for rejoins. */
    static String patch(String uri, String token) {
        return message(TYPE_PATCH)
                .add(KEY_URI, uri)
                .add(KEY_TOKEN, token)
                .build()
                .toString();
    }

    /** The view asked to go to another live view: the browser sends a navigate request for the URI. */
    static String navigate(String uri) {
        return message(TYPE_NAVIGATE).add(KEY_URI, uri).build().toString();
    }

    /** The view asked for another page: the browser loads the URI. */
    static String redirect(String uri) {
        return message(TYPE_REDIRECT).add(KEY_URI, uri).build().toString();
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
        return message(TYPE_DIFF).add(KEY_DIFF, diff).build().toString();
    }

    static String pushEvent(String event, JsonObject payload) {
        return message(TYPE_PUSH)
                .add(KEY_EVENT, event)
                .add(KEY_PAYLOAD, payload)
                .build()
                .toString();
    }

    static String error(String reason) {
        return message(TYPE_ERROR).add(KEY_REASON, reason).build().toString();
    }

    private static JsonObjectBuilder reply(String ref, String status) {
        JsonObjectBuilder reply = message(TYPE_REPLY);
        if (ref != null) {
            reply.add(KEY_REF, ref);
        }
        return reply.add(KEY_STATUS, status);
    }

    /** Every message's shape: an object whose first member is its type; the caller adds the fields in wire order. */
    private static JsonObjectBuilder message(String type) {
        return RenderedJson.JSON.createObjectBuilder().add(KEY_TYPE, type);
    }
}
