package dev.modelregistry.browser;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives browser tests the one {@link Console} of the run: started by the first class that asks, kept in the root
 * context's store and closed by JUnit when the run ends, so the browser and the server start once, not per class.
 */
public final class ConsoleExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleExtension.class);

    static Console console(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Console.class, key -> Console.start(), Console.class);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        console(context).startTest(context.getRequiredTestClass().getSimpleName() + "-setup");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        console(context).startTest(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Console.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return console(context);
    }
}
