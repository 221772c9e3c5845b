package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenderedJsonTest {

    private static final Template PAGE = Template.of("<p id=\"count\">{}</p><p id=\"error\">{}</p>{}<ul>{}</ul>");
    private static final Template BOX = Template.of("<div>{}</div>");
    private static final Template OTHER_BOX = Template.of("<section>{}</section>");
    private static final Template ROW = Template.of("<li>{}</li>");

    private static Rendered page(int count, String error, Rendered box, List<String> rows) {
        return PAGE.with(count, error, box, Html.each(rows, ROW::with));
    }

    @Test
    void fullFormHoldsStaticsAndEveryDynamic() {
        JsonObject full = RenderedJson.full(page(1, "<x>", BOX.with("in"), List.of("a", "b")));
        assertEquals(
                "{\"s\":[\"<p id=\\\"count\\\">\",\"</p><p id=\\\"error\\\">\",\"</p>\",\"<ul>\",\"</ul>\"],"
                        + "\"0\":\"1\",\"1\":\"&lt;x&gt;\",\"2\":{\"s\":[\"<div>\",\"</div>\"],\"0\":\"in\"},"
                        + "\"3\":{\"s\":[\"<li>\",\"</li>\"],\"d\":[[\"a\"],[\"b\"]]}}",
                full.toString());
    }

    @Test
    void diffHoldsOnlyChangedDynamicsAndNoStatics() {
        Rendered before = page(1, "", BOX.with("in"), List.of("a"));
        Rendered after = page(2, "", BOX.with("in"), List.of("a"));
        assertEquals("{\"0\":\"2\"}", RenderedJson.diff(before, after).toString());
    }

    @Test
    void unchangedRenderGivesEmptyDiff() {
        assertTrue(RenderedJson.diff(page(1, "", BOX.with("x"), List.of("a")), page(1, "", BOX.with("x"), List.of("a")))
                .isEmpty());
    }

    @Test
    void nestedTemplateSendsNestedDiff() {
        JsonObject diff =
                RenderedJson.diff(page(1, "", BOX.with("old"), List.of()), page(1, "", BOX.with("new"), List.of()));
        assertEquals("{\"2\":{\"0\":\"new\"}}", diff.toString());
    }

    @Test
    void nestedTemplateWithOtherStaticsIsSentInFull() {
        JsonObject diff =
                RenderedJson.diff(page(1, "", BOX.with("x"), List.of()), page(1, "", OTHER_BOX.with("x"), List.of()));
        assertEquals("{\"2\":{\"s\":[\"<section>\",\"</section>\"],\"0\":\"x\"}}", diff.toString());
    }

    @Test
    void changedListSendsItemsWithoutStatics() {
        JsonObject diff = RenderedJson.diff(
                page(1, "", BOX.with("x"), List.of("a")), page(1, "", BOX.with("x"), List.of("a", "b")));
        assertEquals("{\"3\":{\"d\":[[\"a\"],[\"b\"]]}}", diff.toString());
    }

    @Test
    void listThatWasEmptySendsItsStatics() {
        JsonObject diff =
                RenderedJson.diff(page(1, "", BOX.with("x"), List.of()), page(1, "", BOX.with("x"), List.of("a")));
        assertEquals("{\"3\":{\"s\":[\"<li>\",\"</li>\"],\"d\":[[\"a\"]]}}", diff.toString());
    }
}
