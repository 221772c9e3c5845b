package dev.jsctx.examples.fragments;

import dev.jsctx.liveview.Html;
import dev.jsctx.liveview.JsCommands;
import dev.jsctx.liveview.Rendered;
import dev.jsctx.liveview.Template;
import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.FairShare;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.MemoryLimitExceededException;
import dev.jsctx.pool.PoolConfig;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;

/**
 * The short samples of liveview/README.md and pool-api/README.md, compiled here so that they cannot go stale;
 * {@code ReadmeFragmentsTest} runs them.
 */
public final class ReadmeFragments {
    /** An item of the keyed-list sample. */
    public record Todo(String id, String title) {}

    private static final Template LIST = Template.of("<ul>{}</ul>");
    // tag::keyed-list[]
    private static final Template ROW = Template.of("<li id=\"todo-{}\">{}</li>");

    static Rendered todoList(List<Todo> todos) {
        return LIST.with(Html.each(todos, Todo::id, todo -> ROW.with(todo.id(), todo.title())));
    }
    // end::keyed-list[]

    // tag::client-commands[]
    private static final Template MENU =
            Template.of("<button data-jsctx-click=\"{}\">menu</button><nav id=\"menu\">…</nav>");

    static Rendered menu() {
        return MENU.with(JsCommands.create().toggleClass("#menu", "open").push("menu-opened"));
    }
    // end::client-commands[]

    private ReadmeFragments() {}

    static PoolConfig fairShareConfig() {
        // tag::fair-share[]
        PoolConfig config = PoolConfig.builder()
                .callTimeout(Duration.ofSeconds(1))
                .fairShare(FairShare.builder()
                        .share(0.05)
                        .probationCallTimeout(Duration.ofMillis(5))
                        .build())
                .build();
        // end::fair-share[]
        return config;
    }

    /** @return what {@code handle} returned, or {@code null} when the context ran over its limit */
    static JsonValue memoryLimited(ContextSpec spec, JsonValue input) {
        // tag::memory-limit[]
        try (ContextPool pool = ContextPool.create(
                        PoolConfig.builder().memoryLimit(16L << 20).build());
                JsContext ctx = pool.open(spec)) {
            return ctx.call("handle", input);
        } catch (MemoryLimitExceededException e) {
            // the call was interrupted and the context closed (its heap freed); open a new one
            return null;
        }
        // end::memory-limit[]
    }
}
