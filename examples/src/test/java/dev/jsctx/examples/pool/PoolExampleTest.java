package dev.jsctx.examples.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PoolExampleTest {
    @Test
    @DisplayName("the sample's asynchronous call runs after its blocking one, on the same context")
    void countsInOrder() {
        assertEquals("5 then 6", PoolExample.countTwice());
    }
}
