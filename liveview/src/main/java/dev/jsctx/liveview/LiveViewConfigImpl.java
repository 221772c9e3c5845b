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
        int eventBurst)
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
                + ", eventsPerSecond=" + eventsPerSecond + ", eventBurst=" + eventBurst + "]";
    }
}
