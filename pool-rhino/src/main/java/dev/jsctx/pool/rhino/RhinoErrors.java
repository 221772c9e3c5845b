package dev.jsctx.pool.rhino;

import dev.jsctx.pool.JsContextException;
import dev.jsctx.pool.JsException;
import org.mozilla.javascript.EcmaError;
import org.mozilla.javascript.EvaluatorException;
import org.mozilla.javascript.JavaScriptException;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.ScriptRuntime;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/**
 * Turns what Rhino throws into the failures the SPI reports.
 */
final class RhinoErrors {
    private RhinoErrors() {}

    /**
     * @param thrown what running JavaScript threw
     * @return a {@link JsContextException} subtype for the call's completion
     */
    static RuntimeException toFailure(Throwable thrown) {
        return switch (thrown) {
            case RhinoThreadContext.CallAborted aborted -> aborted.failure();
            case JsContextException ours -> ours;
            case JavaScriptException js -> fromThrown(js.getValue(), js.getScriptStackTrace());
            case EcmaError ecma -> new JsException(ecma.getName(), ecma.getErrorMessage(), ecma.getScriptStackTrace());
            // Rhino's own runtime errors, such as writing to a sealed built-in; JavaScript sees them as InternalError.
            case EvaluatorException rhino ->
                new JsException("InternalError", rhino.details(), rhino.getScriptStackTrace());
            case RhinoException rhino -> new JsException("Error", rhino.details(), rhino.getScriptStackTrace());
            // Java recursion inside built-ins (callbacks of Array.prototype.map and the like) can outrun the
            // interpreter's own depth limit.
            case StackOverflowError overflow -> new JsException("RangeError", "Maximum call stack size exceeded", "");
            default -> new JsContextException("The Rhino engine failed: " + thrown, thrown);
        };
    }

    /**
     * @param value a value JavaScript threw or a Promise rejected with
     * @param stack the stack where it was thrown, used when the value carries none
     * @return the {@link JsException}: name and message of an Error, or {@code Error} and the value as text
     */
    static JsException fromThrown(Object value, String stack) {
        if (value instanceof Scriptable error && "Error".equals(error.getClassName())) {
            Object ownStack = ScriptableObject.getProperty(error, "stack");
            return new JsException(
                    text(ScriptableObject.getProperty(error, "name")),
                    text(ScriptableObject.getProperty(error, "message")),
                    ownStack instanceof CharSequence s ? s.toString() : stack);
        }
        return new JsException("Error", text(value), stack);
    }

    private static String text(Object value) {
        try {
            return ScriptRuntime.toString(value);
        } catch (RuntimeException e) {
            return "(a value whose toString() threw)";
        }
    }
}
