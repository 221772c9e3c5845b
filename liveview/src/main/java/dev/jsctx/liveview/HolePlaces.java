package dev.jsctx.liveview;

import java.util.Locale;
import java.util.Set;

/**
 * Follows a template's HTML from hole to hole and refuses holes where escaping {@code & < > " '} is not enough:
 * inside {@code <script>} or {@code <style>}, in a tag or attribute name, in an unquoted attribute value, in an
 * event-handler ({@code on*}), {@code style} or {@code srcdoc} attribute, and at the start of a URL attribute
 * ({@code href="{}"} could be {@code javascript:...}; {@code href="/items/{}"} is fine). A small tokenizer in
 * the manner of the HTML spec's, enough for templates an application writes; not thread-safe (one per parse).
 */
final class HolePlaces {

    private static final Set<String> URL_ATTRIBUTES = Set.of(
            "href",
            "src",
            "action",
            "formaction",
            "xlink:href",
            "poster",
            "cite",
            "background",
            "data",
            "codebase",
            "srcset",
            "ping",
            "manifest",
            "icon",
            "lowsrc",
            "dynsrc");

    private enum State {
        TEXT,
        TAG_OPEN,
        TAG_NAME,
        END_TAG,
        MARKUP,
        COMMENT,
        IN_TAG,
        ATTRIBUTE_NAME,
        AFTER_ATTRIBUTE_NAME,
        BEFORE_VALUE,
        VALUE_DOUBLE_QUOTED,
        VALUE_SINGLE_QUOTED,
        VALUE_UNQUOTED,
        RAW_TEXT
    }

    private State state = State.TEXT;
    private final StringBuilder tagName = new StringBuilder();
    private final StringBuilder attributeName = new StringBuilder();
    /** The attribute value's text before the hole (a hole counts as one character). */
    private final StringBuilder valuePrefix = new StringBuilder();
    /** The tag whose end closes the raw text ({@code script} or {@code style}). */
    private String rawTextTag;
    /** The source read so far, for the error message. */
    private final StringBuilder seen = new StringBuilder();

    /** Read static text up to the next hole. */
    void text(String text) {
        for (int i = 0; i < text.length(); i++) {
            read(text.charAt(i));
        }
    }

    /**
     * A hole at the current place.
     *
     * @param number the hole's number, from 1
     * @throws IllegalArgumentException if the place is unsafe, saying where
     */
    void hole(int number) {
        String unsafe = unsafePlace();
        if (unsafe != null) {
            String before = seen.length() <= 40 ? seen.toString() : "..." + seen.substring(seen.length() - 40);
            throw new IllegalArgumentException("template hole " + number + " is " + unsafe + ", where escaping is"
                    + " not enough; it follows: " + before + " (use a quoted attribute value or element text, or"
                    + " {{}} for a literal {})");
        }
        seen.append("{}");
        if (state == State.VALUE_DOUBLE_QUOTED || state == State.VALUE_SINGLE_QUOTED) {
            valuePrefix.append('\0');
        }
    }

    private String unsafePlace() {
        return switch (state) {
            case TEXT, COMMENT -> null;
            case RAW_TEXT -> "inside <" + rawTextTag + ">";
            case TAG_OPEN, TAG_NAME, END_TAG, MARKUP -> "in a tag name";
            case IN_TAG, ATTRIBUTE_NAME, AFTER_ATTRIBUTE_NAME -> "in a tag, outside any attribute value";
            case BEFORE_VALUE, VALUE_UNQUOTED -> "the unquoted value of attribute " + attributeName;
            case VALUE_DOUBLE_QUOTED, VALUE_SINGLE_QUOTED -> unsafeAttribute();
        };
    }

    private String unsafeAttribute() {
        String name = attributeName.toString().toLowerCase(Locale.ROOT);
        if (name.startsWith("on")) {
            return "in event-handler attribute " + name;
        }
        if (name.equals("style") || name.equals("srcdoc")) {
            return "in attribute " + name;
        }
        if (URL_ATTRIBUTES.contains(name) && !schemeFixed(valuePrefix)) {
            return "at the start of URL attribute " + name + " (it could be a javascript: URL)";
        }
        return null;
    }

    /** A URL's scheme is fixed once its static start has a {@code :}, {@code /}, {@code ?} or {@code #}. */
    private static boolean schemeFixed(CharSequence prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            switch (prefix.charAt(i)) {
                case ':', '/', '?', '#' -> {
                    return true;
                }
                case '\0' -> {
                    return false;
                }
                default -> {}
            }
        }
        return false;
    }

    private void read(char c) {
        seen.append(c);
        switch (state) {
            case TEXT -> {
                if (c == '<') {
                    state = State.TAG_OPEN;
                }
            }
            case TAG_OPEN -> {
                if (Character.isLetter(c)) {
                    tagName.setLength(0);
                    tagName.append(c);
                    state = State.TAG_NAME;
                } else if (c == '/') {
                    state = State.END_TAG;
                } else if (c == '!') {
                    state = State.MARKUP;
                } else {
                    state = c == '<' ? State.TAG_OPEN : State.TEXT;
                }
            }
            case TAG_NAME -> {
                if (c == '>') {
                    content();
                } else if (Character.isWhitespace(c) || c == '/') {
                    state = State.IN_TAG;
                } else {
                    tagName.append(c);
                }
            }
            case END_TAG, MARKUP -> {
                if (c == '>') {
                    state = State.TEXT;
                } else if (state == State.MARKUP && c == '-' && seen.toString().endsWith("<!--")) {
                    state = State.COMMENT;
                }
            }
            case COMMENT -> {
                if (c == '>' && seen.toString().endsWith("-->")) {
                    state = State.TEXT;
                }
            }
            case IN_TAG -> {
                if (c == '>') {
                    content();
                } else if (!Character.isWhitespace(c) && c != '/') {
                    attributeName.setLength(0);
                    attributeName.append(c);
                    state = State.ATTRIBUTE_NAME;
                }
            }
            case ATTRIBUTE_NAME -> {
                if (c == '=') {
                    state = State.BEFORE_VALUE;
                } else if (c == '>') {
                    content();
                } else if (Character.isWhitespace(c)) {
                    state = State.AFTER_ATTRIBUTE_NAME;
                } else if (c == '/') {
                    state = State.IN_TAG;
                } else {
                    attributeName.append(c);
                }
            }
            case AFTER_ATTRIBUTE_NAME -> {
                if (c == '=') {
                    state = State.BEFORE_VALUE;
                } else if (c == '>') {
                    content();
                } else if (!Character.isWhitespace(c)) {
                    attributeName.setLength(0);
                    attributeName.append(c);
                    state = State.ATTRIBUTE_NAME;
                }
            }
            case BEFORE_VALUE -> {
                valuePrefix.setLength(0);
                if (c == '"') {
                    state = State.VALUE_DOUBLE_QUOTED;
                } else if (c == '\'') {
                    state = State.VALUE_SINGLE_QUOTED;
                } else if (c == '>') {
                    content();
                } else if (!Character.isWhitespace(c)) {
                    state = State.VALUE_UNQUOTED;
                }
            }
            case VALUE_DOUBLE_QUOTED, VALUE_SINGLE_QUOTED -> {
                if (c == (state == State.VALUE_DOUBLE_QUOTED ? '"' : '\'')) {
                    state = State.IN_TAG;
                } else {
                    valuePrefix.append(c);
                }
            }
            case VALUE_UNQUOTED -> {
                if (c == '>') {
                    content();
                } else if (Character.isWhitespace(c)) {
                    state = State.IN_TAG;
                }
            }
            case RAW_TEXT -> {
                String end = "</" + rawTextTag;
                if (seen.length() >= end.length()
                        && seen.substring(seen.length() - end.length())
                                .toLowerCase(Locale.ROOT)
                                .equals(end)) {
                    state = State.END_TAG;
                }
            }
        }
    }

    /** The start tag ended: its content is raw text for script and style, normal text otherwise. */
    private void content() {
        String tag = tagName.toString().toLowerCase(Locale.ROOT);
        if (tag.equals("script") || tag.equals("style")) {
            rawTextTag = tag;
            state = State.RAW_TEXT;
        } else {
            state = State.TEXT;
        }
    }
}
