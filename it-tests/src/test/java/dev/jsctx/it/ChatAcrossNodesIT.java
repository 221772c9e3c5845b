package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsctx.liveview.test.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The chat on two nodes that share a Redis server (all real processes on loopback: Redis, two packaged chat-app
 * JVMs) and a Chromium tab on each: what one tab posts, the other shows within a second; both count two members;
 * a tab that joins later, on either node, sees the history.
 */
class ChatAcrossNodesIT {
    private static final String MESSAGE = "li.message";

    @Test
    @DisplayName("a message posted on node 1 shows on node 2 within 1 s; #members is 2 on both; a late tab sees it")
    void chatAcrossNodes() throws Exception {
        Path dir = Files.createTempDirectory("chat-nodes");
        String secret = "it-secret-shared-by-every-node-0123456789";
        try (RedisServer redis = ItEnvironment.startRedis(dir.resolve("redis"));
                AppNode one = chatNode("chat-1", redis, secret, dir);
                AppNode two = chatNode("chat-2", redis, secret, dir);
                Browser browser = Browser.open()) {
            Browser.Window ada = browser.connect(one.uri("/rooms/it"));
            Browser.Window bob = browser.connect(two.uri("/rooms/it"));
            ada.awaitText("#members", "2");
            bob.awaitText("#members", "2");
            ada.type("#nickname", "ada");
            ada.click("#nickname-form button");
            ada.awaitText("#error", "");

            ada.type("#text", "hello from *node one*");
            long posted = System.nanoTime();
            ada.click("#message-form button");
            bob.awaitText(Duration.ofSeconds(1), MESSAGE + " .text", "hello from node one");
            System.out.printf(
                    "chat across nodes: the message showed on node 2 %.0f ms after the click on node 1%n",
                    (System.nanoTime() - posted) / 1e6);
            assertEquals(List.of("ada"), bob.texts(MESSAGE + " .author"));
            assertEquals("node one", bob.text(MESSAGE + " .text strong"));

            Browser.Window late = browser.connect(two.uri("/rooms/it"));
            assertEquals(List.of("hello from node one"), late.texts(MESSAGE + " .text"));
            late.awaitText("#members", "3");
            ada.awaitText("#members", "3");
            // its view may still resume for 30 s (liveview.resume-window), but a closed tab no longer counts
            late.close();
            ada.awaitText("#members", "2");
            bob.awaitText("#members", "2");
            assertEquals(List.of(), browser.consoleErrors());
        } catch (AssertionError | RuntimeException e) {
            printLogs(dir);
            throw e;
        }
    }

    /** Prints the log of every process a failed test started under {@code dir}. */
    static void printLogs(Path dir) throws java.io.IOException {
        System.out.println("Logs of " + dir + " follow");
        try (var logs = Files.walk(dir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                System.out.println("---- " + log + "\n" + Files.readString(log));
            }
        }
    }

    private static AppNode chatNode(String name, RedisServer redis, String secret, Path dir) throws Exception {
        return AppNode.start(
                name,
                AppNode.packaged("chat"),
                "chat",
                Map.of(
                        "LIVEVIEW_SECRET",
                        secret,
                        "LIVEVIEW_REDIS_URI",
                        redis.uri(),
                        "LIVEVIEW_REDIS_COMMAND_TIMEOUT",
                        ItEnvironment.REDIS_COMMAND_TIMEOUT),
                dir.resolve(name));
    }
}
