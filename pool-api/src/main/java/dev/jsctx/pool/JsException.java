package dev.jsctx.pool;

/**
 * JavaScript threw. The context stays usable.
 */
public class JsException extends JsContextException {
    private static final long serialVersionUID = 1L;

    private final String jsName;
    private final String jsMessage;
    private final String jsStack;

    /**
     * @param jsName    the error's {@code name}, for example {@code "TypeError"}; {@code "Error"} when a non-error
     *                  value was thrown
     * @param jsMessage the error's {@code message}, or the thrown value as text
     * @param jsStack   the JavaScript stack, or empty when the engine has none
     */
    public JsException(String jsName, String jsMessage, String jsStack) {
        super(jsName + ": " + jsMessage);
        this.jsName = jsName;
        this.jsMessage = jsMessage;
        this.jsStack = jsStack;
    }

    /** @return the error's {@code name}, for example {@code "RangeError"} */
    public String jsName() {
        return jsName;
    }

    /** @return the error's {@code message} */
    public String jsMessage() {
        return jsMessage;
    }

    /** @return the JavaScript stack trace, or an empty string */
    public String jsStack() {
        return jsStack;
    }
}
