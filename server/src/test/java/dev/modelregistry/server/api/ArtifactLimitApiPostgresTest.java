package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link ArtifactLimitApiContractTest} on PostgreSQL. */
class ArtifactLimitApiPostgresTest extends ArtifactLimitApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
