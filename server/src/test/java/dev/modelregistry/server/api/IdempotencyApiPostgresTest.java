package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link IdempotencyApiContractTest} on PostgreSQL. */
class IdempotencyApiPostgresTest extends IdempotencyApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
