package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link RegistrationApiContractTest} on PostgreSQL. */
class RegistrationApiPostgresTest extends RegistrationApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
