package dev.modelregistry.server.artifact;

import dev.modelregistry.server.testing.Backend;

class BlobStoreIdentitySqliteTest extends BlobStoreIdentityContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
