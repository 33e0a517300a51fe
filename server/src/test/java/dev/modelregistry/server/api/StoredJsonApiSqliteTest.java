package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link StoredJsonApiContractTest} on SQLite. */
class StoredJsonApiSqliteTest extends StoredJsonApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
