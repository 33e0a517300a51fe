package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One server per test class on the database its subclass names, with a {@link DeployFixture} (a team, an approver
 * and an evaluator) whose names start with the suite's prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeployTestSupport {
    private final String prefix;
    TestRegistry registry;
    DeployFixture fixture;

    DeployTestSupport(String prefix) {
        this.prefix = prefix;
    }

    /** The database this suite runs on. */
    abstract Backend backend();

    @BeforeAll
    void start() {
        registry = backend().start(TestRegistry.config());
        fixture = new DeployFixture(registry.baseUri(), TestRegistry.ADMIN_TOKEN, prefix);
    }

    @AfterAll
    void stop() {
        registry.close();
    }
}
