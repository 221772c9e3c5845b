package dev.jsctx.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.liveview.test.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A rolling restart, as docs/DEPLOY.md sets it up: Redis, two packaged counter nodes and nginx with the shipped site
 * (all real processes on loopback), one Chromium tab through nginx. The node serving the tab gets SIGTERM: it parks
 * the tab's count in Redis and exits; the tab reconnects through nginx to the other node, which resumes the count.
 * Three rounds (the stopped node starts again on its port in between), and the time from SIGTERM until the tab is
 * connected again on the other node is printed with its median.
 */
class RollingRestartIT {
    private static final int ROUNDS = 3;

    @Test
    @DisplayName("SIGTERM on the tab's node: the tab reconnects through nginx to the other node and keeps its count")
    void rollingRestart() throws Exception {
        Path dir = Files.createTempDirectory("rolling-restart");
        String secret = "it-secret-shared-by-every-node-0123456789";
        int nginxPort = LocalProcess.freePort();
        List<AppNode> nodes = new ArrayList<>();
        try (RedisServer redis = ItEnvironment.startRedis(dir.resolve("redis"))) {
            Map<String, String> env = Map.of(
                    "LIVEVIEW_SECRET",
                    secret,
                    "LIVEVIEW_REDIS_URI",
                    redis.uri(),
                    "LIVEVIEW_REDIS_COMMAND_TIMEOUT",
                    ItEnvironment.REDIS_COMMAND_TIMEOUT,
                    "LIVEVIEW_ALLOWED_ORIGINS",
                    "http://localhost:" + nginxPort);
            for (int i = 1; i <= 2; i++) {
                nodes.add(AppNode.start(
                        "counter-" + i, AppNode.packaged("counter"), "counter", env, dir.resolve("n" + i)));
            }
            try (Nginx nginx = Nginx.start(
                            dir.resolve("nginx"),
                            nginxPort,
                            nodes.get(0).port(),
                            nodes.get(1).port());
                    Browser browser = Browser.open()) {
                Browser.Window tab = browser.connect(java.net.URI.create(nginx.origin() + "/"));
                for (int i = 0; i < 7; i++) {
                    tab.click("#inc");
                }
                tab.awaitText("#count", "7");
                long count = 7;
                List<Long> millis = new ArrayList<>();
                for (int round = 0; round < ROUNDS; round++) {
                    int serving = servingNode(nodes);
                    AppNode stopped = nodes.get(serving);
                    AppNode other = nodes.get(1 - serving);
                    long sigterm = System.nanoTime();
                    stopped.terminate();
                    Poll.until(
                            "the tab connected again, on " + other,
                            Duration.ofSeconds(20),
                            () -> other.sessionsActive() == 1 && tab.status().contains("jsctx-connected"),
                            back -> back);
                    millis.add((System.nanoTime() - sigterm) / 1_000_000);
                    tab.awaitText("#count", String.valueOf(count));
                    tab.click("#inc"); // the count lives on the other node now: it goes on from there
                    tab.awaitText("#count", String.valueOf(++count));
                    assertTrue(
                            stopped.awaitExit(Duration.ofSeconds(10)), stopped + " should exit within 10 s of SIGTERM");
                    stopped.close();
                    if (round < ROUNDS - 1) {
                        nodes.set(
                                serving,
                                AppNode.start(
                                        "counter-" + (serving + 1) + "-again",
                                        AppNode.packaged("counter"),
                                        "counter",
                                        env,
                                        dir.resolve("n" + (serving + 1) + "-" + round),
                                        stopped.port()));
                    }
                }
                List<Long> sorted = millis.stream().sorted().toList();
                System.out.printf(
                        "rolling restart: SIGTERM to the tab connected again on the other node, ms per round %s, p50 %d%n",
                        millis, sorted.get(sorted.size() / 2));
                assertEquals(
                        List.of(),
                        browser.consoleErrors().stream()
                                .filter(error -> !error.contains("WebSocket")) // the socket its node closed
                                .toList());
            }
        } catch (AssertionError | RuntimeException e) {
            ChatAcrossNodesIT.printLogs(dir);
            throw e;
        } finally {
            for (AppNode node : nodes) {
                node.close();
            }
        }
    }

    /** The node whose metrics count the one tab. */
    private static int servingNode(List<AppNode> nodes) throws Exception {
        return Poll.until(
                "one node serving the tab",
                Duration.ofSeconds(20),
                () -> nodes.get(0).sessionsActive() == 1 ? 0 : nodes.get(1).sessionsActive() == 1 ? 1 : -1,
                index -> index >= 0);
    }
}
