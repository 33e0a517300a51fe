package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link TeamApiContractTest} on PostgreSQL. */
class TeamApiPostgresTest extends TeamApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
