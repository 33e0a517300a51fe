package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link AuthApiContractTest} on PostgreSQL. */
class AuthApiPostgresTest extends AuthApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
