package dev.jsctx.chat;

/** chat.js on GraalJS. */
class ChatScriptOnGraalTest extends ChatScriptTest {
    ChatScriptOnGraalTest() {
        super("graal");
    }
}
