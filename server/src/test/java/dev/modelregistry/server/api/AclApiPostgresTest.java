package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link AclApiContractTest} on PostgreSQL. */
class AclApiPostgresTest extends AclApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
