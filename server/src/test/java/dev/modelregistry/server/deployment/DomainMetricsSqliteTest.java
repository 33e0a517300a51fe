package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link DomainMetricsContractTest} on SQLite. */
class DomainMetricsSqliteTest extends DomainMetricsContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
