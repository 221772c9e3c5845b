package dev.jsctx.examples.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HostExampleTest {
    @Test
    @DisplayName("the sample's script looks the user up through its host function")
    void greetsAFoundUser() {
        assertEquals("Hello, Ada!", HostExample.greet("u1"));
    }

    @Test
    @DisplayName("the Java function's exception reaches the script as an Error with its message")
    void reportsAMissingUser() {
        assertEquals("Sorry: no user u9", HostExample.greet("u9"));
    }
}
