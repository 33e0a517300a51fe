package dev.modelregistry.server.bootstrap;

import dev.modelregistry.server.testing.Backend;

class BootstrapAdminPostgresTest extends BootstrapAdminContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
