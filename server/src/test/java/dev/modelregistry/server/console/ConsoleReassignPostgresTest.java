package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleReassignContractTest} on PostgreSQL. */
class ConsoleReassignPostgresTest extends ConsoleReassignContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
