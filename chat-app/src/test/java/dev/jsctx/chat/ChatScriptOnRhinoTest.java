package dev.jsctx.chat;

/** chat.js on Rhino. */
class ChatScriptOnRhinoTest extends ChatScriptTest {
    ChatScriptOnRhinoTest() {
        super("rhino");
    }
}
