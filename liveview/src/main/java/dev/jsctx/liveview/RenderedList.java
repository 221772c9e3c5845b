package dev.jsctx.liveview;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A list of items made from one template (a comprehension): the statics once, the dynamics per item.
 * An empty list has no statics. A keyed list also has each item's key (distinct, in item order), so a diff can
 * send only the items that are new or changed and say where the others moved; {@code keys} is {@code null} for
 * an unkeyed list.
 */
record RenderedList(String[] statics, List<Object[]> items, List<Object> keys) implements Rendered {

    private static final String[] NO_STATICS = new String[0];

    static RenderedList empty() {
        return new RenderedList(NO_STATICS, List.of(), null);
    }

    boolean keyed() {
        return keys != null;
    }

    void appendTo(StringBuilder html) {
        for (Object[] item : items) {
            RenderedTemplate.appendTo(html, statics, item);
        }
    }

    boolean sameStatics(String[] other) {
        return statics == other || Arrays.equals(statics, other);
    }

    boolean sameItems(List<Object[]> other) {
        if (items.size() != other.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!Arrays.equals(items.get(i), other.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedList that
                && sameStatics(that.statics)
                && sameItems(that.items)
                && Objects.equals(keys, that.keys);
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(statics);
        for (Object[] item : items) {
            hash = 31 * hash + Arrays.hashCode(item);
        }
        return 31 * hash + Objects.hashCode(keys);
    }

    @Override
    public String toString() {
        return toHtml();
    }
}
