package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link TimeTravelApiContractTest} on SQLite. */
class TimeTravelApiSqliteTest extends TimeTravelApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
