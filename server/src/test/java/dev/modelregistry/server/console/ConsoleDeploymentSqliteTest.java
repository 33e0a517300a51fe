package dev.modelregistry.server.console;

import dev.modelregistry.server.testing.Backend;

/** {@link ConsoleDeploymentContractTest} on SQLite. */
class ConsoleDeploymentSqliteTest extends ConsoleDeploymentContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
