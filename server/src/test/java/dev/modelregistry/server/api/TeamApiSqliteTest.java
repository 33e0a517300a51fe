package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link TeamApiContractTest} on SQLite. */
class TeamApiSqliteTest extends TeamApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
