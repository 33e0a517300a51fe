package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link AuditApiContractTest} on PostgreSQL. */
class AuditApiPostgresTest extends AuditApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
