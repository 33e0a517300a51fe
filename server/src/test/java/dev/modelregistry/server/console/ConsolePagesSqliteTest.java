package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsolePagesContractTest} on SQLite. */
class ConsolePagesSqliteTest extends ConsolePagesContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
