package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link AclApiContractTest} on SQLite. */
class AclApiSqliteTest extends AclApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
