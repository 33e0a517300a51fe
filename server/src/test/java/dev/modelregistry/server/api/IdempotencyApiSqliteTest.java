package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link IdempotencyApiContractTest} on SQLite. */
class IdempotencyApiSqliteTest extends IdempotencyApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
