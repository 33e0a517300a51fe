package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link ArtifactLimitApiContractTest} on SQLite. */
class ArtifactLimitApiSqliteTest extends ArtifactLimitApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
