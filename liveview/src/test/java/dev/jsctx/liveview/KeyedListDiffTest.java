package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A keyed list's diff sends new and changed items only; moves and removals send positions, never content. */
class KeyedListDiffTest {

    private static final Template PAGE = Template.of("<h1>{}</h1><ul>{}</ul>");
    private static final Template ROW = Template.of("""
            <li id="todo-{}" class="todo"><input type="checkbox" data-jsctx-click="toggle" \
            data-jsctx-value-id="{}"> <span>{}</span> <button data-jsctx-click="remove">remove</button></li>""");
    private static final int ITEMS = 1_000;

    record Todo(int id, String title) {}

    private static Rendered page(List<Todo> todos) {
        return PAGE.with("Todos", Html.each(todos, Todo::id, todo -> ROW.with(todo.id(), todo.id(), todo.title())));
    }

    private static List<Todo> todos(int count) {
        return new ArrayList<>(IntStream.rangeClosed(1, count)
                .mapToObj(i -> new Todo(i, "Buy milk, number " + i))
                .toList());
    }

    @Test
    void addingOneItemToAThousandSendsThatItemOnly() {
        List<Todo> before = todos(ITEMS);
        List<Todo> after = todos(ITEMS + 1);
        JsonObject diff = RenderedJson.diff(page(before), page(after));
        assertEquals(
                "{\"1\":{\"o\":[[0,1000],{\"d\":[\"1001\",\"1001\",\"Buy milk, number 1001\"]}]}}", diff.toString());

        int replyBytes = Messages.ok("2", diff).getBytes(StandardCharsets.UTF_8).length;
        int itemHtmlBytes =
                ROW.with(1001, 1001, "Buy milk, number 1001").toHtml().getBytes(StandardCharsets.UTF_8).length;
        System.out.printf(
                "keyed list of %d + 1 item: reply %d bytes, the item's HTML %d bytes, unkeyed reply %d bytes%n",
                ITEMS, replyBytes, itemHtmlBytes, unkeyedReplyBytes(before, after));
        assertTrue(replyBytes <= 2 * itemHtmlBytes, replyBytes + " bytes sent for an item of " + itemHtmlBytes);
    }

    @Test
    void movingAndRemovingItemsSendsNoItemContent() {
        List<Todo> before = todos(ITEMS);
        List<Todo> after = new ArrayList<>(before);
        after.remove(500);
        Collections.swap(after, 0, 998);
        JsonObject diff = RenderedJson.diff(page(before), page(after));
        assertEquals("{\"1\":{\"o\":[[999,1],[1,499],[501,498],[0,1]]}}", diff.toString());
        assertFalse(diff.toString().contains("milk"), diff::toString);
    }

    @Test
    void aChangedItemIsSentAloneAndTheRestStayInRuns() {
        List<Todo> before = todos(5);
        List<Todo> after = todos(5);
        after.set(2, new Todo(3, "Buy bread"));
        assertEquals(
                "{\"1\":{\"o\":[[0,2],{\"d\":[\"3\",\"3\",\"Buy bread\"]},[3,2]]}}",
                RenderedJson.diff(page(before), page(after)).toString());
    }

    @Test
    void unchangedKeyedListGivesAnEmptyDiff() {
        assertTrue(RenderedJson.diff(page(todos(3)), page(todos(3))).isEmpty());
    }

    @Test
    void repeatedKeysAreRefused() {
        List<Todo> twice = List.of(new Todo(1, "a"), new Todo(1, "b"));
        assertThrows(IllegalArgumentException.class, () -> page(twice));
    }

    private static int unkeyedReplyBytes(List<Todo> before, List<Todo> after) {
        Template page = PAGE;
        JsonObject diff = RenderedJson.diff(
                page.with("Todos", Html.each(before, todo -> ROW.with(todo.id(), todo.id(), todo.title()))),
                page.with("Todos", Html.each(after, todo -> ROW.with(todo.id(), todo.id(), todo.title()))));
        return Messages.ok("2", diff).getBytes(StandardCharsets.UTF_8).length;
    }
}
