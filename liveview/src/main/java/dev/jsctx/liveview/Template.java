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
 * {@code & < > " '} escaped, which is safe in element text and in quoted attribute values.
 *
 * <p>{@link #of(String)} refuses holes where that escaping is not enough: inside {@code <script>} or
 * {@code <style>}, in a tag or attribute name, in an unquoted attribute value, in an event-handler
 * ({@code onclick="{}"}), {@code style} or {@code srcdoc} attribute, and at the start of a URL attribute
 * ({@code href="{}"} could be {@code javascript:...}, while {@code href="/items/{}"} is fine). Write {@code {{}}}
 * for a literal {@code {}}, for example in inline CSS or JS.
 *
 * <p>Keep templates in {@code static final} fields: a template is immutable and thread-safe, and reusing one
 * instance lets the diff recognise unchanged statics by identity.
 */
public final class Template {

    private static final String HOLE = "{}";
    /** Written {@code {{}}} in a template, a literal {@code {}} in the HTML. */
    private static final String LITERAL_HOLE = "{{}}";

    private final String[] statics;

    private Template(String[] statics) {
        this.statics = statics;
    }

    /**
     * Parse a template.
     *
     * @param source HTML in which every {@code {}} is a hole and every {@code {{}}} a literal {@code {}}
     * @return the template
     * @throws IllegalArgumentException if a hole is in an unsafe place; the message says which hole and where
     */
    public static Template of(String source) {
        List<String> parts = new ArrayList<>();
        HolePlaces places = new HolePlaces();
        StringBuilder part = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith(LITERAL_HOLE, i)) {
                part.append(HOLE);
                i += LITERAL_HOLE.length();
            } else if (source.startsWith(HOLE, i)) {
                places.text(part.toString());
                places.hole(parts.size() + 1);
                parts.add(part.toString());
                part.setLength(0);
                i += HOLE.length();
            } else {
                part.append(source.charAt(i));
                i++;
            }
        }
        parts.add(part.toString());
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
