package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.tck.HarnessContext;
import jakarta.json.Json;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxTest extends EngineFixture {

    @ParameterizedTest
    @EnumSource(ApiSurface.class)
    @DisplayName("no host, polyglot, file or Nashorn-style globals exist, whatever the surface")
    void hostGlobalsAreAbsent(ApiSurface surface) {
        HarnessContext ctx = open(surface);
        for (String global : new String[] {
            "Java",
            "Polyglot",
            "Packages",
            "java",
            "javax",
            "com",
            "org",
            "load",
            "loadWithNewGlobal",
            "print",
            "printErr",
            "Graal",
            "require",
            "process",
            "quit",
            "exit",
            "read",
            "readbuffer",
            "Intl",
            "SharedArrayBuffer",
            "Atomics"
        }) {
            assertEquals(Json.createValue("undefined"), ctx.value("typeof " + global), global);
        }
    }

    @Test
    @DisplayName("NONE has no console, timers or Web APIs")
    void noneIsBareEcmascript() {
        HarnessContext ctx = open(ApiSurface.NONE);
        for (String global : new String[] {
            "console",
            "setTimeout",
            "queueMicrotask",
            "TextEncoder",
            "URL",
            "atob",
            "structuredClone",
            "crypto",
            "performance"
        }) {
            assertEquals(Json.createValue("undefined"), ctx.value("typeof " + global), global);
        }
    }

    @Test
    @DisplayName("NONE leaves out Annex B, the web-browser legacy (escape, substr, __proto__); BROWSER keeps it")
    void annexBOnlyInBrowser() {
        String legacy = "[typeof escape, typeof ''.substr, typeof ''.bold, typeof Object.prototype.__defineGetter__,"
                + " '__proto__' in Object.prototype].join()";
        assertEquals(
                Json.createValue("undefined,undefined,undefined,undefined,false"),
                open(ApiSurface.NONE).value(legacy));
        assertEquals(
                Json.createValue("function,function,function,function,true"),
                open(ApiSurface.BROWSER).value(legacy));
    }

    @Test
    @DisplayName("BROWSER has console, timers and the Web APIs, and no host function reachable by name")
    void browserHasWebApis() {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        for (String global : new String[] {
            "console",
            "setTimeout",
            "setInterval",
            "clearTimeout",
            "clearInterval",
            "queueMicrotask",
            "TextEncoder",
            "TextDecoder",
            "URL",
            "URLSearchParams",
            "atob",
            "btoa",
            "structuredClone",
            "crypto",
            "performance"
        }) {
            assertNotEquals(Json.createValue("undefined"), ctx.value("typeof " + global), global);
        }
        assertEquals(
                Json.createValue(""),
                ctx.value("Object.getOwnPropertyNames(globalThis).filter("
                        + "n => /host|schedule|random/i.test(n)).join()"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Java.type('java.lang.System')",
                "Polyglot.eval('js', '1')",
                "load('/etc/passwd')",
                "new Worker('x')"
            })
    @DisplayName("reaching for the host throws a JavaScript error and the context lives on")
    void hostAccessFails(String source) {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        JsException error = ctx.eval(source).error(JsException.class);
        assertEquals("ReferenceError", error.jsName(), error.getMessage());
        assertEquals(Json.createValue(2), ctx.value("1 + 1"));
    }

    @Test
    @DisplayName("ECMAScript 2022 syntax runs: class fields, private members, ?. and ??, numeric separators")
    void ecmascript2022() {
        HarnessContext ctx = open(ApiSurface.NONE, """
                class Counter { #count = 0; static limit = 1_000; inc(by = 1) { return this.#count += by; } }
                const c = new Counter();
                function next() { return c?.inc(undefined ?? 2) ?? -1; }
                """);
        assertEquals(Json.createValue(2), ctx.call("next").value());
        assertTrue(ctx.value("typeof Array.prototype.at").equals(Json.createValue("function")));
    }
}
