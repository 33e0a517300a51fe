package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link ModelSearchApiContractTest} on SQLite. */
class ModelSearchApiSqliteTest extends ModelSearchApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
