package dev.modelregistry.server.keys;

import dev.modelregistry.server.testing.Backend;

class SigningKeyIdentityPostgresTest extends SigningKeyIdentityContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
