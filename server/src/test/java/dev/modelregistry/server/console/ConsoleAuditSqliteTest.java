package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleAuditContractTest} on SQLite. */
class ConsoleAuditSqliteTest extends ConsoleAuditContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
