package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link TimeTravelApiContractTest} on PostgreSQL. */
class TimeTravelApiPostgresTest extends TimeTravelApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
