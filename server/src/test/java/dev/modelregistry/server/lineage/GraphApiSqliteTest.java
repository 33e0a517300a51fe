package dev.modelregistry.server.lineage;

import org.junit.jupiter.api.BeforeAll;

/** The ensemble graph on SQLite. */
class GraphApiSqliteTest extends GraphApiContractTest {
    @BeforeAll
    static void start() {
        lineage = LineageTestSupport.sqlite("graph-sqlite");
        buildDag();
    }
}
