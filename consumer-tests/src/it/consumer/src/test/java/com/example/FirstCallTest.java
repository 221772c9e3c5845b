package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jsctx.pool.ContextPool;
import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.JsContext;
import dev.jsctx.pool.PoolConfig;
import dev.jsctx.pool.Script;
import jakarta.json.Json;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;

/** What a user does first: a pool, a context with a script, one call. The engine is whichever is on the class path. */
class FirstCallTest {
    private static final ContextSpec GREETER = ContextSpec.builder()
            .addScript(Script.ofText("greeter.js", "function greet(name) { return 'Hello, ' + name + '!'; }"))
            .build();

    @Test
    void callsAFunctionOfTheScript() {
        try (ContextPool pool = ContextPool.create(PoolConfig.builder().threads(1).build());
                JsContext greeter = pool.open(GREETER)) {
            String greeting = ((JsonString) greeter.call("greet", Json.createValue("jsctx"))).getString();
            String engine = pool.engineInfo().get("engine");
            System.out.println("jsctx consumer: " + engine + " says " + greeting);
            assertEquals("Hello, jsctx!", greeting);
            assertEquals(System.getProperty("expected.engine"), engine);
        }
    }
}
