package dev.jsctx.liveview;

import jakarta.json.JsonObject;
import java.util.Map;

/** A form for the test kit's submit and change: it shows the payload of the last event it got. */
final class FormView implements LiveView {

    private static final Template PAGE = Template.of("""
            <form id="profile" data-jsctx-submit="save" data-jsctx-change="check" data-jsctx-value-form="profile">\
            <input name="name" value="Ada"><input type="checkbox" name="news" value="yes" checked>\
            <input type="checkbox" name="spam" value="yes"><select name="lang"><option value="en">en</option>\
            <option value="fr" selected>fr</option></select><textarea name="bio">hi</textarea>\
            <button>save</button></form><p id="got">{}</p>
            """);

    private String got = "";

    @Override
    public void mount(Map<String, String> params, LiveSession session) {}

    @Override
    public void handleEvent(String name, JsonObject payload) {
        got = name + " " + payload;
    }

    @Override
    public Rendered render() {
        return PAGE.with(got);
    }
}
