package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link HostileInputApiContractTest} on SQLite. */
class HostileInputApiSqliteTest extends HostileInputApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
