package dev.jsctx.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jsctx.pool.HostFunctions;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** chat.js on GraalJS, and the host function that posts. */
class ChatScriptOnGraalTest extends ChatScriptTest {
    ChatScriptOnGraalTest() {
        super("graal");
    }

    @Test
    @DisplayName("send posts the shaped message through the host function post and returns it; a refusal posts nothing")
    void sendPosts() throws Exception {
        LinkedBlockingQueue<JsonValue> posted = new LinkedBlockingQueue<>();
        HostFunctions host = HostFunctions.builder()
                .async("post", args -> {
                    posted.add(args.get(0));
                    return JsonValue.NULL;
                })
                .build();
        try (JsContext tab = pool().open(ChatScript.SPEC, host)) {
            tab.call("setNickname", Json.createValue("ada"));
            JsonObject sent = (JsonObject) tab.call("send", Json.createValue("hi *all*"), Json.createValue(0));
            assertEquals(sent, posted.poll(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS));
            assertEquals("ada", ChatMessage.fromJson(sent).author());
            assertThrows(JsException.class, () -> tab.call("send", Json.createValue(" "), Json.createValue(0)));
            tab.call("send", Json.createValue("after"), Json.createValue(0));
            assertEquals(
                    "after",
                    ((JsonObject) ((JsonObject) posted.poll(10, TimeUnit.SECONDS))
                                    .getJsonArray("parts")
                                    .get(0))
                            .getString("text"));
        }
    }
}
