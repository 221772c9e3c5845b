package dev.jsctx.examples.host;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.HostFunctions;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import jakarta.json.Json;
import jakarta.json.JsonString;
import java.util.Map;
import java.util.NoSuchElementException;

/** README's "Let JavaScript ask Java": a context whose script looks a user up through a host function. */
public final class HostExample {
    private HostExample() {}

    /**
     * Prints {@code Hello, Ada!}.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println(greet("u1"));
    }

    static String greet(String userId) {
        // tag::host[]
        Map<String, String> users = Map.of("u1", "Ada", "u2", "Grace"); // stands for a database
        // findUser runs on a virtual thread, so it may block; what it throws reaches JavaScript as an Error.
        HostFunctions host = HostFunctions.builder()
                .async("findUser", args -> {
                    String name = users.get(args.getString(0));
                    if (name == null) {
                        throw new NoSuchElementException("no user " + args.getString(0));
                    }
                    return Json.createObjectBuilder().add("name", name).build();
                })
                .build();
        PoolConfig config = PoolConfig.builder().threads(2).build();
        try (ContextPool pool = ContextPool.create(config)) {
            ContextSpec spec = ContextSpec.builder()
                    .addScript(Script.ofText("greeter.js", """
                            async function greet(id) {
                              try {
                                const user = await host.call("findUser", id);
                                return "Hello, " + user.name + "!";
                              } catch (e) {
                                return "Sorry: " + e.message;
                              }
                            }
                            """))
                    .build();
            try (JsContext greeter = pool.open(spec, host)) { // the functions are this context's alone
                return ((JsonString) greeter.call("greet", Json.createValue(userId))).getString();
            }
        }
        // end::host[]
    }
}
