package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleOrphansLiveContractTest} on SQLite. */
class ConsoleOrphansLiveSqliteTest extends ConsoleOrphansLiveContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
