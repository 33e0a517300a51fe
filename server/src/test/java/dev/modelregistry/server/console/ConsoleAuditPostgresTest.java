package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleAuditContractTest} on PostgreSQL. */
class ConsoleAuditPostgresTest extends ConsoleAuditContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
