package dev.modelregistry.server.artifact;

import dev.modelregistry.server.testing.Backend;

class BlobCollectionSqliteTest extends BlobCollectionContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
