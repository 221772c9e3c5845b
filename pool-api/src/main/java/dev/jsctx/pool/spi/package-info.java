/**
 * The engine SPI: what a JavaScript engine implements to run the pool's contexts. An engine author writes seven
 * methods ({@link dev.jsctx.pool.spi.JsEngineProvider#name()}, {@link dev.jsctx.pool.spi.JsEngineProvider#create},
 * {@link dev.jsctx.pool.spi.JsEngine#newRuntime}, {@link dev.jsctx.pool.spi.EngineRuntime#createContext} and
 * {@link dev.jsctx.pool.spi.EngineContext}'s {@code call}, {@code eval} and {@code interrupt}); the rest has
 * defaults. Signatures hold only SPI types and the pool's value types ({@link dev.jsctx.pool.spi.ContextShape},
 * {@link dev.jsctx.pool.Script}, {@link dev.jsctx.pool.ApiSurface}, {@link dev.jsctx.pool.EngineCapability}, JSON-P
 * values, the exceptions), never a user's configuration object. {@code docs/ENGINES.md} is the guide; the
 * conformance kit and the test harness are in {@code jsctx-pool-tck}.
 */
package dev.jsctx.pool.spi;
