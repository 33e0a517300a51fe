package dev.modelregistry.server.artifact;

import dev.modelregistry.server.testing.Backend;

class BlobCollectionPostgresTest extends BlobCollectionContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
