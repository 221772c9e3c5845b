package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
