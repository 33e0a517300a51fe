package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link OpsApiContractTest} on PostgreSQL. */
class OpsApiPostgresTest extends OpsApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
