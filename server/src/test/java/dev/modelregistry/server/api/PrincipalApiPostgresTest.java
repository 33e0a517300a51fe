package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link PrincipalApiContractTest} on PostgreSQL. */
class PrincipalApiPostgresTest extends PrincipalApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
