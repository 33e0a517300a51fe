package dev.modelregistry.server.artifact;

import dev.modelregistry.server.testing.Backend;

class BlobStoreIdentityPostgresTest extends BlobStoreIdentityContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
