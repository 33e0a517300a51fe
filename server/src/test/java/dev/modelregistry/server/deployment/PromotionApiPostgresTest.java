package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link PromotionApiContractTest} on PostgreSQL. */
class PromotionApiPostgresTest extends PromotionApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
