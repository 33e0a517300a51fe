package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleTraceAuditContractTest} on SQLite. */
class ConsoleTraceAuditSqliteTest extends ConsoleTraceAuditContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
