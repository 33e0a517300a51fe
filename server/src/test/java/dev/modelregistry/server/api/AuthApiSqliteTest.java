package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link AuthApiContractTest} on SQLite. */
class AuthApiSqliteTest extends AuthApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
