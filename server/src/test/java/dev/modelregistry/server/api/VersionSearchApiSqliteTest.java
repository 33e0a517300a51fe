package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link VersionSearchApiContractTest} on SQLite. */
class VersionSearchApiSqliteTest extends VersionSearchApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
