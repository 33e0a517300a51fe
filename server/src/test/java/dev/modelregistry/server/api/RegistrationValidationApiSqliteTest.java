package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link RegistrationValidationApiContractTest} on SQLite. */
class RegistrationValidationApiSqliteTest extends RegistrationValidationApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
