package dev.jsctx.pool;

import dev.jsctx.pool.tck.FakeEngine;
import java.util.EnumSet;

/** Fake engines registered with ServiceLoader for the discovery tests, beside {@link FakeEngine} itself. */
final class FakeProviders {
    private FakeProviders() {}

    /** An engine without browser APIs nor statement budgets. */
    public static final class Minimal extends FakeEngine {
        public Minimal() {
            super("fake-minimal", EnumSet.of(EngineCapability.PROMISES));
        }
    }

    /** An engine written for an older SPI. */
    public static final class Outdated extends FakeEngine {
        public Outdated() {
            super("fake-old", EnumSet.allOf(EngineCapability.class));
        }

        @Override
        public int apiVersion() {
            return 1;
        }
    }
}
