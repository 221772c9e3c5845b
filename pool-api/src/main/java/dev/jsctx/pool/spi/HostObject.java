package dev.jsctx.pool.spi;

import dev.jsctx.pool.JsContextException;
import dev.jsctx.pool.JsException;
import jakarta.json.JsonValue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The global {@code host} object of a shape with {@link ContextShape#hostObject()}, written once in JavaScript for
 * every engine: an engine evaluates {@link #SCRIPT} in the new context before the shape's scripts, calls the function
 * it evaluates to with three native functions of its own, and keeps the function that call returns, to deliver
 * messages ({@link EngineContext#deliverMessage}). The script defines {@code host} as a frozen, non-enumerable global
 * with {@code call}, {@code callSync}, {@code send} and {@code onMessage} (documented at
 * {@link dev.jsctx.pool.HostFunctions}); it needs only ECMAScript 2015 ({@code Promise}, rest parameters, which
 * take the arguments without the {@code arguments} object that costs Rhino's interpreter about 1 µs a call).
 *
 * <p>The three native functions, which must never throw:
 * <ul>
 *   <li>{@code callAsync(name, args, resolve, reject)}: converts {@code args} (an array) and calls
 *       {@link ContextHost#callHost} with a {@link HostReply} that calls {@code resolve(value)} or
 *       {@code reject(message)}; returns {@code null}, or the message of the failure to reject the Promise with (a
 *       {@link dev.jsctx.pool.JsException}'s {@code jsMessage()}, or the conversion's message).</li>
 *   <li>{@code callSync(name, args, failed)}: converts {@code args}, calls {@link ContextHost#callHostSync} and returns
 *       the converted result; on failure sets {@code failed[0]} to the message and returns {@code failed} itself.</li>
 *   <li>{@code send(message)}: converts {@code message} and calls {@link ContextHost#sendToHost}; returns {@code null},
 *       or the message of the failure.</li>
 * </ul>
 * The script turns each failure into a JavaScript {@code Error} of that message, so no Java exception and no Java
 * stack reaches JavaScript.
 */
public final class HostObject {
    /** The installer; evaluates to {@code function (callAsync, callSync, send)} returning {@code deliver(message)}. */
    public static final String SCRIPT = """
            (function (global) {
              'use strict';
              var PromiseType = Promise, ErrorType = Error, TypeErrorType = TypeError;
              return function (callAsync, callSync, send) {
                var handler = null;
                var failed = [null];
                var host = {
                  call: function (name, ...args) {
                    return new PromiseType(function (resolve, reject) {
                      var problem = callAsync(String(name), args, resolve, function (message) {
                        reject(new ErrorType(message));
                      });
                      if (problem !== null) {
                        reject(new ErrorType(problem));
                      }
                    });
                  },
                  callSync: function (name, ...args) {
                    var result = callSync(String(name), args, failed);
                    if (result === failed) {
                      var message = failed[0];
                      failed[0] = null;
                      throw new ErrorType(message);
                    }
                    return result;
                  },
                  send: function (message) {
                    var problem = send(message === undefined ? null : message);
                    if (problem !== null) {
                      throw new ErrorType(problem);
                    }
                  },
                  onMessage: function (fn) {
                    if (fn !== null && typeof fn !== 'function') {
                      throw new TypeErrorType('host.onMessage takes a function, or null to remove it');
                    }
                    handler = fn;
                  }
                };
                Object.defineProperty(global, 'host', {value: Object.freeze(host)});
                return function deliver(message) {
                  if (handler !== null) {
                    handler(message);
                  }
                };
              };
            })(this)
            """;

    /** The source name engines give {@link #SCRIPT}, as it shows in stack traces. */
    public static final String SCRIPT_NAME = "jsctx-host.js";

    private HostObject() {}

    /**
     * Runs what {@code callAsync} or {@code send} does with the {@link ContextHost} (after converting the arguments),
     * so that nothing is thrown into JavaScript. Call it on the context's runtime thread, from the native function.
     *
     * @param hostCall the call to the host, which may throw a {@link JsContextException}
     * @return {@code null} once it succeeded, else {@linkplain #failureMessage the message} the script throws
     */
    public static String failureOf(Runnable hostCall) {
        try {
            hostCall.run();
            return null;
        } catch (JsContextException e) {
            return failureMessage(e);
        }
    }

    /**
     * The message of the JavaScript {@code Error} a failed host call or conversion becomes: a {@link JsException}'s
     * {@link JsException#jsMessage() jsMessage()} (what the host function threw, as JavaScript sees it), else the
     * exception's message (a value that does not convert, a closed context).
     *
     * @param failure what the native function caught
     * @return the message
     */
    public static String failureMessage(JsContextException failure) {
        return failure instanceof JsException js ? js.jsMessage() : failure.getMessage();
    }

    /**
     * The {@link HostReply} a {@code callAsync} hands to {@link ContextHost#callHost}, over the engine's conversion and
     * its two ways to settle the Promise (the functions the script gave {@code callAsync}). A result that does not
     * convert rejects the Promise with {@linkplain #failureMessage the conversion's message}. Each method runs on the
     * thread the pool settles the reply on, as {@link HostReply} says.
     *
     * @param convert the engine's conversion of the result to a guest value
     * @param resolve fulfils the Promise with the converted value
     * @param reject  rejects the Promise with an {@code Error} of the message
     * @param <G>     the engine's type of guest values
     * @return the reply
     */
    public static <G> HostReply reply(Function<JsonValue, G> convert, Consumer<G> resolve, Consumer<String> reject) {
        return new HostReply() {
            @Override
            public void resolve(JsonValue value) {
                G converted;
                try {
                    converted = convert.apply(value);
                } catch (JsContextException e) {
                    reject(failureMessage(e));
                    return;
                }
                resolve.accept(converted);
            }

            @Override
            public void reject(String message) {
                reject.accept(message);
            }
        };
    }
}
