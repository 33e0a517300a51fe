package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link VersionSearchApiContractTest} on PostgreSQL. */
class VersionSearchApiPostgresTest extends VersionSearchApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
