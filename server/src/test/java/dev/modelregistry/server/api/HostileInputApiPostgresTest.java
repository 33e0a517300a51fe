package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link HostileInputApiContractTest} on PostgreSQL. */
class HostileInputApiPostgresTest extends HostileInputApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
