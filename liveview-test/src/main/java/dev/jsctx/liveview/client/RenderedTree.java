package dev.jsctx.liveview.client;

import static dev.jsctx.liveview.LiveProtocol.RENDERED_ITEMS;
import static dev.jsctx.liveview.LiveProtocol.RENDERED_ORDER;
import static dev.jsctx.liveview.LiveProtocol.RENDERED_STATICS;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client's copy of a view's rendered tree (the wire format of the module's README): built from a join
 * reply's full tree, then changed by diffs, the way the browser's {@code rendered.js} does it.
 *
 * <p>Immutable: {@link #merge} returns a new tree that shares every unchanged part with the old one. A tree's
 * dynamics are HTML strings (escaped by the server) or nested trees.
 */
abstract sealed class RenderedTree {

    final String[] statics;

    private RenderedTree(String[] statics) {
        this.statics = statics;
    }

    /**
     * Reads a full tree.
     *
     * @param json    an object with an {@code "s"} key
     * @param shared  where equal statics arrays are shared across trees
     * @throws IllegalArgumentException if the JSON is no rendered tree
     */
    static RenderedTree parse(JsonObject json, Statics shared) {
        String[] parts = shared.intern(stringArray(json.get(RENDERED_STATICS)));
        if (json.containsKey(RENDERED_ITEMS)) {
            // an empty list has no statics (the server has no item to take them from) and no items
            return new ListTree(parts, items(json.get(RENDERED_ITEMS), Math.max(0, parts.length - 1), shared));
        }
        if (parts.length == 0) {
            throw new IllegalArgumentException("a template's statics must not be empty");
        }
        Object[] dynamics = new Object[parts.length - 1];
        for (int i = 0; i < dynamics.length; i++) {
            dynamics[i] = parseDynamic(json.get(Integer.toString(i)), shared);
        }
        return new TemplateTree(parts, dynamics);
    }

    /**
     * Applies a diff.
     *
     * @return the changed tree; this one is unchanged
     * @throws IllegalArgumentException if the diff does not fit this tree
     */
    abstract RenderedTree merge(JsonObject diff, Statics shared);

    /** Appends this tree's HTML: statics and dynamics in order. */
    abstract void appendHtml(StringBuilder html);

    final String html() {
        StringBuilder html = new StringBuilder();
        appendHtml(html);
        return html.toString();
    }

    /**
     * The HTML of one dynamic slot: {@code path} names a dynamic of this template, then of the template nested
     * there, and so on.
     *
     * @throws IllegalArgumentException if the path leads to no dynamic
     */
    final String dynamic(int... path) {
        Object slot = this;
        for (int index : path) {
            if (!(slot instanceof TemplateTree template) || index < 0 || index >= template.dynamics.length) {
                throw new IllegalArgumentException("no dynamic at " + Arrays.toString(path));
            }
            slot = template.dynamics[index];
        }
        return slot instanceof RenderedTree tree ? tree.html() : (String) slot;
    }

    private static Object parseDynamic(JsonValue value, Statics shared) {
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value instanceof JsonObject tree && tree.containsKey(RENDERED_STATICS)) {
            return parse(tree, shared);
        }
        throw new IllegalArgumentException("a dynamic must be a string or a full tree, not " + value);
    }

    private static Object[][] items(JsonValue value, int width, Statics shared) {
        if (!(value instanceof JsonArray array)) {
            throw new IllegalArgumentException("list items must be an array, not " + value);
        }
        Object[][] items = new Object[array.size()][];
        for (int i = 0; i < items.length; i++) {
            items[i] = item(array.get(i), width, shared);
        }
        return items;
    }

    private static Object[] item(JsonValue value, int width, Statics shared) {
        if (!(value instanceof JsonArray item) || item.size() != width) {
            throw new IllegalArgumentException("a list item must be an array of " + width + " dynamics");
        }
        Object[] dynamics = new Object[width];
        for (int j = 0; j < width; j++) {
            dynamics[j] = parseDynamic(item.get(j), shared);
        }
        return dynamics;
    }

    private static String[] stringArray(JsonValue value) {
        if (!(value instanceof JsonArray array)) {
            throw new IllegalArgumentException("statics must be an array, not " + value);
        }
        String[] strings = new String[array.size()];
        for (int i = 0; i < strings.length; i++) {
            if (!(array.get(i) instanceof JsonString text)) {
                throw new IllegalArgumentException("statics must be strings, not " + array.get(i));
            }
            strings[i] = text.getString();
        }
        return strings;
    }

    private static void appendDynamic(StringBuilder html, Object dynamic) {
        if (dynamic instanceof RenderedTree tree) {
            tree.appendHtml(html);
        } else {
            html.append((String) dynamic);
        }
    }

    /** A template: one dynamic between each two statics. */
    static final class TemplateTree extends RenderedTree {
        private final Object[] dynamics;

        TemplateTree(String[] statics, Object[] dynamics) {
            super(statics);
            this.dynamics = dynamics;
        }

        @Override
        RenderedTree merge(JsonObject diff, Statics shared) {
            if (diff.containsKey(RENDERED_STATICS)) {
                return parse(diff, shared);
            }
            if (diff.isEmpty()) {
                return this;
            }
            Object[] changed = dynamics.clone();
            for (Map.Entry<String, JsonValue> entry : diff.entrySet()) {
                int index = index(entry.getKey());
                JsonValue value = entry.getValue();
                if (value instanceof JsonObject nested && !nested.containsKey(RENDERED_STATICS)) {
                    if (!(changed[index] instanceof RenderedTree tree)) {
                        throw new IllegalArgumentException("diff of slot " + index + " has no tree to change");
                    }
                    changed[index] = tree.merge(nested, shared);
                } else {
                    changed[index] = parseDynamic(value, shared);
                }
            }
            return new TemplateTree(statics, changed);
        }

        private int index(String key) {
            try {
                int index = Integer.parseInt(key);
                if (index >= 0 && index < dynamics.length) {
                    return index;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("diff key \"" + key + "\" names no dynamic of this template");
        }

        @Override
        void appendHtml(StringBuilder html) {
            html.append(statics[0]);
            for (int i = 1; i < statics.length; i++) {
                appendDynamic(html, dynamics[i - 1]);
                html.append(statics[i]);
            }
        }
    }

    /** A list: the same statics around each item's dynamics. */
    static final class ListTree extends RenderedTree {
        private final Object[][] items;

        ListTree(String[] statics, Object[][] items) {
            super(statics);
            if (statics.length == 0 && items.length > 0) {
                throw new IllegalArgumentException("a list with items must have statics");
            }
            this.items = items;
        }

        @Override
        RenderedTree merge(JsonObject diff, Statics shared) {
            if (diff.containsKey(RENDERED_STATICS)) {
                return parse(diff, shared);
            }
            if (diff.containsKey(RENDERED_ORDER)) {
                return new ListTree(statics, reorder(diff.get(RENDERED_ORDER), shared));
            }
            if (!diff.containsKey(RENDERED_ITEMS)) {
                throw new IllegalArgumentException("a list diff holds \"d\", \"o\" or \"s\", not " + diff);
            }
            return new ListTree(statics, items(diff.get(RENDERED_ITEMS), Math.max(0, statics.length - 1), shared));
        }

        /** A keyed list's new items: runs {@code [start, count]} of these items, and new items {@code {"d": [...]}}. */
        private Object[][] reorder(JsonValue order, Statics shared) {
            if (!(order instanceof JsonArray parts)) {
                throw new IllegalArgumentException("a keyed list's order must be an array, not " + order);
            }
            int width = Math.max(0, statics.length - 1);
            List<Object[]> reordered = new ArrayList<>();
            for (JsonValue part : parts) {
                if (part instanceof JsonObject inserted) {
                    reordered.add(item(inserted.get(RENDERED_ITEMS), width, shared));
                } else if (part instanceof JsonArray run
                        && run.size() == 2
                        && run.get(0) instanceof JsonNumber start
                        && run.get(1) instanceof JsonNumber count
                        && start.intValue() >= 0
                        && count.intValue() > 0
                        && start.intValue() + count.intValue() <= items.length) {
                    reordered.addAll(
                            Arrays.asList(items).subList(start.intValue(), start.intValue() + count.intValue()));
                } else {
                    throw new IllegalArgumentException("a keyed list's order holds runs and items, not " + part);
                }
            }
            return reordered.toArray(Object[][]::new);
        }

        @Override
        void appendHtml(StringBuilder html) {
            for (Object[] item : items) {
                html.append(statics[0]);
                for (int i = 1; i < statics.length; i++) {
                    appendDynamic(html, item[i - 1]);
                    html.append(statics[i]);
                }
            }
        }
    }

    /**
     * Shares equal statics arrays between the trees of many connections, so a thousand sessions of one view
     * hold its static HTML once. Bounded: past {@link #MAX_ENTRIES} distinct arrays, new ones are not shared.
     * Thread-safe.
     */
    static final class Statics {
        static final int MAX_ENTRIES = 1024;
        private final Map<List<String>, String[]> arrays = new ConcurrentHashMap<>();

        String[] intern(String[] statics) {
            List<String> key = List.of(statics);
            String[] known = arrays.get(key);
            if (known != null) {
                return known;
            }
            if (arrays.size() >= MAX_ENTRIES) {
                return statics;
            }
            String[] raced = arrays.putIfAbsent(key, statics);
            return raced == null ? statics : raced;
        }
    }
}
