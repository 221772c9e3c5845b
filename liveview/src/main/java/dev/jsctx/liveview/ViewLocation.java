package dev.jsctx.liveview;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where one view is: its route and current page URI, the patch, navigation or redirect its callbacks asked for,
 * and its flash messages. Not thread-safe: only used under its {@link ViewSession}'s lock.
 */
final class ViewLocation {

    /** Patches one {@code handleParams} may ask for in a row before the view is deemed stuck in a loop. */
    private static final int MAX_PATCHES_IN_A_ROW = 8;

    private final Routes routes;
    private final Routes.Route route;
    private Routes.PageUri uri;
    private Map<String, String> params;

    private Located pendingPatch;
    private String pendingNavigate;
    private String pendingRedirect;

    private final Map<String, String> flash = new LinkedHashMap<>();
    private boolean flashRendered;

    ViewLocation(Routes routes, Routes.Match match, Routes.PageUri uri) {
        this.routes = routes;
        this.route = match.route();
        this.uri = uri;
        this.params = match.params(uri.query());
    }

    Routes.Route route() {
        return route;
    }

    Routes.PageUri uri() {
        return uri;
    }

    Map<String, String> params() {
        return params;
    }

    /** Move to a URI of this view's route (a patch); its params are what {@code handleParams} gets next. */
    void moveTo(Routes.PageUri to, Routes.Match match) {
        this.uri = to;
        this.params = match.params(to.query());
    }

    void pushPatch(String to) {
        Routes.PageUri checked = checked(to);
        Routes.Match match = matched(checked);
        if (match.route() != route) {
            throw new IllegalArgumentException("pushPatch goes to a URI of the same view; use pushNavigate for " + to);
        }
        pendingPatch = new Located(checked, match);
    }

    void pushNavigate(String to) {
        matched(checked(to));
        pendingNavigate = to;
        pendingRedirect = null;
    }

    void redirect(String to) {
        checked(to);
        pendingRedirect = to;
        pendingNavigate = null;
    }

    /**
     * Take the patch asked for, if any, moving to its URI.
     *
     * @return whether there was one
     * @throws IllegalStateException if handleParams keeps patching
     */
    boolean takePatch(int inARow) {
        if (pendingPatch == null) {
            return false;
        }
        if (inARow >= MAX_PATCHES_IN_A_ROW) {
            throw new IllegalStateException("more than " + MAX_PATCHES_IN_A_ROW + " pushPatch calls in a row");
        }
        moveTo(pendingPatch.uri, pendingPatch.match);
        pendingPatch = null;
        return true;
    }

    /** The navigation or redirect frame the last callback asked for, or {@code null}; forgotten once taken. */
    String takeNavigationFrame() {
        String frame = pendingNavigate != null
                ? Messages.navigate(pendingNavigate)
                : pendingRedirect != null ? Messages.redirect(pendingRedirect) : null;
        pendingNavigate = null;
        pendingRedirect = null;
        return frame;
    }

    /** A refused event changes nothing: forget what it asked for. */
    void forgetPending() {
        pendingPatch = null;
        pendingNavigate = null;
        pendingRedirect = null;
    }

    void putFlash(String kind, String message) {
        flash.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(message, "message"));
        flashRendered = false;
    }

    String flash(String kind) {
        return flash.getOrDefault(kind, "");
    }

    /** A render happened: what the flash holds has been shown. */
    void rendered() {
        flashRendered = !flash.isEmpty();
    }

    /** The browser acts again (an event, a patch): a flash that has been shown goes. */
    void browserActed() {
        if (flashRendered) {
            flash.clear();
            flashRendered = false;
        }
    }

    /** Hand the flash to the view this one navigates to: shown again there, once. */
    Map<String, String> flashForNext() {
        return Map.copyOf(flash);
    }

    void receiveFlash(Map<String, String> messages) {
        flash.putAll(messages);
        flashRendered = false;
    }

    private static Routes.PageUri checked(String to) {
        try {
            return Routes.parse(to);
        } catch (Routes.InvalidUriException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + LogText.quote(to));
        }
    }

    private Routes.Match matched(Routes.PageUri to) {
        try {
            return routes.match(to.path())
                    .orElseThrow(() -> new IllegalArgumentException("no live view at " + LogText.quote(to.uri())));
        } catch (Routes.InvalidUriException e) {
            throw new IllegalArgumentException(e.getMessage() + ": " + LogText.quote(to.uri()));
        }
    }

    private record Located(Routes.PageUri uri, Routes.Match match) {}
}
