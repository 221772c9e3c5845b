package dev.jsctx.examples.todo;

import dev.jsctx.liveview.LiveViewFeature;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.PoolConfig;
import io.helidon.webserver.WebServer;

/**
 * Runs the to-do list of README's "Write your own live view" on <a href="http://localhost:8080/todo">port 8080</a>:
 * {@code mvn -pl examples -am compile exec:java}.
 */
public final class TodoApp {
    private TodoApp() {}

    // tag::todo-app[]
    public static void main(String[] args) {
        ContextPool pool = ContextPool.create(PoolConfig.builder().threads(2).build());
        WebServer server = start(pool, 8080);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(); // ends every tab, which closes its context
            pool.close();
        }));
        System.out.println("To-do list on http://localhost:" + server.port() + "/todo");
    }

    static WebServer start(ContextPool pool, int port) {
        return WebServer.builder()
                .host("localhost") // "0.0.0.0" to be reachable from other machines
                .port(port)
                .addFeature(LiveViewFeature.builder()
                        .view("/todo", () -> new TodoLive(pool)) // GET /todo renders it; each tab gets its own
                        .build())
                .build()
                .start();
    }
    // end::todo-app[]
}
