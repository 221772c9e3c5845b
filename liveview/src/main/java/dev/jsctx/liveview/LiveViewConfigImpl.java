package dev.jsctx.liveview;

import java.time.Duration;
import java.util.Set;

record LiveViewConfigImpl(
        byte[] key,
        Duration tokenTtl,
        Set<String> allowedOrigins,
        int maxFrameBytes,
        Duration heartbeatInterval,
        double eventsPerSecond,
        int eventBurst,
        int maxRefusalsPerMinute,
        int maxValueChars,
        int maxSocketsPerClient,
        int maxJoinsPerClientPerMinute,
        int maxViewsPerToken,
        int maxViews,
        Duration tokenMaxLifetime,
        int outboundQueueFrames,
        Duration writeTimeout,
        int mailboxCapacity,
        Duration resumeWindow)
        implements LiveViewConfig {

    @Override
    public byte[] secret() {
        return key.clone();
    }

    @Override
    public String toString() {
        // never print the secret
        return "LiveViewConfig[tokenTtl=" + tokenTtl + ", allowedOrigins=" + allowedOrigins
                + ", maxFrameBytes=" + maxFrameBytes + ", heartbeatInterval=" + heartbeatInterval
                + ", eventsPerSecond=" + eventsPerSecond + ", eventBurst=" + eventBurst
                + ", maxRefusalsPerMinute=" + maxRefusalsPerMinute + ", maxValueChars=" + maxValueChars
                + ", maxSocketsPerClient=" + maxSocketsPerClient
                + ", maxJoinsPerClientPerMinute=" + maxJoinsPerClientPerMinute
                + ", maxViewsPerToken=" + maxViewsPerToken + ", maxViews=" + maxViews
                + ", tokenMaxLifetime=" + tokenMaxLifetime + ", outboundQueueFrames=" + outboundQueueFrames
                + ", writeTimeout=" + writeTimeout + ", mailboxCapacity=" + mailboxCapacity
                + ", resumeWindow=" + resumeWindow + "]";
    }
}
