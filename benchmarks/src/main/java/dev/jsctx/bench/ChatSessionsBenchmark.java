package dev.jsctx.bench;

import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code chat-sessions}: retained heap per subscribed chat session. Starts the packaged chat app (in memory, no
 * Redis) in its own JVM, reads its live heap after GC, joins N tabs over WebSockets into rooms of a fixed size
 * ({@code /rooms/bench-K}; each tab subscribes to and tracks its room and holds its own {@code chat.js} context),
 * reads the heap again and prints the difference per tab. Idle tabs: the figure is what a subscribed session
 * holds, beside {@code sessions}' counter figure.
 */
final class ChatSessionsBenchmark {
    /** Tabs joined and closed before the first heap reading, so one-time allocations are not counted. */
    private static final int PRIMING_TABS = 200;

    private ChatSessionsBenchmark() {}

    static void run(int tabs, int tabsPerRoom, Path chatHome) throws IOException, InterruptedException {
        Path log = Path.of(System.getProperty("java.io.tmpdir"), "jsctx-chat-sessions-server.log");
        System.out.printf(
                "# chat-sessions: %d tabs in rooms of %d; starting %s (-Xmx2g), log %s%n",
                tabs, tabsPerRoom, chatHome.resolve("bin/chat"), log);
        // no resume window: the priming tabs' views end when they close, not 30 s later inside the baseline
        try (ServerProcess app = ServerProcess.packagedApp(chatHome, "chat", "-Dliveview.resume-window=PT0S", log);
                LiveClient client =
                        LiveClient.builder(app.base()).keptMessages(0).build()) {
            client.page("/");
            join(client, PRIMING_TABS, tabsPerRoom, "prime").forEach(LiveConnection::close);
            long heapBefore = app.heapUsedAfterGc();
            List<LiveConnection> joined = join(client, tabs, tabsPerRoom, "bench");
            long heapAfter = app.heapUsedAfterGc();
            System.out.printf(
                    "# server heap after GC: %d MB before, %d MB with the tabs open%n",
                    heapBefore >> 20, heapAfter >> 20);
            Figures.print("tabs", joined.size());
            Figures.print("tabs_per_room", tabsPerRoom);
            Figures.print(
                    "heap_per_chat_session_bytes", joined.isEmpty() ? -1 : (heapAfter - heapBefore) / joined.size());
            joined.forEach(LiveConnection::close);
        }
    }

    /** Joins tabs 100 at a time, each in room {@code prefix-(i / tabsPerRoom)}; the tabs that joined. */
    private static List<LiveConnection> join(LiveClient client, int tabs, int tabsPerRoom, String prefix) {
        List<LiveConnection> joined = new ArrayList<>(tabs);
        for (int first = 0; first < tabs; first += 100) {
            List<CompletableFuture<LiveReply>> replies = new ArrayList<>();
            List<LiveConnection> batch = new ArrayList<>();
            for (int i = first; i < Math.min(tabs, first + 100); i++) {
                String token =
                        client.page("/rooms/" + prefix + "-" + i / tabsPerRoom).token();
                LiveConnection tab = client.connect();
                batch.add(tab);
                replies.add(tab.joinAsync(token));
            }
            for (int i = 0; i < batch.size(); i++) {
                if (replies.get(i).join().ok()) {
                    joined.add(batch.get(i));
                } else {
                    batch.get(i).close();
                }
            }
        }
        if (joined.size() < tabs) {
            System.out.printf("# %d of %d tabs joined%n", joined.size(), tabs);
        }
        return joined;
    }
}
