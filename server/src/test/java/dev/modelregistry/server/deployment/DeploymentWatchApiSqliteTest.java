package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link DeploymentWatchApiContractTest} on SQLite. */
class DeploymentWatchApiSqliteTest extends DeploymentWatchApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
