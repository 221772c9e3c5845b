package dev.jsctx.pool;

/**
 * The engine cannot do what was asked (see {@link EngineCapability}).
 */
public class UnsupportedCapabilityException extends JsContextException {
    private static final long serialVersionUID = 1L;

    private final EngineCapability capability;

    /**
     * @param engine     the engine's name
     * @param capability what it lacks
     * @param what       what was asked of it
     */
    public UnsupportedCapabilityException(String engine, EngineCapability capability, String what) {
        super("Engine '" + engine + "' does not support " + capability + ": " + what);
        this.capability = capability;
    }

    /**
     * @return what the engine lacks
     */
    public EngineCapability capability() {
        return capability;
    }
}
