package dev.jsctx.pool;

/**
 * The engine cannot do what was asked (see {@link dev.jsctx.pool.spi.EngineCapability}).
 */
public class UnsupportedCapabilityException extends JsContextException {
    private static final long serialVersionUID = 1L;

    private final dev.jsctx.pool.spi.EngineCapability capability;

    /**
     * @param engine     the engine's name
     * @param capability what it lacks
     * @param what       what was asked of it
     */
    public UnsupportedCapabilityException(String engine, dev.jsctx.pool.spi.EngineCapability capability, String what) {
        super("Engine '" + engine + "' does not support " + capability + ": " + what);
        this.capability = capability;
    }

    /**
     * @return what the engine lacks
     */
    public dev.jsctx.pool.spi.EngineCapability capability() {
        return capability;
    }
}
