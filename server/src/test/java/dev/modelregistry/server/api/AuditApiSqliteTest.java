package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link AuditApiContractTest} on SQLite. */
class AuditApiSqliteTest extends AuditApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
