package dev.jsctx.liveview;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Helpers for {@link Template} values: lists, escaping, and the one way to insert HTML unescaped.
 */
public final class Html {

    private Html() {}

    /**
     * Render a list whose items all come from one template (a comprehension): its statics travel once, and each
     * item carries only its dynamics.
     *
     * {@snippet :
     * private static final Template ROW = Template.of("<li>{}</li>");
     * LIST.with(Html.each(names, name -> ROW.with(name)));
     * }
     *
     * @param items the items, in display order
     * @param row   renders one item; must return a {@link Template#with(Object...)} result of the same template
     *              (or of templates with equal text) for every item
     * @param <T>   type of the items
     * @return the rendered list, empty if there are no items
     * @throws IllegalArgumentException if the rows do not all come from one template
     */
    public static <T> Rendered each(Iterable<T> items, Function<? super T, Rendered> row) {
        String[] statics = null;
        List<Object[]> dynamics = new ArrayList<>();
        for (T item : items) {
            if (!(row.apply(item) instanceof RenderedTemplate template)) {
                throw new IllegalArgumentException("Html.each rows must be Template.with(...) results");
            }
            if (statics == null) {
                statics = template.statics();
            } else if (!template.sameStatics(statics)) {
                throw new IllegalArgumentException("Html.each rows must all come from one template");
            }
            dynamics.add(template.dynamics());
        }
        return statics == null ? RenderedList.empty() : new RenderedList(statics, List.copyOf(dynamics));
    }

    /**
     * Insert HTML exactly as given, without escaping: the escape hatch. Never pass text that a user or another
     * system could influence; it would run as script in every browser that shows it.
     *
     * @param trustedHtml HTML written by the application itself
     * @return a value that renders the HTML unchanged
     */
    public static Rendered unsafeRaw(String trustedHtml) {
        return new RenderedTemplate(new String[] {trustedHtml}, new Object[0]);
    }

    /**
     * Escape text for HTML element content and quoted attribute values: {@code & < > " '}.
     *
     * @param text any text
     * @return the escaped text
     */
    public static String escape(String text) {
        int first = firstSpecial(text);
        if (first < 0) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    private static int firstSpecial(String text) {
        for (int i = 0; i < text.length(); i++) {
            switch (text.charAt(i)) {
                case '&', '<', '>', '"', '\'' -> {
                    return i;
                }
                default -> {}
            }
        }
        return -1;
    }
}
