package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link ModelApiContractTest} on SQLite. */
class ModelApiSqliteTest extends ModelApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
