package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link ModelSearchApiContractTest} on PostgreSQL. */
class ModelSearchApiPostgresTest extends ModelSearchApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
