package dev.jsctx.liveview.test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jsctx.liveview.test.RecordingSession.Navigation;
import dev.jsctx.liveview.test.RecordingSession.PushedEvent;
import jakarta.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("a recording session")
class RecordingSessionTest {

    @Test
    @DisplayName("hands out sent messages in order, and nothing when none is left")
    void messagesInOrder() throws Exception {
        RecordingSession session = RecordingSession.create("s");
        session.send("one");
        session.send("two");
        session.send("three");
        assertEquals("one", session.next());
        assertEquals(Optional.of("two"), session.poll(Duration.ZERO));
        assertEquals(List.of("three"), session.drained());
        assertEquals(Optional.empty(), session.poll(Duration.ZERO));
    }

    @Test
    @DisplayName("records events, page changes, flash and topics as the code under test asked for them")
    void recordsWhatWasAsked() {
        RecordingSession session = RecordingSession.create("s");
        session.pushEvent("scroll", Json.createObjectBuilder().add("to", 3).build());
        session.pushPatch("/rooms/a");
        session.redirect("/login");
        session.pushNavigate("/other");
        session.putFlash("info", "saved");
        session.subscribe("room:a");
        session.track("room:a");
        assertEquals(
                List.of(new PushedEvent(
                        "scroll", Json.createObjectBuilder().add("to", 3).build())),
                session.pushedEvents());
        assertEquals(
                List.of(
                        new Navigation(Navigation.Kind.PATCH, "/rooms/a"),
                        new Navigation(Navigation.Kind.REDIRECT, "/login"),
                        new Navigation(Navigation.Kind.NAVIGATE, "/other")),
                session.navigations());
        assertEquals("saved", session.flash("info"));
        assertEquals("", session.flash("error"));
        assertEquals(List.of("room:a"), session.subscriptions());
        assertEquals(List.of("room:a"), session.tracked());
        assertEquals("tab-s", session.tabId());
    }

    @Test
    @DisplayName("closes owned resources once, in reverse order, each despite another's failure, then at once")
    void closesOwnedResources() {
        List<String> closed = new CopyOnWriteArrayList<>();
        RecordingSession session = RecordingSession.create("s");
        session.own(() -> closed.add("first"));
        session.own(() -> {
            closed.add("second");
            throw new IllegalStateException("second fails");
        });
        session.own(() -> closed.add("third"));
        Exception failure = assertThrows(IllegalStateException.class, session::close);
        assertEquals("second fails", failure.getMessage());
        assertEquals(List.of("third", "second", "first"), closed);

        session.own(() -> closed.add("late"));
        assertEquals(List.of("third", "second", "first", "late"), closed);
        assertDoesNotThrow(session::close, "closing again does nothing");
        assertEquals(4, closed.size());
    }
}
