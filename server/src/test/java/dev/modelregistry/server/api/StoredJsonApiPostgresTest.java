package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link StoredJsonApiContractTest} on PostgreSQL. */
class StoredJsonApiPostgresTest extends StoredJsonApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
