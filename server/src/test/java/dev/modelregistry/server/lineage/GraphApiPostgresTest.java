package dev.modelregistry.server.lineage;

import org.junit.jupiter.api.BeforeAll;

/** The ensemble graph on PostgreSQL. */
class GraphApiPostgresTest extends GraphApiContractTest {
    @BeforeAll
    static void start() {
        lineage = LineageTestSupport.postgres("graph-pg");
        buildDag();
    }
}
