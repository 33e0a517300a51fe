package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link AliasApiContractTest} on PostgreSQL. */
class AliasApiPostgresTest extends AliasApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
