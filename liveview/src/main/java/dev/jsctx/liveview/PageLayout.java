package dev.jsctx.liveview;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The page shell around a view for the plain HTTP render: doctype, head, title, styles. Called on the request's
 * thread for every page render, possibly concurrently; implementations must be thread-safe.
 */
@FunctionalInterface
public interface PageLayout {

    /**
     * A minimal HTML5 page.
     *
     * @param title     the page title; escaped
     * @param extraHead HTML added to {@code <head>} as is, such as {@code <link rel="stylesheet" href="/app.css">};
     *                  written by the application, never from user input
     * @return the layout
     */
    static PageLayout standard(String title, String extraHead) {
        String top = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.escape(title) + "</title>\n" + extraHead + "\n";
        return (scriptTag, view) -> top + scriptTag + "\n</head>\n<body>\n" + view + "\n</body>\n</html>\n";
    }

    /**
     * A minimal HTML5 page with the application's stylesheet inline, read once from the class path now, and an empty
     * icon: without one, browsers ask for {@code /favicon.ico}, get a 404 and log it in every tab's console.
     *
     * @param title       the page title; escaped
     * @param loader      where the stylesheet is
     * @param cssResource the stylesheet's class-path name, such as {@code "counter.css"}; the application's own
     * @return the layout
     * @throws IllegalStateException if there is no such resource
     */
    static PageLayout styled(String title, ClassLoader loader, String cssResource) {
        try (InputStream in = loader.getResourceAsStream(cssResource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + cssResource);
            }
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return standard(title, "<link rel=\"icon\" href=\"data:,\">\n<style>\n" + css + "</style>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Build the whole page.
     *
     * @param scriptTag the {@code <script type="module">} tag that loads the client; put it in {@code <head>}
     * @param view      the view's container element with its rendered content; put it in {@code <body>}
     * @return the page's HTML
     */
    String page(String scriptTag, String view);
}
