package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleTraceAuditContractTest} on PostgreSQL. */
class ConsoleTraceAuditPostgresTest extends ConsoleTraceAuditContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
