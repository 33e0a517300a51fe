package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link ShutdownWithWatchersContractTest} on SQLite. */
class ShutdownWithWatchersSqliteTest extends ShutdownWithWatchersContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
