package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleOrphansContractTest} on PostgreSQL. */
class ConsoleOrphansPostgresTest extends ConsoleOrphansContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
