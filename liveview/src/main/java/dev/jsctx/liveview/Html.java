package dev.jsctx.liveview;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
        return list(items, null, row);
    }

    /**
     * Render a keyed list: as {@link #each(Iterable, Function)}, and each item has a key that identifies it across
     * renders (an id, not its position). A diff then sends only the items that are new or whose dynamics changed;
     * items that stayed, moved or left cost a few bytes of position data, never their content.
     *
     * {@snippet :
     * private static final Template ROW = Template.of("<li id=\"todo-{}\">{}</li>");
     * LIST.with(Html.each(todos, Todo::id, todo -> ROW.with(todo.id(), todo.title())));
     * }
     *
     * <p>Give the items' elements an {@code id} (as above), so the browser moves an item's element with it
     * instead of rewriting its neighbours.
     *
     * @param items the items, in display order
     * @param key   the item's key: distinct within the list, compared with {@link Object#equals(Object)}
     * @param row   renders one item, as for {@link #each(Iterable, Function)}
     * @param <T>   type of the items
     * @return the rendered list, empty if there are no items
     * @throws IllegalArgumentException if two items have equal keys, a key is null, or the rows do not all come
     *                                  from one template
     */
    public static <T> Rendered each(Iterable<T> items, Function<? super T, ?> key, Function<? super T, Rendered> row) {
        return list(items, Objects.requireNonNull(key, "key"), row);
    }

    private static <T> Rendered list(Iterable<T> items, Function<? super T, ?> key, Function<? super T, Rendered> row) {
        String[] statics = null;
        List<Object[]> dynamics = new ArrayList<>();
        List<Object> keys = key == null ? null : new ArrayList<>();
        Set<Object> seen = key == null ? null : new HashSet<>();
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
            if (key != null) {
                Object itemKey = Objects.requireNonNull(key.apply(item), "Html.each key of an item is null");
                if (!seen.add(itemKey)) {
                    throw new IllegalArgumentException("Html.each keys must be distinct; repeated: " + itemKey);
                }
                keys.add(itemKey);
            }
        }
        return statics == null
                ? RenderedList.empty()
                : new RenderedList(statics, List.copyOf(dynamics), keys == null ? null : List.copyOf(keys));
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
