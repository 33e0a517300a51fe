package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleSessionContractTest} on SQLite. */
class ConsoleSessionSqliteTest extends ConsoleSessionContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
