package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The server's frames, to the byte: the browser client and liveview-test's client parse exactly these. */
@DisplayName("the server's frames")
class MessagesTest {
    private static final JsonObject DIFF =
            Json.createObjectBuilder().add("0", "1").build();

    @Test
    @DisplayName("replies carry type, ref and status first, then their fields")
    void replies() {
        assertEquals(
                "{\"type\":\"reply\",\"ref\":\"7\",\"status\":\"ok\",\"rendered\":{\"0\":\"1\"},\"token\":\"t\"}",
                Messages.joined("7", DIFF, "t"));
        assertEquals(
                "{\"type\":\"reply\",\"ref\":\"7\",\"status\":\"ok\",\"diff\":{\"0\":\"1\"},\"uri\":\"/a?b=1\",\"token\":\"t\"}",
                Messages.patched("7", DIFF, "/a?b=1", "t"));
        assertEquals(
                "{\"type\":\"reply\",\"ref\":\"7\",\"status\":\"ok\",\"diff\":{\"0\":\"1\"}}", Messages.ok("7", DIFF));
        assertEquals("{\"type\":\"reply\",\"status\":\"ok\"}", Messages.ok(null));
        assertEquals(
                "{\"type\":\"reply\",\"ref\":\"7\",\"status\":\"error\",\"reason\":\"no\"}",
                Messages.refused("7", "no"));
    }

    @Test
    @DisplayName("pushed frames carry their type first, then their fields")
    void pushes() {
        assertEquals("{\"type\":\"patch\",\"uri\":\"/a\",\"token\":\"t\"}", Messages.patch("/a", "t"));
        assertEquals("{\"type\":\"navigate\",\"uri\":\"/b\"}", Messages.navigate("/b"));
        assertEquals("{\"type\":\"redirect\",\"uri\":\"/c\"}", Messages.redirect("/c"));
        assertEquals("{\"type\":\"diff\",\"diff\":{\"0\":\"1\"}}", Messages.pushed(DIFF));
        assertEquals("{\"type\":\"push\",\"event\":\"e\",\"payload\":{\"0\":\"1\"}}", Messages.pushEvent("e", DIFF));
        assertEquals("{\"type\":\"error\",\"reason\":\"bad\"}", Messages.error("bad"));
    }
}
