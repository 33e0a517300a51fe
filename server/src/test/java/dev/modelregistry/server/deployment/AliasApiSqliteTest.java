package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link AliasApiContractTest} on SQLite. */
class AliasApiSqliteTest extends AliasApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
