package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private static final Template PAGE = Template.of("<p title=\"{}\">{}</p><ul>{}</ul>");
    private static final Template ROW = Template.of("<li>{}</li>");

    @Test
    void valuesAreEscapedInTextAndAttributes() {
        Rendered page = PAGE.with("a\"b'", "<script>alert(1)</script> & co", "");
        assertEquals(
                "<p title=\"a&quot;b&#39;\">&lt;script&gt;alert(1)&lt;/script&gt; &amp; co</p><ul></ul>",
                page.toHtml());
    }

    @Test
    void nestedTemplatesListsAndRawHtmlRenderUnescaped() {
        Rendered page = PAGE.with(42, Html.unsafeRaw("<b>bold</b>"), Html.each(List.of("x", "<y>"), ROW::with));
        assertEquals("<p title=\"42\"><b>bold</b></p><ul><li>x</li><li>&lt;y&gt;</li></ul>", page.toHtml());
    }

    @Test
    void nullRendersAsNothing() {
        assertEquals("<li></li>", ROW.with((Object) null).toHtml());
    }

    @Test
    void wrongNumberOfValuesIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PAGE.with("one"));
        assertEquals("template has 3 holes but got 1 values; template starts with: <p title=\"", e.getMessage());
    }

    @Test
    void listRowsMustShareOneTemplate() {
        Template other = Template.of("<li class=\"x\">{}</li>");
        assertThrows(
                IllegalArgumentException.class,
                () -> Html.each(List.of(1, 2), i -> i == 1 ? ROW.with(i) : other.with(i)));
    }

    @Test
    void templateWithoutHolesIsPlainHtml() {
        Template plain = Template.of("<hr>");
        assertEquals(0, plain.holes());
        assertEquals("<hr>", plain.with().toHtml());
    }

    @Test
    void holesInUnsafePlacesAreRefusedSayingWhere() {
        String[][] cases = {
            {"<a href=\"{}\">x</a>", "at the start of URL attribute href"},
            {"<img src='{}'>", "at the start of URL attribute src"},
            {"<a href=\"java{}\">x</a>", "at the start of URL attribute href"},
            {"<button onclick=\"{}\">x</button>", "in event-handler attribute onclick"},
            {"<p style=\"{}\">x</p>", "in attribute style"},
            {"<iframe srcdoc=\"{}\"></iframe>", "in attribute srcdoc"},
            {"<input value={}>", "the unquoted value of attribute value"},
            {"<input value=a{}>", "the unquoted value of attribute value"},
            {"<p {}>x</p>", "in a tag, outside any attribute value"},
            {"<{}>", "in a tag name"},
            {"<script>var x = {};</script>", "inside <script>"},
            {"<STYLE>p { color: {} }</STYLE>", "inside <style>"},
        };
        for (String[] example : cases) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Template.of(example[0]), example[0]);
            assertTrue(e.getMessage().startsWith("template hole 1 is " + example[1]), e.getMessage());
        }
    }

    @Test
    void holesInSafePlacesAreAccepted() {
        for (String source : new String[] {
            "<p>{}</p>",
            "<p title=\"{}\" class='{} x'>{}</p>",
            "<a href=\"/items/{}\">x</a>",
            "<a href=\"?page={}\">x</a>",
            "<a href=\"mailto:{}\">x</a>",
            "<button data-jsctx-click=\"inc\" data-jsctx-value-id=\"{}\">x</button>",
            "<script src=\"/a.js\"></script><p>{}</p>",
            "<style>p {{}}</style><p>{}</p>",
            "<!-- {} --><p>{}</p>",
            "<textarea>{}</textarea>",
        }) {
            Template.of(source);
        }
    }

    @Test
    void doubleBracesAreALiteralPairOfBraces() {
        Template css = Template.of("<style>p {{}} .a::after { content: \"{{}}\" }</style><p>{}</p>");
        assertEquals(1, css.holes());
        assertEquals(
                "<style>p {} .a::after { content: \"{}\" }</style><p>1</p>",
                css.with(1).toHtml());
    }
}
