package dev.jsctx.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.helidon.HelidonPoolConfig;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.JsException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * chat.js through the real pool, on one engine (subclasses choose it): nicknames, the send allowance, every rule a
 * message passes and the structure it leaves in.
 */
abstract class ChatScriptTest {
    private static final long T0 = 1_700_000_000_000L;

    private final ContextPool pool;
    private final JsContext chat;
    private long later = T0;

    ChatScriptTest(String engine) {
        pool = ContextPool.create(HelidonPoolConfig.create(Config.just(
                        ConfigSources.create(
                                Map.of("pool.engine", engine, "pool.call-timeout", "PT10S")), // a busy machine
                        ConfigSources.classpath("application.yaml"))
                .get("pool")));
        chat = pool.open(ChatScript.SPEC);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    @DisplayName("a message carries the tab's nickname and its text as parts")
    void plainMessage() {
        assertEquals("ada", nickname("  ada "));
        JsonObject message = compose("hello there", T0);
        assertEquals("ada", message.getString("author"));
        assertEquals(List.of(part("text", "hello there")), message.getJsonArray("parts"));
    }

    @Test
    @DisplayName("*bold*, _italic_ and http/https links become their own parts; the rest stays text")
    void formatting() {
        nickname("ada");
        assertEquals(
                List.of(
                        part("text", "a "),
                        part("bold", "big"),
                        part("text", " and "),
                        part("italic", "small"),
                        part("text", " word, see "),
                        link("https://example.org/a_b_c?q=*x*"),
                        part("text", ". Or "),
                        link("http://x.example"),
                        part("text", "!")),
                parts("a *big* and _small_ word, see https://example.org/a_b_c?q=*x*. Or http://x.example!"));
    }

    @Test
    @DisplayName("markers inside words, unclosed, around spaces, and other schemes stay text")
    void notFormatting() {
        nickname("ada");
        for (String text : new String[] {
            "snake_case_name",
            "2*3*4",
            "*open",
            "* spaced *",
            "_ spaced _",
            "javascript:alert(1)",
            "ftp://x.example",
            "http://",
            "<b>hi</b> & <script>alert(1)</script>"
        }) {
            assertEquals(List.of(part("text", text)), parts(text), text);
        }
    }

    @Test
    @DisplayName("a message is trimmed; blank, too long, control characters and broken characters are refused")
    void refusedMessages() {
        nickname("ada");
        assertEquals(List.of(part("text", "hi")), parts("  hi  "));
        assertEquals(
                500,
                ((JsonObject) compose("é".repeat(500), T0).getJsonArray("parts").get(0))
                        .getString("text")
                        .length());
        assertRefused("   ", "The message is blank");
        assertRefused("x".repeat(501), "The message is too long: at most 500 characters");
        assertRefused("a\nb", "The message contains control characters");
        assertRefused("a\u0000b", "The message contains control characters");
        assertRefused("evil \u202Etxt.exe", "The message contains control characters");
        assertRefused("a\uD800b", "The message contains a broken character");
        assertRefused("a\uDC00\uD800", "The message contains a broken character");
        assertEquals(List.of(part("text", "\uD83D\uDE00".repeat(500))), parts("\uD83D\uDE00".repeat(500)));
        assertRefused("\uD83D\uDE00".repeat(501), "The message is too long: at most 500 characters");
    }

    static Stream<JsonValue> notText() {
        return Stream.of(
                JsonValue.NULL,
                JsonValue.TRUE,
                Json.createValue(5),
                Json.createArrayBuilder().add("hi").build());
    }

    @ParameterizedTest
    @MethodSource("notText")
    @DisplayName("a message or nickname that is not text is refused with a TypeError")
    void notTextRefused(JsonValue value) {
        nickname("ada");
        JsException message = assertThrows(JsException.class, () -> chat.call("compose", value, Json.createValue(T0)));
        assertEquals("The message must be text", message.jsMessage());
        JsException name = assertThrows(JsException.class, () -> chat.call("setNickname", value));
        assertEquals("The nickname must be text", name.jsMessage());
        assertEquals("ada", compose("still me", T0).getString("author"));
    }

    @Test
    @DisplayName("sending needs a nickname; a refused nickname keeps the one before")
    void nicknames() {
        JsException none =
                assertThrows(JsException.class, () -> chat.call("compose", text("hi"), Json.createValue(T0)));
        assertEquals("Choose a nickname first", none.jsMessage());
        nickname("ada");
        for (String bad : new String[] {"", "  ", "x".repeat(25), "a\tb"}) {
            JsException refused = assertThrows(JsException.class, () -> chat.call("setNickname", text(bad)));
            assertTrue(refused.jsMessage().startsWith("The nickname "), refused.jsMessage());
        }
        assertEquals("ada", compose("hi", T0).getString("author"));
    }

    @Test
    @DisplayName("a tab sends 5 messages at once, then one a second; refused messages cost nothing")
    void sendAllowance() {
        nickname("ada");
        for (int i = 0; i < 5; i++) {
            compose("m" + i, T0);
        }
        JsException slow =
                assertThrows(JsException.class, () -> chat.call("compose", text("m5"), Json.createValue(T0)));
        assertEquals("RangeError", slow.jsName());
        assertEquals("Slow down: 5 messages at once, then one a second", slow.jsMessage());
        assertRefused("   ", "The message is blank"); // checked before the allowance: refused for itself
        compose("a second later", T0 + 1_000);
        assertThrows(JsException.class, () -> chat.call("compose", text("again"), Json.createValue(T0 + 1_500)));
        compose("ten seconds later", T0 + 11_000);
        for (int i = 0; i < 4; i++) {
            compose("burst " + i, T0 + 11_000); // refilled to 5, no more
        }
        assertThrows(JsException.class, () -> chat.call("compose", text("over"), Json.createValue(T0 + 11_000)));
    }

    @Test
    @DisplayName("another tab's context has its own nickname and allowance")
    void tabsAreSeparate() {
        nickname("ada");
        for (int i = 0; i < 5; i++) {
            compose("m" + i, T0);
        }
        try (JsContext other = pool.open(ChatScript.SPEC)) {
            other.call("setNickname", text("bob"));
            JsonObject message = (JsonObject) other.call("compose", text("hi"), Json.createValue(T0));
            assertEquals("bob", message.getString("author"));
        }
    }

    ContextPool pool() {
        return pool;
    }

    private void assertRefused(String text, String why) {
        JsException error =
                assertThrows(JsException.class, () -> chat.call("compose", text(text), Json.createValue(T0)));
        assertTrue(error.jsName().equals("TypeError") || error.jsName().equals("RangeError"), error.jsName());
        assertEquals(why, error.jsMessage());
    }

    private String nickname(String name) {
        return ((JsonObject) chat.call("setNickname", text(name))).getString("nickname");
    }

    private JsonObject compose(String text, long now) {
        return (JsonObject) chat.call("compose", text(text), Json.createValue(now));
    }

    /** The parts of a message sent a second after the one before, so the send allowance never runs out. */
    private List<JsonValue> parts(String text) {
        later += 1_000;
        return compose(text, later).getJsonArray("parts");
    }

    private static JsonValue text(String text) {
        return Json.createValue(text);
    }

    private static JsonObject part(String type, String text) {
        return Json.createObjectBuilder().add("type", type).add("text", text).build();
    }

    private static JsonObject link(String href) {
        return Json.createObjectBuilder()
                .add("type", "link")
                .add("text", href)
                .add("href", href)
                .build();
    }
}
