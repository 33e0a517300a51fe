package dev.modelregistry.server.bootstrap;

import dev.modelregistry.server.testing.Backend;

class BootstrapAdminSqliteTest extends BootstrapAdminContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
