package dev.modelregistry.server.lineage;

import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;

/** Ingest on the embedded SQLite database. */
class SqliteIngestApiTest extends IngestApiContractTest {
    @BeforeAll
    static void start() {
        setUp(TestRegistry.sqlite());
    }
}
