package dev.modelregistry.server.deployment;

import dev.modelregistry.server.testing.Backend;

/** {@link PromotionApiContractTest} on SQLite. */
class PromotionApiSqliteTest extends PromotionApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
