package dev.modelregistry.server.lineage;

import org.junit.jupiter.api.BeforeAll;

/** The lineage answers on PostgreSQL, where signals and fills are partitioned by year. */
class LineageApiPostgresTest extends LineageApiContractTest {
    @BeforeAll
    static void start() {
        lineage = LineageTestSupport.postgres("lin-pg");
    }
}
