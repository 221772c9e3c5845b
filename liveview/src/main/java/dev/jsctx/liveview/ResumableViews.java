package dev.jsctx.liveview;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Joined views that their tab may resume after its connection went away: each is kept, with its state and what
 * it owns, for {@link LiveViewConfig#resumeWindow()} after its socket ended, and {@link #expire} ends it when
 * nobody resumed it by then. Only the tab that joined it can resume it: the rejoin's token must name the view
 * (tokens of join replies do, signed) and be bound to the same session cookie.
 *
 * <p>A view belongs to one socket at a time, its owner; a resume hands it to the new socket, and a previous owner
 * still open (a connection the server has not yet seen drop) lets it go without ending it. A view without an
 * owner is not counted in the topics it tracks ({@link ViewSession#tabAway()}): a closed tab leaves its presence
 * at once, and a resume brings it back. Thread-safe (one lock over the map, under which ownership and presence
 * change together; views are ended outside it).
 */
final class ResumableViews {

    private final long windowNanos;
    private final Admission admission;

    // guarded by this
    private final Map<String, Entry> entries = new HashMap<>();
    /** Tab id to the end of its views that left {@link #entries} and end (parking their state) outside the lock. */
    private final Map<String, CompletableFuture<Void>> ending = new HashMap<>();

    ResumableViews(LiveViewConfig config, Admission admission) {
        this.windowNanos = config.resumeWindow().toNanos();
        this.admission = admission;
    }

    /** Whether views can resume at all ({@code resume-window} is not zero). */
    boolean enabled() {
        return windowNanos > 0;
    }

    /**
     * A view was joined (or resumed) by {@code socket}.
     *
     * @param tokenId the id admission counted the view under, given back when it ends
     * @param binding the session cookie's binding of the tab that joined it
     */
    synchronized void joined(ViewSession view, String tokenId, String binding, LiveSocket socket) {
        entries.put(view.id(), new Entry(view, tokenId, binding, socket));
    }

    /**
     * The socket went away without ending its view for good. From now on the view waits for its tab for the
     * resume window.
     *
     * @return true if the view is kept (the socket must not end it): waiting for a resume, or taken over by
     *     another socket already
     */
    synchronized boolean disconnected(ViewSession view, LiveSocket socket) {
        Entry entry = entries.get(view.id());
        if (entry == null) {
            return false;
        }
        if (entry.owner == socket) {
            entry.owner = null;
            entry.disconnectedNanos = System.nanoTime();
            view.tabAway();
        }
        return true;
    }

    /**
     * Hand a view to the socket that resumes it, if the claims match the tab that joined it.
     *
     * @return the view, its admission id and the socket that owned it until now (to let it go), or {@code null}
     *     when there is no such view for this tab (the window passed, or the server restarted): then join afresh
     */
    synchronized Resumed claim(String viewId, String binding, LiveSocket socket) {
        Entry entry = entries.get(viewId);
        if (entry == null || !entry.binding.equals(binding)) {
            return null;
        }
        LiveSocket previous = entry.owner;
        entry.owner = socket;
        entry.disconnectedNanos = 0;
        entry.view.tabBack();
        return new Resumed(entry.view, entry.tokenId, previous == socket ? null : previous);
    }

    /** The view ended for good while joined (a callback failed, a refused socket): forget it. */
    synchronized void ended(ViewSession view) {
        entries.remove(view.id());
    }

    /**
     * Called by the sweeper: end every view whose resume window has passed, each on a virtual thread of its own (ending
     * a view waits for its running callback, and parking its state calls into it).
     */
    void expireDue() {
        long now = System.nanoTime();
        List<Entry> due = new ArrayList<>();
        synchronized (this) {
            entries.values().removeIf(entry -> {
                boolean expired = entry.owner == null && now - entry.disconnectedNanos >= windowNanos;
                if (expired) {
                    due.add(endingOutsideTheLock(entry));
                }
                return expired;
            });
        }
        for (Entry entry : due) {
            Thread.ofVirtual().name("jsctx-liveview-resume-window-end").start(() -> expire(entry));
        }
    }

    /** The server stops: end every view that waits for its tab (views still on a socket end with it). */
    void endWaiting() {
        List<Entry> waiting = new ArrayList<>();
        synchronized (this) {
            entries.values().removeIf(entry -> entry.owner == null && waiting.add(endingOutsideTheLock(entry)));
        }
        waiting.forEach(this::expire);
    }

    /**
     * Wait, at most {@code bound}, until the views of this tab that are ending have parked their state: a tab that
     * comes back just as its resume window ends can no longer resume its view, and joins afresh from that parked
     * state, which must be there by then. Returns at once when none is ending.
     */
    void awaitEnding(String tabId, Duration bound) {
        CompletableFuture<Void> pending;
        synchronized (this) {
            pending = ending.get(tabId);
        }
        if (pending == null) {
            return;
        }
        try {
            pending.get(bound.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // joins without the state: the view is still ending, or its end failed (and was logged)
        }
    }

    // holds this: the entry has just left entries
    private Entry endingOutsideTheLock(Entry entry) {
        ending.merge(entry.view.tabId(), entry.ended, CompletableFuture::allOf);
        return entry;
    }

    /**
     * The one place where a view whose connection went away finally ends, once its resume window passed (or the
     * server stops): its resources are closed and admission forgets it. Anything that should outlive the view's
     * instance (parking its state elsewhere) belongs here, before {@link ViewSession#end()}.
     */
    private void expire(Entry entry) {
        try {
            entry.view.end();
            admission.viewEnded(entry.tokenId);
        } finally {
            entry.ended.complete(null);
            synchronized (this) {
                ending.computeIfPresent(entry.view.tabId(), (tab, all) -> all.isDone() ? null : all);
            }
        }
    }

    /** A view handed to a resuming socket; {@code previousOwner} must let it go, or is {@code null}. */
    record Resumed(ViewSession view, String tokenId, LiveSocket previousOwner) {}

    private static final class Entry {
        final ViewSession view;
        final String tokenId;
        final String binding;
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        LiveSocket owner;
        long disconnectedNanos;

        Entry(ViewSession view, String tokenId, String binding, LiveSocket owner) {
            this.view = view;
            this.tokenId = tokenId;
            this.binding = binding;
            this.owner = owner;
        }
    }
}
