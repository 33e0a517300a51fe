package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleOrphansLiveContractTest} on PostgreSQL. */
class ConsoleOrphansLivePostgresTest extends ConsoleOrphansLiveContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
