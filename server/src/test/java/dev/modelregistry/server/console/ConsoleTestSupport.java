package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;
import dev.modelregistry.server.testing.DeployFixture;
import dev.modelregistry.server.testing.MutableClock;
import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One real server per test class on the database its subclass names, on a clock the tests move, with a
 * {@link DeployFixture} (a team with a registrant, an approver, an evaluator) to seed models through the API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleTestSupport {
    static final String ADMIN = TestRegistry.ADMIN_TOKEN;
    private static final AtomicInteger NAMES = new AtomicInteger();

    final MutableClock clock = new MutableClock(Instant.now());
    TestRegistry registry;
    DeployFixture fixture;
    /** The fixture's names start with this; its evaluator key is {@code prefix + "-k1"}. */
    String prefix;

    /** The database this suite runs on. */
    abstract Backend backend();

    @BeforeAll
    void start() {
        registry = backend().start(TestRegistry.config().withClock(clock));
        prefix = "console" + NAMES.incrementAndGet();
        fixture = new DeployFixture(registry.baseUri(), ADMIN, prefix);
    }

    @AfterAll
    void stop() {
        registry.close();
    }

    static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }

    ConsoleBrowser browser() {
        return new ConsoleBrowser(registry.baseUri());
    }

    /** A browser signed in with {@code token}. */
    ConsoleBrowser signedIn(String token) {
        ConsoleBrowser browser = browser();
        assertThat(browser.signIn(token).status()).isEqualTo(303);
        return browser;
    }

    static String versionPath(String model, String id) {
        return "/ui/models/" + model + "/versions/" + id;
    }

    long count(String sql) {
        return registry.server().database().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }
}
