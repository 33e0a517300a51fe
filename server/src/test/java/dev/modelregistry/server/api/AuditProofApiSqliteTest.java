package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link AuditProofApiContractTest} on SQLite. */
class AuditProofApiSqliteTest extends AuditProofApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
