package dev.modelregistry.server.lineage;

import org.junit.jupiter.api.BeforeAll;

/** The lineage answers on SQLite. */
class LineageApiSqliteTest extends LineageApiContractTest {
    @BeforeAll
    static void start() {
        lineage = LineageTestSupport.sqlite("lin-sqlite");
    }
}
