package dev.jsctx.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One counter app container for a whole test class: started before its first test, removed after its last one,
 * also when tests fail. Test methods (and {@code @BeforeEach}/{@code @AfterEach} methods) get it as a
 * {@link CounterApp} parameter. When a test fails, the app's log is printed before the failure is reported.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final CounterAppExtension APP = new CounterAppExtension(CounterApp.Setup.defaults());
 *
 * @Test
 * void something(CounterApp app) { ... }
 * }</pre>
 *
 * <p>Tests of one class share the app, so each one uses its own sessions and compares metrics with what it read
 * before, never with absolute values.
 */
final class CounterAppExtension
        implements BeforeAllCallback,
                AfterAllCallback,
                ParameterResolver,
                TestExecutionExceptionHandler,
                LifecycleMethodExecutionExceptionHandler {

    private static final System.Logger LOGGER = System.getLogger(CounterAppExtension.class.getName());

    private final CounterApp.Setup setup;
    private volatile CounterApp app;

    CounterAppExtension(CounterApp.Setup setup) {
        this.setup = setup;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        app = CounterApp.start(setup);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        CounterApp running = app;
        app = null;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CounterApp.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        CounterApp running = app;
        if (running == null) {
            throw new IllegalStateException("the counter app is not running: register the extension on a static "
                    + "field, so it starts before the tests");
        }
        return running;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLog(context);
        throw failure;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLog(context);
        throw failure;
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        printLog(context);
        throw failure;
    }

    private void printLog(ExtensionContext context) {
        CounterApp running = app;
        if (running != null) {
            LOGGER.log(
                    System.Logger.Level.ERROR,
                    "{0} failed; the app''s log:\n{1}",
                    context.getDisplayName(),
                    running.logs());
        }
    }
}
