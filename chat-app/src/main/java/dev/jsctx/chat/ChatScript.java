package dev.jsctx.chat;

import dev.jsctx.pool.ContextSpec;
import dev.jsctx.pool.Script;

/** The spec of a tab's chat context. */
final class ChatScript {
    /** Every tab's context: {@code chat.js}, bare ECMAScript (surface {@code NONE}): it needs no Web APIs. */
    static final ContextSpec SPEC = ContextSpec.builder()
            .addScript(Script.ofResource(ChatScript.class.getClassLoader(), "chat.js"))
            .label("chat")
            .build();

    private ChatScript() {}
}
