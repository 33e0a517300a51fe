package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link DeploymentWatchApiContractTest} on PostgreSQL. */
class DeploymentWatchApiPostgresTest extends DeploymentWatchApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
