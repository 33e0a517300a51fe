package dev.modelregistry.server.keys;

import dev.modelregistry.server.testing.Backend;

class SigningKeyIdentitySqliteTest extends SigningKeyIdentityContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
