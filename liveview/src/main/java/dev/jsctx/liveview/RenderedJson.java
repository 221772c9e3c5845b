package dev.jsctx.liveview;

import static dev.jsctx.liveview.LiveProtocol.RENDERED_ITEMS;
import static dev.jsctx.liveview.LiveProtocol.RENDERED_ORDER;
import static dev.jsctx.liveview.LiveProtocol.RENDERED_STATICS;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns rendered trees into their wire form: a full tree for a join, or only the changed dynamics for later
 * updates (LiveView's diff idea).
 *
 * <p>Full form of a template: {@code {"s": [statics...], "0": dyn, "1": dyn, ...}} where a dynamic is a string
 * (already escaped HTML) or the full form of a nested value. Full form of a list:
 * {@code {"s": [statics...], "d": [[item dynamics...], ...]}}.
 *
 * <p>Diff form: an object with only the positions that changed. A changed string is the new string; a nested
 * template with the same statics is its own diff; a list with the same statics is {@code {"d": [...]}} with all
 * items, or for a keyed list {@code {"o": [...]}}, its new order as runs of old items and new items (see
 * {@link #keyedDiff}); anything whose statics changed is sent in full form (it has an {@code "s"} key).
 */
final class RenderedJson {

    static final JsonProvider PROVIDER = JsonProvider.provider();
    static final JsonBuilderFactory JSON = PROVIDER.createBuilderFactory(null);

    private RenderedJson() {}

    static JsonObject full(Rendered rendered) {
        return switch (rendered) {
            case RenderedTemplate template -> fullTemplate(template).build();
            case RenderedList list ->
                JSON.createObjectBuilder()
                        .add(RENDERED_STATICS, statics(list.statics()))
                        .add(RENDERED_ITEMS, items(list.items()))
                        .build();
        };
    }

    /**
     * The changes that turn {@code before} into {@code after}.
     *
     * @return the diff; empty when nothing changed
     */
    static JsonObject diff(Rendered before, Rendered after) {
        if (before instanceof RenderedTemplate old
                && after instanceof RenderedTemplate now
                && now.sameStatics(old.statics())) {
            return templateDiff(old, now);
        }
        if (before.equals(after)) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        return full(after);
    }

    private static JsonObject templateDiff(RenderedTemplate old, RenderedTemplate now) {
        JsonObjectBuilder diff = null;
        Object[] oldDynamics = old.dynamics();
        Object[] newDynamics = now.dynamics();
        for (int i = 0; i < newDynamics.length; i++) {
            if (Objects.equals(oldDynamics[i], newDynamics[i])) {
                continue;
            }
            if (diff == null) {
                diff = JSON.createObjectBuilder();
            }
            diff.add(Integer.toString(i), dynamicDiff(oldDynamics[i], newDynamics[i]));
        }
        return diff == null ? JsonObject.EMPTY_JSON_OBJECT : diff.build();
    }

    private static JsonValue dynamicDiff(Object old, Object now) {
        if (now instanceof String text) {
            return PROVIDER.createValue(text);
        }
        if (old instanceof RenderedList oldList
                && now instanceof RenderedList newList
                && newList.sameStatics(oldList.statics())) {
            if (oldList.keyed() && newList.keyed()) {
                return keyedDiff(oldList, newList);
            }
            return JSON.createObjectBuilder()
                    .add(RENDERED_ITEMS, items(newList.items()))
                    .build();
        }
        if (old instanceof Rendered oldRendered) {
            return diff(oldRendered, (Rendered) now);
        }
        return full((Rendered) now);
    }

    /**
     * The new order of a keyed list as runs of old items ({@code [start, count]}) and items to insert
     * ({@code {"d": [dynamics]}}): an item whose key stayed and whose dynamics did not change costs only its
     * place in a run, however far it moved.
     */
    private static JsonObject keyedDiff(RenderedList old, RenderedList now) {
        Map<Object, Integer> oldIndex = new HashMap<>(old.keys().size() * 2);
        for (int i = 0; i < old.keys().size(); i++) {
            oldIndex.put(old.keys().get(i), i);
        }
        JsonArrayBuilder order = JSON.createArrayBuilder();
        int runStart = -1;
        int runLength = 0;
        for (int i = 0; i < now.keys().size(); i++) {
            Integer j = oldIndex.get(now.keys().get(i));
            Object[] item = now.items().get(i);
            if (j != null && Arrays.equals(old.items().get(j), item)) {
                if (runLength > 0 && runStart + runLength == j) {
                    runLength++;
                    continue;
                }
                addRun(order, runStart, runLength);
                runStart = j;
                runLength = 1;
            } else {
                addRun(order, runStart, runLength);
                runLength = 0;
                order.add(JSON.createObjectBuilder().add(RENDERED_ITEMS, item(item)));
            }
        }
        addRun(order, runStart, runLength);
        return JSON.createObjectBuilder().add(RENDERED_ORDER, order).build();
    }

    private static void addRun(JsonArrayBuilder order, int start, int length) {
        if (length > 0) {
            order.add(JSON.createArrayBuilder().add(start).add(length));
        }
    }

    private static JsonObjectBuilder fullTemplate(RenderedTemplate template) {
        JsonObjectBuilder json = JSON.createObjectBuilder().add(RENDERED_STATICS, statics(template.statics()));
        Object[] dynamics = template.dynamics();
        for (int i = 0; i < dynamics.length; i++) {
            addDynamic(json, Integer.toString(i), dynamics[i]);
        }
        return json;
    }

    private static void addDynamic(JsonObjectBuilder json, String key, Object dynamic) {
        if (dynamic instanceof String text) {
            json.add(key, text);
        } else {
            json.add(key, full((Rendered) dynamic));
        }
    }

    private static JsonArray statics(String[] statics) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (String part : statics) {
            array.add(part);
        }
        return array.build();
    }

    private static JsonArray items(List<Object[]> items) {
        JsonArrayBuilder array = JSON.createArrayBuilder();
        for (Object[] item : items) {
            array.add(item(item));
        }
        return array.build();
    }

    private static JsonArrayBuilder item(Object[] item) {
        JsonArrayBuilder dynamics = JSON.createArrayBuilder();
        for (Object dynamic : item) {
            if (dynamic instanceof String text) {
                dynamics.add(text);
            } else {
                dynamics.add(full((Rendered) dynamic));
            }
        }
        return dynamics;
    }
}
