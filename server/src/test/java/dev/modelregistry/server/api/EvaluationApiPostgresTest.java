package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;

/** The same evaluation scenarios on PostgreSQL (a fresh schema): the SQL and the unique report_id behave alike. */
class EvaluationApiPostgresTest extends EvaluationApiTest {
    // Hides ApiTestSupport.startRegistry, so JUnit starts this server instead of the SQLite one.
    @BeforeAll
    static void startRegistry() {
        registry = TestRegistry.postgres();
    }
}
