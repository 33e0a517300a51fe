package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link DomainMetricsContractTest} on PostgreSQL. */
class DomainMetricsPostgresTest extends DomainMetricsContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
