package dev.modelregistry.server.lineage;

import dev.modelregistry.server.testing.TestRegistry;
import org.junit.jupiter.api.BeforeAll;

/** Ingest on PostgreSQL, where the event tables are partitioned by time. */
class PostgresIngestApiTest extends IngestApiContractTest {
    @BeforeAll
    static void start() {
        setUp(TestRegistry.postgres());
    }
}
