package dev.modelregistry.server.ownership;

import dev.modelregistry.server.testing.Backend;

/** Strong owners on PostgreSQL. */
class PostgresOwnershipApiTest extends OwnershipApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
