package dev.modelregistry.server.ownership;

import dev.modelregistry.server.testing.Backend;

/** Strong owners on SQLite. */
class SqliteOwnershipApiTest extends OwnershipApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
