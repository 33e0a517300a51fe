package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link ShutdownWithWatchersContractTest} on PostgreSQL. */
class ShutdownWithWatchersPostgresTest extends ShutdownWithWatchersContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
