package dev.jsctx.liveview;

import java.util.Arrays;
import java.util.List;

/**
 * A list of items made from one template (a comprehension): the statics once, the dynamics per item.
 * An empty list has no statics.
 */
record RenderedList(String[] statics, List<Object[]> items) implements Rendered {

    private static final String[] NO_STATICS = new String[0];

    static RenderedList empty() {
        return new RenderedList(NO_STATICS, List.of());
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
        return other instanceof RenderedList that && sameStatics(that.statics) && sameItems(that.items);
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(statics);
        for (Object[] item : items) {
            hash = 31 * hash + Arrays.hashCode(item);
        }
        return hash;
    }

    @Override
    public String toString() {
        return toHtml();
    }
}
