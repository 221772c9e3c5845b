package dev.jsctx.liveview;

import java.util.Arrays;

/**
 * A template filled with values: {@code statics.length == dynamics.length + 1}. Each dynamic is an escaped
 * {@link String} or a nested {@link Rendered}.
 */
record RenderedTemplate(String[] statics, Object[] dynamics) implements Rendered {

    void appendTo(StringBuilder html) {
        appendTo(html, statics, dynamics);
    }

    static void appendTo(StringBuilder html, String[] statics, Object[] dynamics) {
        for (int i = 0; i < dynamics.length; i++) {
            html.append(statics[i]);
            appendDynamic(html, dynamics[i]);
        }
        html.append(statics[dynamics.length]);
    }

    static void appendDynamic(StringBuilder html, Object dynamic) {
        switch (dynamic) {
            case String text -> html.append(text);
            case RenderedTemplate template -> template.appendTo(html);
            case RenderedList list -> list.appendTo(html);
            default -> throw new IllegalStateException("not a dynamic: " + dynamic.getClass());
        }
    }

    /** Same statics: the one template, or equal text (raw HTML made twice). */
    boolean sameStatics(String[] other) {
        return statics == other || Arrays.equals(statics, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RenderedTemplate that
                && sameStatics(that.statics)
                && Arrays.equals(dynamics, that.dynamics);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(statics) + Arrays.hashCode(dynamics);
    }

    @Override
    public String toString() {
        return toHtml();
    }
}
