package dev.jsctx.liveview.test;

import dev.jsctx.liveview.LiveProtocol;
import dev.jsctx.liveview.client.LiveClient;
import dev.jsctx.liveview.client.LiveClientException;
import dev.jsctx.liveview.client.LiveConnection;
import dev.jsctx.liveview.client.LiveReply;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * One mounted live view, driven as a browser tab drives it: by CSS selector, over the real WebSocket. Bindings are
 * read from the rendered HTML, as the browser's client reads them: {@link #click} sends the element's
 * {@code data-jsctx-click} event (or follows its {@code data-jsctx-patch} / {@code data-jsctx-navigate} link),
 * {@link #submit} and {@link #change} send the form's current fields with the given values over them.
 *
 * <p>Every request waits for its reply, which has been applied to the HTML when it returns. What the server sends
 * unasked ({@code handleInfo} diffs, patches, navigations, redirects, events) is applied as it arrives and kept
 * in order; {@link #awaitPush} and {@link #awaitHtml} wait for it with a deadline.
 *
 * <p>Not thread-safe: one test thread drives a view. The server's messages arrive on the client's threads; this
 * class takes them only inside its own calls, so the HTML a test reads changes only during a call.
 */
public final class LiveTestView implements AutoCloseable {

    private final LiveClient client;
    private final Duration timeout;
    private final Deque<JsonObject> pushes = new ArrayDeque<>();
    private LiveConnection connection;
    private String uri;
    private String token;

    private LiveTestView(LiveClient client, Duration timeout, String uri) {
        this.client = client;
        this.timeout = timeout;
        this.uri = uri;
    }

    static LiveTestView mount(LiveClient client, String pathAndQuery, Duration timeout) {
        LiveTestView view = new LiveTestView(client, timeout, pathAndQuery);
        try {
            view.join(client.page(pathAndQuery).token());
        } catch (RuntimeException | AssertionError e) {
            view.close();
            throw e;
        }
        return view;
    }

    /** @return the view's current HTML, the content of its container */
    public String html() {
        take();
        return connection.html();
    }

    /** @return the current HTML, parsed: query it with {@link Document#select(String)} */
    public Document document() {
        return Jsoup.parseBodyFragment(html());
    }

    /**
     * @param cssSelector a jsoup CSS selector
     * @return the matching elements, maybe none
     */
    public Elements select(String cssSelector) {
        return document().select(cssSelector);
    }

    /**
     * @param cssSelector a jsoup CSS selector
     * @return the one matching element
     * @throws AssertionError if none or several match
     */
    public Element element(String cssSelector) {
        Elements found = select(cssSelector);
        if (found.size() != 1) {
            throw new AssertionError(
                    "expected one element for " + cssSelector + ", found " + found.size() + " in: " + html());
        }
        return found.first();
    }

    /**
     * @param cssSelector a jsoup CSS selector matching one element
     * @return its text, as jsoup normalises it
     */
    public String text(String cssSelector) {
        return element(cssSelector).text();
    }

    /** @return the page's URI now: the mounted one, or the last patch's or navigation's */
    public String uri() {
        take();
        return uri;
    }

    /**
     * Clicks an element: sends its {@code data-jsctx-click} event with its {@code data-jsctx-value-*} values, or
     * follows its {@code data-jsctx-patch} or {@code data-jsctx-navigate} link.
     *
     * @param cssSelector matches one element
     * @return the reply, applied to the HTML
     * @throws AssertionError if the element has none of these bindings
     */
    public LiveReply click(String cssSelector) {
        Element element = element(cssSelector);
        if (element.hasAttr(LiveProtocol.ATTR_CLICK)) {
            return event(element.attr(LiveProtocol.ATTR_CLICK), valuesOf(element));
        }
        if (element.hasAttr(LiveProtocol.ATTR_PATCH)) {
            return patch(element.attr("href"));
        }
        if (element.hasAttr(LiveProtocol.ATTR_NAVIGATE)) {
            return navigate(element.attr("href"));
        }
        throw new AssertionError(cssSelector + " has no " + LiveProtocol.ATTR_CLICK + ", " + LiveProtocol.ATTR_PATCH
                + " or " + LiveProtocol.ATTR_NAVIGATE + ": " + element.outerHtml());
    }

    /**
     * Submits a form: its {@code data-jsctx-submit} event with its current fields, {@code values} over them, and
     * its {@code data-jsctx-value-*} values.
     *
     * @param cssSelector matches one form
     * @param values      field values as the user typed them
     * @return the reply, applied to the HTML
     * @throws AssertionError if the element has no {@code data-jsctx-submit}
     */
    public LiveReply submit(String cssSelector, Map<String, String> values) {
        Element form = element(cssSelector);
        return event(bound(cssSelector, form, LiveProtocol.ATTR_SUBMIT), payload(form, form, values));
    }

    /**
     * Changes a form or a field: its {@code data-jsctx-change} event with the fields of its form (or the field
     * alone), {@code values} over them, and its {@code data-jsctx-value-*} values.
     *
     * @param cssSelector matches one form, input or select
     * @param values      field values as the user changed them
     * @return the reply, applied to the HTML
     * @throws AssertionError if the element has no {@code data-jsctx-change}
     */
    public LiveReply change(String cssSelector, Map<String, String> values) {
        Element element = element(cssSelector);
        String event = bound(cssSelector, element, LiveProtocol.ATTR_CHANGE);
        Element form = element.is("form") ? element : element.closest("form");
        return event(event, payload(element, form, values));
    }

    /**
     * Sends an event by name, as a binding would.
     *
     * @return the reply, applied to the HTML
     */
    public LiveReply event(String name, Map<String, String> payload) {
        return took(connection.event(name, payload));
    }

    /**
     * Shows another URI of this view, as a patch link or the back button does.
     *
     * @param pathAndQuery a same-origin path of this view's route
     * @return the reply: ok with the diff applied and {@link #uri()} moved, or the error
     */
    public LiveReply patch(String pathAndQuery) {
        LiveReply reply = took(connection.patch(pathAndQuery));
        if (reply.ok()) {
            uri = reply.uri();
            token = reply.token();
        }
        return reply;
    }

    /**
     * Replaces the view with the view of another URI over the same socket, as a navigate link does.
     *
     * @param pathAndQuery a same-origin path of a live view
     * @return the reply: ok with the new view's HTML, or the error
     */
    public LiveReply navigate(String pathAndQuery) {
        LiveReply reply = took(connection.navigate(pathAndQuery));
        if (reply.ok()) {
            uri = pathAndQuery;
            token = reply.token();
        }
        return reply;
    }

    /**
     * Waits for the next message the server sent unasked of a type, such as {@link LiveProtocol#TYPE_PATCH},
     * {@link LiveProtocol#TYPE_NAVIGATE}, {@link LiveProtocol#TYPE_REDIRECT} or {@link LiveProtocol#TYPE_DIFF};
     * earlier messages of other types are passed over.
     *
     * @param type    the message type
     * @param timeout the deadline from now
     * @return the message, already applied to the HTML
     * @throws AssertionError if none comes in time
     */
    public JsonObject awaitPush(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            take();
            while (!pushes.isEmpty()) {
                JsonObject message = pushes.pollFirst();
                if (type.equals(message.getString(LiveProtocol.KEY_TYPE, ""))) {
                    return message;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + type + " message from the server within " + timeout);
            }
            connection.poll(Duration.ofNanos(left)).ifPresent(this::kept);
        }
    }

    /**
     * Waits until the HTML satisfies a condition, taking the server's pushes as they come (a {@code handleInfo}
     * render, for example).
     *
     * @param condition tested on the parsed HTML after each push
     * @param timeout   the deadline from now
     * @throws AssertionError with the last HTML if it does not hold in time
     */
    public void awaitHtml(Predicate<Document> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(document())) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("the view did not get there within " + timeout + "; its HTML: " + html());
            }
            connection.poll(Duration.ofNanos(left)).ifPresent(this::kept);
        }
    }

    /**
     * Waits until an element shows a text.
     *
     * @see #awaitHtml(Predicate, Duration)
     */
    public void awaitText(String cssSelector, String text, Duration timeout) {
        awaitHtml(
                page -> page.select(cssSelector).size() == 1
                        && text.equals(page.selectFirst(cssSelector).text()),
                timeout);
    }

    /**
     * Drops the connection, as a network does, and joins again over a new one with the token of the last reply,
     * as the browser's client does: within the server's resume window the same view carries on.
     *
     * @return the join reply
     */
    public LiveReply reconnect() {
        connection.abort();
        return join(token);
    }

    /** @return the underlying connection, for what this class does not cover */
    public LiveConnection connection() {
        return connection;
    }

    /** Closes the tab: its socket and its client. */
    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        client.close();
    }

    private LiveReply join(String joinToken) {
        connection = client.connect();
        LiveReply joined;
        try {
            joined = connection.join(joinToken);
        } catch (LiveClientException e) {
            throw new AssertionError("the join failed: " + e.getMessage(), e);
        }
        if (!joined.ok()) {
            throw new AssertionError("the join was refused: " + joined.reason());
        }
        token = joined.token();
        take();
        return joined;
    }

    private LiveReply took(LiveReply reply) {
        take();
        return reply;
    }

    /** Take what the server pushed so far, without waiting. */
    private void take() {
        Optional<JsonObject> message;
        while ((message = connection.poll(Duration.ZERO)).isPresent()) {
            kept(message.get());
        }
    }

    private void kept(JsonObject message) {
        if (LiveProtocol.TYPE_PATCH.equals(message.getString(LiveProtocol.KEY_TYPE, ""))) {
            uri = message.getString(LiveProtocol.KEY_URI);
            token = message.getString(LiveProtocol.KEY_TOKEN);
        }
        pushes.addLast(message);
    }

    private static String bound(String cssSelector, Element element, String attribute) {
        if (!element.hasAttr(attribute)) {
            throw new AssertionError(cssSelector + " has no " + attribute + ": " + element.outerHtml());
        }
        return element.attr(attribute);
    }

    /** A form's fields (or the element alone), then the values given, then the element's data-jsctx-value-*. */
    private static Map<String, String> payload(Element element, Element form, Map<String, String> values) {
        Map<String, String> payload = new LinkedHashMap<>();
        if (form != null) {
            for (Element field : form.select("input[name], select[name], textarea[name]")) {
                fieldValue(field).ifPresent(value -> payload.put(field.attr("name"), value));
            }
        } else if (element.hasAttr("name")) {
            fieldValue(element).ifPresent(value -> payload.put(element.attr("name"), value));
        }
        payload.putAll(values);
        payload.putAll(valuesOf(element));
        return payload;
    }

    /** What a browser's FormData holds for a field: nothing for unchecked boxes, buttons and files. */
    private static Optional<String> fieldValue(Element field) {
        if (field.is("select")) {
            Element selected = field.selectFirst("option[selected]");
            Element option = selected != null ? selected : field.selectFirst("option");
            return Optional.ofNullable(option).map(o -> o.hasAttr("value") ? o.attr("value") : o.text());
        }
        if (field.is("textarea")) {
            return Optional.of(field.wholeText());
        }
        String type = field.attr("type").toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "checkbox", "radio" ->
                field.hasAttr("checked")
                        ? Optional.of(field.hasAttr("value") ? field.attr("value") : "on")
                        : Optional.empty();
            case "submit", "button", "reset", "image", "file" -> Optional.empty();
            default -> Optional.of(field.attr("value"));
        };
    }

    private static Map<String, String> valuesOf(Element element) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Attribute attribute : element.attributes()) {
            if (attribute.getKey().startsWith(LiveProtocol.ATTR_VALUE_PREFIX)) {
                values.put(attribute.getKey().substring(LiveProtocol.ATTR_VALUE_PREFIX.length()), attribute.getValue());
            }
        }
        return values;
    }
}
