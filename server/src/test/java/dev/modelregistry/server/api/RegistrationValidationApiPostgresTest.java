package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link RegistrationValidationApiContractTest} on PostgreSQL. */
class RegistrationValidationApiPostgresTest extends RegistrationValidationApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
