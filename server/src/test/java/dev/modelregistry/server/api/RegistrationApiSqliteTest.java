package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link RegistrationApiContractTest} on SQLite. */
class RegistrationApiSqliteTest extends RegistrationApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
