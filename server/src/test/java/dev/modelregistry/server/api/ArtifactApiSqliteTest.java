package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link ArtifactApiContractTest} on SQLite. */
class ArtifactApiSqliteTest extends ArtifactApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
