package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link FuzzApiContractTest} on PostgreSQL. */
class FuzzApiPostgresTest extends FuzzApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
