package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsolePagesContractTest} on PostgreSQL. */
class ConsolePagesPostgresTest extends ConsolePagesContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
