package dev.jsctx.pool;

import dev.jsctx.pool.spi.JsEngineProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds the engine a pool runs on. An explicit name ({@link PoolConfig#engine()}, else the system property
 * {@value #ENGINE_PROPERTY}) beats scanning; without one, the class path must hold exactly one engine.
 * Providers that fail to load are logged and skipped; every other problem is an
 * {@link EngineNotAvailableException} that lists what was found.
 */
final class EngineDiscovery {
    /** The system property that names the engine when {@link PoolConfig#engine()} does not. */
    static final String ENGINE_PROPERTY = "jsctx.engine";

    private static final System.Logger LOG = System.getLogger(EngineDiscovery.class.getName());
    private static final String SERVICE_FILE = "META-INF/services/" + JsEngineProvider.class.getName();
    /** ServiceLoader may fail on every entry of a broken file; stop trying after this many errors. */
    private static final int MAX_LOAD_ERRORS = 32;

    private EngineDiscovery() {}

    static JsEngineProvider find(PoolConfig config) {
        if (config.engineProvider().isPresent()) {
            return checkVersion(config.engineProvider().get());
        }
        String wanted = config.engine().orElseGet(() -> System.getProperty(ENGINE_PROPERTY));
        return find(wanted, EngineDiscovery.class.getClassLoader());
    }

    /**
     * @param wanted the engine's name, or null (or blank) for the only one found
     * @param loader where to look for providers
     */
    static JsEngineProvider find(String wanted, ClassLoader loader) {
        List<JsEngineProvider> found = load(loader);
        JsEngineProvider chosen = (wanted == null || wanted.isBlank()) ? onlyOne(found) : named(wanted.strip(), found);
        return checkVersion(chosen);
    }

    private static JsEngineProvider checkVersion(JsEngineProvider chosen) {
        if (chosen.apiVersion() != JsEngineProvider.API_VERSION) {
            throw new EngineNotAvailableException(
                    "JavaScript engine " + describe(chosen) + " was written for SPI version "
                            + chosen.apiVersion() + ", but this jsctx-pool-api implements version "
                            + JsEngineProvider.API_VERSION + ": use an engine release built for this pool-api");
        }
        return chosen;
    }

    private static List<JsEngineProvider> load(ClassLoader loader) {
        List<JsEngineProvider> found = new ArrayList<>();
        Iterator<JsEngineProvider> providers =
                ServiceLoader.load(JsEngineProvider.class, loader).iterator();
        int errors = 0;
        while (errors < MAX_LOAD_ERRORS) {
            try {
                if (!providers.hasNext()) {
                    break;
                }
                found.add(providers.next());
            } catch (ServiceConfigurationError e) {
                errors++;
                LOG.log(
                        System.Logger.Level.WARNING,
                        "Skipped a JavaScript engine provider that failed to load: " + e.getMessage());
            }
        }
        return found;
    }

    private static JsEngineProvider onlyOne(List<JsEngineProvider> found) {
        if (found.isEmpty()) {
            throw new EngineNotAvailableException("No JavaScript engine was found: nothing on the class path registers "
                    + SERVICE_FILE + ". Add an engine, for example the dependency dev.jsctx:jsctx-pool-graal.");
        }
        if (found.size() > 1) {
            throw new EngineNotAvailableException("Several JavaScript engines were found: " + list(found)
                    + ". Choose one with PoolConfig.builder().engine(name) or -D" + ENGINE_PROPERTY + "=name.");
        }
        return found.get(0);
    }

    private static JsEngineProvider named(String wanted, List<JsEngineProvider> found) {
        List<JsEngineProvider> matching =
                found.stream().filter(p -> wanted.equals(p.name())).toList();
        if (matching.isEmpty()) {
            throw new EngineNotAvailableException("No JavaScript engine named '" + wanted + "' was found (from "
                    + "PoolConfig.engine or -D" + ENGINE_PROPERTY + "); found: "
                    + (found.isEmpty() ? "none" : list(found))
                    + ". Use one of those names, or add the engine's jar to the class path.");
        }
        if (matching.size() > 1) {
            throw new EngineNotAvailableException("Several JavaScript engines are named '" + wanted + "': "
                    + list(matching) + ". Keep only one of them on the class path.");
        }
        return matching.get(0);
    }

    private static String list(List<JsEngineProvider> providers) {
        return providers.stream().map(EngineDiscovery::describe).collect(Collectors.joining(", "));
    }

    private static String describe(JsEngineProvider provider) {
        return "'" + provider.name() + "' (" + provider.getClass().getName() + ")";
    }
}
