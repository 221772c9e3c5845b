package dev.jsctx.examples.fragments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.jsctx.liveview.Rendered;
import dev.jsctx.pool.PoolConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadmeFragmentsTest {
    @Test
    void keyedListAndMenuRender() {
        Rendered list = ReadmeFragments.todoList(
                List.of(new ReadmeFragments.Todo("1", "milk"), new ReadmeFragments.Todo("2", "tea")));
        assertNotNull(list);
        assertNotNull(ReadmeFragments.menu());
    }

    @Test
    void fairShareConfigKeepsItsTimeout() {
        PoolConfig config = ReadmeFragments.fairShareConfig();
        assertEquals(Duration.ofSeconds(1), config.callTimeout());
    }
}
