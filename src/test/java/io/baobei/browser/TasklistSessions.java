package io.baobei.browser;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A Tasklist browser test's browser: register it as a static {@code @RegisterExtension} field of a
 * {@code @BaobeiWebTest} and take a {@link Tasklist} parameter. Empties the class's screenshot folder once, opens a
 * new headless Chromium on the application's port before each test and closes it after.
 */
final class TasklistSessions implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TasklistSessions.class);

    private final Screenshots screenshots;

    /** {@code folder}: the screenshots' folder under target/screenshots. */
    TasklistSessions(String folder) {
        this.screenshots = new Screenshots(folder);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        screenshots.clean();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        int port = Integer.parseInt(SpringExtension.getApplicationContext(context).getEnvironment()
                .getRequiredProperty("local.server.port"));
        context.getStore(NAMESPACE).put(Tasklist.class, Tasklist.open(screenshots, port));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Tasklist tasklist = context.getStore(NAMESPACE).remove(Tasklist.class, Tasklist.class);
        if (tasklist != null) {
            tasklist.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Tasklist.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(Tasklist.class, Tasklist.class);
    }
}
