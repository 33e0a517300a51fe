package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleSessionContractTest} on PostgreSQL. */
class ConsoleSessionPostgresTest extends ConsoleSessionContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
