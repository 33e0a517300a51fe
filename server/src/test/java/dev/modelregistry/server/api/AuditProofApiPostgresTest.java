package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link AuditProofApiContractTest} on PostgreSQL. */
class AuditProofApiPostgresTest extends AuditProofApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
