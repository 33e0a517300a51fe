package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleOrphansContractTest} on SQLite. */
class ConsoleOrphansSqliteTest extends ConsoleOrphansContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
