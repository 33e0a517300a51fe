package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link ModelApiContractTest} on PostgreSQL. */
class ModelApiPostgresTest extends ModelApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
