package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleDeploymentContractTest} on PostgreSQL. */
class ConsoleDeploymentPostgresTest extends ConsoleDeploymentContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
