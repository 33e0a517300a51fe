package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link PrincipalApiContractTest} on SQLite. */
class PrincipalApiSqliteTest extends PrincipalApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
