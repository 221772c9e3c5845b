package dev.jsctx.liveview;

/**
 * What {@link LiveView#render()} returns: HTML whose static parts are kept apart from its dynamic parts, as
 * Phoenix LiveView's {@code %Rendered{static, dynamic}}.
 *
 * <p>Make one with {@link Template#with(Object...)}, {@link Html#each(Iterable, java.util.function.Function)} or
 * {@link Html#unsafeRaw(String)}. Statics travel to the browser once; afterwards only changed dynamic parts do.
 * Values are immutable and safe to share between threads.
 */
public sealed interface Rendered permits RenderedTemplate, RenderedList {

    /**
     * The whole HTML, statics and dynamics joined; what a browser without JavaScript gets.
     *
     * @return the HTML text
     */
    default String toHtml() {
        StringBuilder html = new StringBuilder();
        RenderedTemplate.appendDynamic(html, this);
        return html.toString();
    }
}
