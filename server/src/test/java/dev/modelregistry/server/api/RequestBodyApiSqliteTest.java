package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link RequestBodyApiContractTest} on SQLite. */
class RequestBodyApiSqliteTest extends RequestBodyApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
