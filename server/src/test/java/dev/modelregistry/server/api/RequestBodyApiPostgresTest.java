package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link RequestBodyApiContractTest} on PostgreSQL. */
class RequestBodyApiPostgresTest extends RequestBodyApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
