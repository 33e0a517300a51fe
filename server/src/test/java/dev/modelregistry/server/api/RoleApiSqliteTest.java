package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link RoleApiContractTest} on Sqlite. */
class RoleApiSqliteTest extends RoleApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
