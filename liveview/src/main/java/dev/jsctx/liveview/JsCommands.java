package dev.jsctx.liveview;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Client commands that run in the browser without a round trip, in the manner of Phoenix's
 * {@code Phoenix.LiveView.JS}: show, hide or toggle elements, add, remove or toggle classes, dispatch a DOM
 * event, and push an event to the view. Put one in a click binding; its {@link #toString()} is the attribute
 * value the client runs:
 *
 * {@snippet :
 * private static final Template MENU = Template.of("""
 *         <button data-jsctx-click="{}">menu</button><nav id="menu">…</nav>""");
 * MENU.with(JsCommands.create().toggleClass("#menu", "open").push("menu-opened"));
 * }
 *
 * <p>The client knows only these commands and evaluates nothing; it looks selectors up inside the view's
 * container, and what a command changed stays through later renders. Selectors, class names and event names are
 * checked here, so a bad one fails at render, not in the browser.
 *
 * <p>Immutable and thread-safe: every method returns a new list with one more command, run in order.
 */
public final class JsCommands {

    private static final int MAX_SELECTOR_CHARS = 200;
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][\\w:.-]{0,63}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final List<JsonArray> commands;

    private JsCommands(List<JsonArray> commands) {
        this.commands = commands;
    }

    /**
     * An empty command list, to chain commands onto.
     *
     * @return the empty list
     */
    public static JsCommands create() {
        return new JsCommands(List.of());
    }

    /**
     * Show the elements matching {@code selector} ({@code display: block}).
     *
     * @param selector a CSS selector, looked up in the view
     * @return this list and the command
     */
    public JsCommands show(String selector) {
        return with("show", target(selector));
    }

    /**
     * Hide the elements matching {@code selector} ({@code display: none}).
     *
     * @param selector a CSS selector, looked up in the view
     * @return this list and the command
     */
    public JsCommands hide(String selector) {
        return with("hide", target(selector));
    }

    /**
     * Show the elements matching {@code selector} if hidden, else hide them.
     *
     * @param selector a CSS selector, looked up in the view
     * @return this list and the command
     */
    public JsCommands toggle(String selector) {
        return with("toggle", target(selector));
    }

    /**
     * Add classes to the elements matching {@code selector}.
     *
     * @param selector   a CSS selector, looked up in the view
     * @param classNames class names separated by spaces
     * @return this list and the command
     */
    public JsCommands addClass(String selector, String classNames) {
        return with("add_class", target(selector).add("names", classNames(classNames)));
    }

    /**
     * Remove classes from the elements matching {@code selector}.
     *
     * @param selector   a CSS selector, looked up in the view
     * @param classNames class names separated by spaces
     * @return this list and the command
     */
    public JsCommands removeClass(String selector, String classNames) {
        return with("remove_class", target(selector).add("names", classNames(classNames)));
    }

    /**
     * Toggle classes on the elements matching {@code selector}.
     *
     * @param selector   a CSS selector, looked up in the view
     * @param classNames class names separated by spaces
     * @return this list and the command
     */
    public JsCommands toggleClass(String selector, String classNames) {
        return with("toggle_class", target(selector).add("names", classNames(classNames)));
    }

    /**
     * Dispatch a bubbling {@code CustomEvent} on the elements matching {@code selector}, for the page's own
     * listeners or hooks.
     *
     * @param selector a CSS selector, looked up in the view
     * @param event    the DOM event's type, such as {@code copy-link}
     * @return this list and the command
     */
    public JsCommands dispatch(String selector, String event) {
        return with("dispatch", target(selector).add("event", name(event, "event name")));
    }

    /**
     * Push an event to the view, as a {@code data-jsctx-click="name"} binding does (with the element's
     * {@code data-jsctx-value-*} values).
     *
     * @param event the event's name
     * @return this list and the command
     */
    public JsCommands push(String event) {
        return push(event, Map.of());
    }

    /**
     * Push an event to the view with values of its own, added to the element's {@code data-jsctx-value-*}.
     *
     * @param event  the event's name
     * @param values the event's values
     * @return this list and the command
     */
    public JsCommands push(String event, Map<String, String> values) {
        JsonObjectBuilder value = RenderedJson.JSON.createObjectBuilder();
        values.forEach(value::add);
        return with(
                "push",
                RenderedJson.JSON
                        .createObjectBuilder()
                        .add("event", name(event, "event name"))
                        .add("value", value));
    }

    /**
     * The commands as the client reads them: a JSON array of {@code [name, {arguments}]}.
     *
     * @return the JSON text, for an attribute value (the template escapes it)
     */
    @Override
    public String toString() {
        JsonArrayBuilder array = RenderedJson.JSON.createArrayBuilder();
        commands.forEach(array::add);
        return array.build().toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsCommands that && commands.equals(that.commands);
    }

    @Override
    public int hashCode() {
        return commands.hashCode();
    }

    private JsCommands with(String name, JsonObjectBuilder arguments) {
        List<JsonArray> more = new ArrayList<>(commands);
        more.add(RenderedJson.JSON.createArrayBuilder().add(name).add(arguments).build());
        return new JsCommands(List.copyOf(more));
    }

    private static JsonObjectBuilder target(String selector) {
        Objects.requireNonNull(selector, "selector");
        if (selector.isBlank()
                || selector.length() > MAX_SELECTOR_CHARS
                || CONTROL.matcher(selector).find()) {
            throw new IllegalArgumentException("a selector must be 1 to " + MAX_SELECTOR_CHARS
                    + " characters without control characters: " + LogText.quote(selector));
        }
        return RenderedJson.JSON.createObjectBuilder().add("to", selector);
    }

    private static String classNames(String classNames) {
        String[] names =
                Objects.requireNonNull(classNames, "classNames").strip().split("\\s+");
        for (String name : names) {
            name(name, "class name");
        }
        return String.join(" ", names);
    }

    private static String name(String name, String what) {
        if (!NAME.matcher(Objects.requireNonNull(name, what)).matches()) {
            throw new IllegalArgumentException("not a " + what
                    + " (a letter or _, then up to 63 letters, digits, _ : . -): " + LogText.quote(name));
        }
        return name;
    }
}
