package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link FuzzApiContractTest} on SQLite. */
class FuzzApiSqliteTest extends FuzzApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
