package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link ArtifactApiContractTest} on PostgreSQL. */
class ArtifactApiPostgresTest extends ArtifactApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
