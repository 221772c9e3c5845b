package dev.jsctx.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/** What a room may be called: it becomes part of a URL, a PubSub topic and a Redis key. */
final class RoomName {
    /** The room of {@code /}. */
    static final String LOBBY = "lobby";

    /** Told to a user who asked for another name. */
    static final String RULE = "Room names are 1 to 32 lower-case letters, digits or dashes.";

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private RoomName() {}

    /**
     * @param name a name from a URL, untrusted
     * @return the name if it is one
     */
    static Optional<String> parse(String name) {
        return name != null && VALID.matcher(name).matches() ? Optional.of(name) : Optional.empty();
    }
}
