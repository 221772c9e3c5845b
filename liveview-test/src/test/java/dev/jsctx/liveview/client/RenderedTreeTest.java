package dev.jsctx.liveview.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** The client's tree follows the wire format of the README, as the browser's rendered.js does. */
class RenderedTreeTest {

    private static final String PAGE = """
            {"s":["<p>","</p>","<ul>","</ul>"],"0":"1","1":{"s":["<b>","</b>"],"0":"x"},"2":{"s":[],"d":[]}}""";

    private final RenderedTree.Statics shared = new RenderedTree.Statics();

    @Test
    void fullTreeRendersStaticsAndDynamicsInOrder() {
        RenderedTree tree = parse(PAGE);
        assertEquals("<p>1</p><b>x</b><ul></ul>", tree.html());
        assertEquals("1", tree.dynamic(0));
        assertEquals("<b>x</b>", tree.dynamic(1));
        assertEquals("x", tree.dynamic(1, 0));
    }

    @Test
    void diffChangesOnlyItsSlotsAndLeavesTheOldTreeAlone() {
        RenderedTree before = parse(PAGE);
        RenderedTree after = before.merge(json("{\"0\":\"2\",\"1\":{\"0\":\"&lt;y&gt;\"}}"), shared);
        assertEquals("<p>2</p><b>&lt;y&gt;</b><ul></ul>", after.html());
        assertEquals("<p>1</p><b>x</b><ul></ul>", before.html());
        assertSame(after, after.merge(json("{}"), shared));
    }

    @Test
    void listGetsItsStaticsThenItemDiffs() {
        RenderedTree tree = parse(PAGE)
                .merge(json("{\"2\":{\"s\":[\"<li>\",\"</li>\"],\"d\":[[\"a\"]]}}"), shared)
                .merge(json("{\"2\":{\"d\":[[\"a\"],[\"b\"]]}}"), shared);
        assertEquals("<li>a</li><li>b</li>", tree.dynamic(2));
        assertEquals("", tree.merge(json("{\"2\":{\"d\":[]}}"), shared).dynamic(2));
    }

    @Test
    void keyedListDiffKeepsRunsOfOldItemsAndInsertsNewOnes() {
        RenderedTree tree =
                parse(PAGE).merge(json("{\"2\":{\"s\":[\"<li>\",\"</li>\"],\"d\":[[\"a\"],[\"b\"],[\"c\"]]}}"), shared);
        RenderedTree after = tree.merge(json("{\"2\":{\"o\":[[2,1],{\"d\":[\"n\"]},[0,2]]}}"), shared);
        assertEquals("<li>c</li><li>n</li><li>a</li><li>b</li>", after.dynamic(2));
        assertThrows(IllegalArgumentException.class, () -> tree.merge(json("{\"2\":{\"o\":[[2,2]]}}"), shared));
    }

    @Test
    void anythingWithStaticsReplacesWhatWasThere() {
        RenderedTree tree =
                parse(PAGE).merge(json("{\"1\":{\"s\":[\"<i>\",\"-\",\"</i>\"],\"0\":\"m\",\"1\":\"n\"}}"), shared);
        assertEquals("<i>m-n</i>", tree.dynamic(1));
        assertEquals(
                "<q>z</q>",
                tree.merge(json("{\"s\":[\"<q>\",\"</q>\"],\"0\":\"z\"}"), shared)
                        .html());
    }

    @Test
    void equalStaticsAreSharedBetweenTrees() {
        assertSame(parse(PAGE).statics, parse(PAGE).statics);
    }

    @Test
    void diffThatDoesNotFitIsRefused() {
        RenderedTree tree = parse(PAGE);
        assertThrows(IllegalArgumentException.class, () -> tree.merge(json("{\"7\":\"x\"}"), shared));
        assertThrows(IllegalArgumentException.class, () -> tree.merge(json("{\"0\":{\"0\":\"x\"}}"), shared));
        assertThrows(IllegalArgumentException.class, () -> tree.merge(json("{\"2\":{\"0\":\"x\"}}"), shared));
        assertThrows(IllegalArgumentException.class, () -> tree.dynamic(0, 0));
        assertThrows(IllegalArgumentException.class, () -> parse("{\"s\":[\"<p>\",\"</p>\"]}"));
    }

    private RenderedTree parse(String json) {
        return RenderedTree.parse(json(json), shared);
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
