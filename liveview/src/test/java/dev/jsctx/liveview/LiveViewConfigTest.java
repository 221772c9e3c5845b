package dev.jsctx.liveview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LiveViewConfigTest {

    @Test
    void readsEveryKeyFromConfig() {
        Config config = Config.just(ConfigSources.create(Map.of(
                "liveview.secret", "0123456789abcdef0123456789abcdef",
                "liveview.token-ttl", "PT5M",
                "liveview.allowed-origins.0", "https://a.example",
                "liveview.max-frame-bytes", "2048",
                "liveview.heartbeat-interval", "PT10S",
                "liveview.events-per-second", "7.5",
                "liveview.event-burst", "9")));
        LiveViewConfig live = LiveViewConfig.create(config.get("liveview"));
        assertArrayEquals("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), live.secret());
        assertEquals(Duration.ofMinutes(5), live.tokenTtl());
        assertEquals(Set.of("https://a.example"), live.allowedOrigins());
        assertEquals(2048, live.maxFrameBytes());
        assertEquals(Duration.ofSeconds(10), live.heartbeatInterval());
        assertEquals(7.5, live.eventsPerSecond());
        assertEquals(9, live.eventBurst());
        assertFalse(live.toString().contains("0123456789abcdef"), "toString must not show the secret");
    }

    @Test
    void readsEveryLimitFromConfig() {
        Config config = Config.just(ConfigSources.create(Map.ofEntries(
                Map.entry("liveview.max-refusals-per-minute", "11"),
                Map.entry("liveview.max-value-chars", "12"),
                Map.entry("liveview.max-sockets-per-client", "13"),
                Map.entry("liveview.max-joins-per-client-per-minute", "14"),
                Map.entry("liveview.max-views-per-token", "15"),
                Map.entry("liveview.max-views", "16"),
                Map.entry("liveview.token-max-lifetime", "PT2H"),
                Map.entry("liveview.outbound-queue-frames", "17"),
                Map.entry("liveview.write-timeout", "PT3S"),
                Map.entry("liveview.mailbox-capacity", "18"),
                Map.entry("liveview.resume-window", "PT4S"))));
        LiveViewConfig live = LiveViewConfig.create(config.get("liveview"));
        assertEquals(11, live.maxRefusalsPerMinute());
        assertEquals(12, live.maxValueChars());
        assertEquals(13, live.maxSocketsPerClient());
        assertEquals(14, live.maxJoinsPerClientPerMinute());
        assertEquals(15, live.maxViewsPerToken());
        assertEquals(16, live.maxViews());
        assertEquals(Duration.ofHours(2), live.tokenMaxLifetime());
        assertEquals(17, live.outboundQueueFrames());
        assertEquals(Duration.ofSeconds(3), live.writeTimeout());
        assertEquals(18, live.mailboxCapacity());
        assertEquals(Duration.ofSeconds(4), live.resumeWindow());
    }

    @Test
    void limitsHaveTheDocumentedDefaults() {
        LiveViewConfig live = LiveViewConfig.create();
        assertEquals(60, live.maxRefusalsPerMinute());
        assertEquals(4096, live.maxValueChars());
        assertEquals(100, live.maxSocketsPerClient());
        assertEquals(600, live.maxJoinsPerClientPerMinute());
        assertEquals(3, live.maxViewsPerToken());
        assertEquals(10_000, live.maxViews());
        assertEquals(Duration.ofHours(12), live.tokenMaxLifetime());
        assertEquals(64, live.outboundQueueFrames());
        assertEquals(Duration.ofSeconds(10), live.writeTimeout());
        assertEquals(256, live.mailboxCapacity());
        assertEquals(Duration.ofSeconds(30), live.resumeWindow());
        assertEquals(
                Duration.ZERO,
                LiveViewConfig.builder().resumeWindow(Duration.ZERO).build().resumeWindow());
        assertThrows(
                IllegalArgumentException.class, () -> LiveViewConfig.builder().resumeWindow(Duration.ofSeconds(-1)));
        assertThrows(
                IllegalArgumentException.class, () -> LiveViewConfig.builder().maxViews(0));
    }

    @Test
    void defaultsApplyAndSecretIsRandom() {
        LiveViewConfig live = LiveViewConfig.create();
        assertEquals(65536, live.maxFrameBytes());
        assertEquals(Duration.ofSeconds(30), live.heartbeatInterval());
        assertEquals(LiveViewConfig.MIN_SECRET_BYTES, live.secret().length);
        assertFalse(
                java.util.Arrays.equals(live.secret(), LiveViewConfig.create().secret()));
    }

    @Test
    void shortSecretIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> LiveViewConfig.builder().secret("short"));
        assertEquals("liveview secret must have at least 32 bytes, got 5", e.getMessage());
    }
}
