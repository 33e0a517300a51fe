package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleReassignContractTest} on SQLite. */
class ConsoleReassignSqliteTest extends ConsoleReassignContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
