package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link OpsApiContractTest} on SQLite. */
class OpsApiSqliteTest extends OpsApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
