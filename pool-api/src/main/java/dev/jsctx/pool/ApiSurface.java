package dev.jsctx.pool;

/**
 * Which globals a context gets beyond the ECMAScript language itself.
 */
public enum ApiSurface {
    /**
     * Bare ECMAScript: no console, no timers, no {@code print}, {@code load}, Java or polyglot access.
     * The smallest and fastest context; the counter's choice.
     */
    NONE,
    /**
     * The Web APIs a browser script most often needs: {@code console} (to the logger),
     * {@code setTimeout}/{@code setInterval}/{@code clearTimeout}/{@code clearInterval} and
     * {@code queueMicrotask} (run on the context's own runtime thread, cancelled when the context closes),
     * {@code TextEncoder}/{@code TextDecoder}, {@code URL}/{@code URLSearchParams}, {@code atob}/{@code btoa},
     * {@code structuredClone}, {@code crypto.getRandomValues}/{@code crypto.randomUUID} and
     * {@code performance.now}.
     */
    BROWSER
}
