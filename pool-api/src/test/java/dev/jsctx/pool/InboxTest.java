package dev.jsctx.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("inbox")
class InboxTest {
    @Test
    @DisplayName("drain hands back everything pushed, oldest first, and says who made it non-empty")
    void drainIsFifo() {
        Inbox inbox = new Inbox();
        List<Work> pushed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Work work = Work.chore(() -> {});
            pushed.add(work);
            assertEquals(i == 0, inbox.push(work));
        }
        assertFalse(inbox.isEmpty());
        List<Work> drained = new ArrayList<>();
        for (Work w = inbox.drain(); w != null; w = w.next) {
            drained.add(w);
        }
        assertEquals(pushed, drained);
        assertTrue(inbox.isEmpty());
        assertNull(inbox.drain());
    }
}
