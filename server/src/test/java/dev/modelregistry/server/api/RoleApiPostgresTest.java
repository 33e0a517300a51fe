package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link RoleApiContractTest} on PostgreSQL. */
class RoleApiPostgresTest extends RoleApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
