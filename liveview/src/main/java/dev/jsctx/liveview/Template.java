package dev.jsctx.liveview;

import java.util.ArrayList;
import java.util.List;

/**
 * HTML with holes, parsed once and filled on every render. Each {@code {}} in the source is a hole; the text
 * between holes is static and travels to the browser once.
 *
 * {@snippet :
 * private static final Template COUNTER = Template.of("""
 *         <p id="count">{}</p>
 *         <button id="inc" data-jsctx-click="inc">+</button>
 *         """);
 *
 * public Rendered render() {
 *     return COUNTER.with(count);
 * }
 * }
 *
 * <p>Values are escaped: a {@link Rendered} value is nested as is (a template, a list from
 * {@link Html#each(Iterable, java.util.function.Function)}, or trusted HTML from {@link Html#unsafeRaw(String)});
 * {@code null} renders as nothing; anything else renders as {@link String#valueOf(Object)} with
 * {@code & < > " '} escaped, which is safe in element text and in quoted attribute values. Do not put a hole
 * in an unquoted attribute, a tag name, or inside {@code <script>} or {@code <style>}.
 *
 * <p>Keep templates in {@code static final} fields: a template is immutable and thread-safe, and reusing one
 * instance lets the diff recognise unchanged statics by identity.
 */
public final class Template {

    private static final String HOLE = "{}";

    private final String[] statics;

    private Template(String[] statics) {
        this.statics = statics;
    }

    /**
     * Parse a template.
     *
     * @param source HTML in which every {@code {}} is a hole
     * @return the template
     */
    public static Template of(String source) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int hole = source.indexOf(HOLE); hole >= 0; hole = source.indexOf(HOLE, start)) {
            parts.add(source.substring(start, hole));
            start = hole + HOLE.length();
        }
        parts.add(source.substring(start));
        return new Template(parts.toArray(String[]::new));
    }

    /**
     * Number of holes, so the number of values {@link #with(Object...)} takes.
     *
     * @return the number of holes
     */
    public int holes() {
        return statics.length - 1;
    }

    /**
     * Fill the holes, in order.
     *
     * @param values one value per hole, escaped as the class documentation says
     * @return the rendered template
     * @throws IllegalArgumentException if the number of values differs from the number of holes
     */
    public Rendered with(Object... values) {
        if (values.length != holes()) {
            throw new IllegalArgumentException("template has " + holes() + " holes but got " + values.length
                    + " values; template starts with: " + abbreviate(statics[0]));
        }
        Object[] dynamics = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            dynamics[i] = dynamic(values[i]);
        }
        return new RenderedTemplate(statics, dynamics);
    }

    private static Object dynamic(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Rendered rendered) {
            return rendered;
        }
        return Html.escape(String.valueOf(value));
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
