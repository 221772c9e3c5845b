package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsCommandsTest {

    private static final Template BUTTON = Template.of("<button data-jsctx-click=\"{}\">menu</button>");

    @Test
    void chainedCommandsRenderAsOneEscapedJsonAttribute() {
        JsCommands commands = JsCommands.create()
                .toggleClass("#menu", "open wide")
                .hide(".tip")
                .dispatch("#menu", "menu:toggled")
                .push("opened", Map.of("from", "button"));
        assertEquals(
                "[[\"toggle_class\",{\"to\":\"#menu\",\"names\":\"open wide\"}],[\"hide\",{\"to\":\".tip\"}],"
                        + "[\"dispatch\",{\"to\":\"#menu\",\"event\":\"menu:toggled\"}],"
                        + "[\"push\",{\"event\":\"opened\",\"value\":{\"from\":\"button\"}}]]",
                commands.toString());
        assertEquals(
                "<button data-jsctx-click=\"[[&quot;hide&quot;,{&quot;to&quot;:&quot;#x&quot;}]]\">menu</button>",
                BUTTON.with(JsCommands.create().hide("#x")).toHtml());
    }

    @Test
    void eachCallReturnsANewListAndLeavesTheOldOneAlone() {
        JsCommands first = JsCommands.create().show("#a");
        first.hide("#b");
        assertEquals("[[\"show\",{\"to\":\"#a\"}]]", first.toString());
    }

    @Test
    void badSelectorsClassAndEventNamesFailAtRender() {
        JsCommands commands = JsCommands.create();
        assertThrows(IllegalArgumentException.class, () -> commands.show(""));
        assertThrows(IllegalArgumentException.class, () -> commands.show("#a\n#b"));
        assertThrows(IllegalArgumentException.class, () -> commands.show("#" + "a".repeat(200)));
        assertThrows(IllegalArgumentException.class, () -> commands.addClass("#a", "ok \"><script>"));
        assertThrows(IllegalArgumentException.class, () -> commands.dispatch("#a", "click me"));
        assertThrows(IllegalArgumentException.class, () -> commands.push("1st"));
    }
}
