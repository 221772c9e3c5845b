package dev.jsctx.pool.graal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsctx.pool.ApiSurface;
import dev.jsctx.pool.JsException;
import dev.jsctx.pool.tck.HarnessContext;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BrowserApiTest extends EngineFixture {

    private String text(HarnessContext ctx, String source) {
        return ((JsonString) ctx.value(source)).getString();
    }

    @Test
    @DisplayName("console writes to the context's logger with its label and level")
    void console() {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        ctx.value("console.log('hello', 1, {a: [2]}); console.error('bad'); console.warn('careful')");
        assertEquals(
                java.util.List.of("INFO [test] hello 1 {\"a\":[2]}", "ERROR [test] bad", "WARNING [test] careful"),
                ctx.host().logged());
    }

    @Test
    @DisplayName("TextEncoder and TextDecoder round-trip UTF-8")
    void textEncoding() {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        assertEquals("104,195,169,226,130,172", text(ctx, "new TextEncoder().encode('hé€').join()"));
        assertEquals("hé€", text(ctx, "new TextDecoder().decode(new TextEncoder().encode('hé€'))"));
    }

    @Test
    @DisplayName("btoa and atob follow the browser's Latin-1 rules")
    void base64() {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        assertEquals("aGVsbG8gd29ybGQ=", text(ctx, "btoa('hello world')"));
        assertEquals("hello world", text(ctx, "atob('aGVsbG8gd29ybGQ=')"));
        assertEquals("\u00ff\u0000a", text(ctx, "atob(btoa('\\u00ff\\u0000a'))"));
        assertEquals(
                "InvalidCharacterError",
                ctx.eval("btoa('€')").error(JsException.class).jsName());
        assertEquals(
                "InvalidCharacterError",
                ctx.eval("atob('a')").error(JsException.class).jsName());
    }

    @Test
    @DisplayName("structuredClone copies deeply, keeps cycles, Maps, Sets and Dates, and refuses functions")
    void structuredClone() {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        assertEquals(JsonValue.TRUE, ctx.value("""
                const o = {a: [1, {b: 2}], m: new Map([[1, 'x']]), s: new Set([3]), d: new Date(5)};
                o.self = o;
                const c = structuredClone(o);
                c !== o && c.self === c && c.a[1].b === 2 && c.a !== o.a && c.m.get(1) === 'x' && c.s.has(3)
                  && c.d instanceof Date && c.d.getTime() === 5
                """));
        assertEquals(
                "DataCloneError",
                ctx.eval("structuredClone({f() {}})").error(JsException.class).jsName());
    }

    @Test
    @DisplayName("crypto fills typed arrays and makes version-4 UUIDs")
    void crypto() {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        assertTrue(text(ctx, "crypto.randomUUID()")
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertNotEquals(ctx.value("crypto.randomUUID()"), ctx.value("crypto.randomUUID()"));
        assertEquals(
                JsonValue.TRUE,
                ctx.value(
                        "const a = crypto.getRandomValues(new Uint32Array(64)); a.some(x => x !== 0) && a.length === 64"));
        assertEquals(
                "QuotaExceededError",
                ctx.eval("crypto.getRandomValues(new Uint8Array(65537))")
                        .error(JsException.class)
                        .jsName());
        assertEquals(
                "TypeMismatchError",
                ctx.eval("crypto.getRandomValues(new Float64Array(1))")
                        .error(JsException.class)
                        .jsName());
    }

    @Test
    @DisplayName("performance.now is a growing number")
    void performanceNow() {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        assertTrue(
                ((JsonNumber) ctx.value("const t = performance.now(); performance.now() >= t ? t : -1")).doubleValue()
                        >= 0);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "new URL('HTTP://User:Pw@Example.COM:80/a/./b/../c?x=1 2#frag').href"
                        + "|http://User:Pw@example.com/a/c?x=1%202#frag",
                "new URL('../d?q#h', 'https://h.example/a/b/c').href|https://h.example/a/d?q#h",
                "new URL('//other.example/p', 'https://h.example/a').href|https://other.example/p",
                "new URL('?y=2', 'http://h/a/b?x=1').href|http://h/a/b?y=2",
                "new URL('#top', 'http://h/a?x=1').href|http://h/a?x=1#top",
                "new URL('https://h:8443/p').origin|https://h:8443",
                "new URL('https://h/p?a=1&b=x+y&a=%C3%A9').searchParams.getAll('a').join()|1,é",
                "new URL('https://h/p?a=1&b=x+y').searchParams.get('b')|x y",
                "(() => { const u = new URL('https://h/p?a=1'); u.searchParams.append('c', 'd e&'); return u.href; })()"
                        + "|https://h/p?a=1&c=d+e%26",
                "(() => { const u = new URL('https://h/p'); u.pathname = '/x y'; u.hash = 'z'; return u.href; })()"
                        + "|https://h/x%20y#z",
                "new URL('mailto:someone@example.com').pathname|someone@example.com",
                "new URL('file:///tmp/x.txt').pathname|/tmp/x.txt",
                "String(new URLSearchParams({b: '2', a: '1'}))|b=2&a=1",
                "(() => { const p = new URLSearchParams('b=2&a=1&b=3'); p.sort(); return p.toString(); })()|a=1&b=2&b=3",
                "URL.canParse('nope')|false",
                "URL.canParse('/p', 'http://h')|true"
            })
    @DisplayName("URL and URLSearchParams parse, resolve and serialize like a browser for ordinary URLs")
    void url(String source, String expected) {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        assertEquals(
                expected,
                String.valueOf(ctx.value("String(" + source + ")") instanceof JsonString s ? s.getString() : null));
    }

    @Test
    @DisplayName("an invalid URL is a TypeError")
    void invalidUrl() {
        HarnessContext ctx = open(ApiSurface.BROWSER);
        assertEquals(
                "TypeError",
                ctx.eval("new URL('not a url')").error(JsException.class).jsName());
        assertEquals(
                "TypeError",
                ctx.eval("new URL('http://exa mple.com/')")
                        .error(JsException.class)
                        .jsName());
    }
}
