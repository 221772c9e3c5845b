package dev.jsctx.pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One JavaScript source file to load into a context, by name and text.
 *
 * <p>Scripts are values: two scripts with the same name and text are equal, and a pool parses each distinct
 * list of scripts once and shares the parsed form among all contexts that load it. A resource script reads
 * its text when it is created, so a missing resource fails here, not at {@code open}.
 */
public final class Script {
    private final String name;
    private final String source;

    private Script(String name, String source) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
    }

    /**
     * A script from text.
     *
     * @param name   the name shown in stack traces, for example {@code "counter.js"}
     * @param source the JavaScript text
     * @return the script
     */
    public static Script ofText(String name, String source) {
        return new Script(name, source);
    }

    /**
     * A script read now from a class-path resource, with the thread's context class loader
     * (or this class's loader when there is none).
     *
     * @param resourcePath the path, for example {@code "counter.js"} or {@code "js/app.js"} (no leading slash)
     * @return the script, named by its path
     * @throws IllegalArgumentException if there is no such resource
     * @throws UncheckedIOException     if it cannot be read
     */
    public static Script ofResource(String resourcePath) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return ofResource(loader != null ? loader : Script.class.getClassLoader(), resourcePath);
    }

    /**
     * A script read now from a class-path resource of the given class loader.
     *
     * @param loader       the class loader to read with
     * @param resourcePath the path, with no leading slash
     * @return the script, named by its path
     * @throws IllegalArgumentException if there is no such resource
     * @throws UncheckedIOException     if it cannot be read
     */
    public static Script ofResource(ClassLoader loader, String resourcePath) {
        String path = resourcePath.startsWith("/") ? resourcePath.substring(1) : resourcePath;
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("No class-path resource '" + path + "' for a script");
            }
            return new Script(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read script resource '" + path + "'", e);
        }
    }

    /**
     * @return the name shown in stack traces
     */
    public String name() {
        return name;
    }

    /**
     * @return the JavaScript text
     */
    public String source() {
        return source;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Script other && name.equals(other.name) && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + source.hashCode();
    }

    @Override
    public String toString() {
        return "Script[" + name + ", " + source.length() + " chars]";
    }
}
