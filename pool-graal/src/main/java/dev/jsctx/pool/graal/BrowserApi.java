package dev.jsctx.pool.graal;

import dev.jsctx.pool.BrowserLimits;
import dev.jsctx.pool.spi.ContextHost;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The {@link dev.jsctx.pool.ApiSurface#BROWSER} globals of one context. They are written in JavaScript
 * ({@value #RESOURCE}, one cached {@link Source} per engine) over four host functions, handed in as
 * {@link ProxyExecutable}s and reachable only through the closures browser.js makes: the context gets no other
 * host access. Timers run as tasks of the pool ({@link ContextHost#schedule}) on the context's runtime thread
 * and the pool cancels them when the context closes; browser.js holds them to the pool's
 * {@link BrowserLimits} (pending timers, minimum delay), and console output goes through the context's
 * {@link ScriptLog}. {@code TextEncoder}/{@code TextDecoder} and {@code performance} are GraalJS's own
 * ({@code js.text-encoding}, {@code js.performance}).
 */
final class BrowserApi {
    static final String RESOURCE = "dev/jsctx/pool/graal/browser.js";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_RANDOM_BYTES = 65_536;

    private final GraalEngineContext owner;
    private final Map<Integer, ContextHost.Cancellable> timers = new HashMap<>();

    private BrowserApi(GraalEngineContext owner) {
        this.owner = owner;
    }

    /** @return browser.js as a cached source, to parse once per engine */
    static Source source() {
        try (InputStream in = BrowserApi.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("Missing class-path resource " + RESOURCE);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "jsctx-browser.js")
                    .cached(true)
                    .internal(true)
                    .buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    /**
     * Runs browser.js in the context; it defines the globals.
     *
     * @param owner the context, whose host runs the timers (and cancels them when the context closes)
     */
    static void install(Context context, Source source, GraalEngineContext owner) {
        BrowserApi api = new BrowserApi(owner);
        Value installer = context.eval(source);
        BrowserLimits limits = owner.host().browserLimits();
        installer.executeVoid(
                api.schedule(),
                api.cancel(),
                api.log(),
                api.randomBytes(),
                limits.maxPendingTimers(),
                limits.minTimerDelay().toMillis());
    }

    /** {@code schedule(id, delayMillis, task)}: runs {@code task} once after the delay, unless cancelled. */
    private ProxyExecutable schedule() {
        return args -> {
            int id = args[0].asInt();
            long delay = Math.max(0, args[1].asLong());
            Value task = args[2];
            timers.put(id, owner.host().schedule(delay, () -> {
                if (timers.remove(id) != null) {
                    owner.runTask(task);
                }
            }));
            return null;
        };
    }

    /** {@code cancel(id)}: cancels a scheduled task; harmless if it ran or is unknown. */
    private ProxyExecutable cancel() {
        return args -> {
            ContextHost.Cancellable timer = timers.remove(args[0].asInt());
            if (timer != null) {
                timer.cancel();
            }
            return null;
        };
    }

    /** {@code log(level, text)}: level is one of debug, info, warn, error. */
    private ProxyExecutable log() {
        return args -> {
            System.Logger.Level level = switch (args[0].asString()) {
                case "debug" -> System.Logger.Level.DEBUG;
                case "warn" -> System.Logger.Level.WARNING;
                case "error" -> System.Logger.Level.ERROR;
                default -> System.Logger.Level.INFO;
            };
            owner.log().log(level, args[1].asString());
            return null;
        };
    }

    /** {@code randomBytes(n)}: n bytes from a {@link SecureRandom}, as an array of 0-255. */
    private static ProxyExecutable randomBytes() {
        return args -> {
            int length = args[0].asInt();
            if (length < 0 || length > MAX_RANDOM_BYTES) {
                throw new IllegalArgumentException("randomBytes: 0 to " + MAX_RANDOM_BYTES + " bytes");
            }
            byte[] bytes = new byte[length];
            RANDOM.nextBytes(bytes);
            Object[] values = new Object[length];
            for (int i = 0; i < length; i++) {
                values[i] = bytes[i] & 0xFF;
            }
            return ProxyArray.fromArray(values);
        };
    }
}
