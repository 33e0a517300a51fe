package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link WebhookDeliveryContractTest} on SQLite. */
class WebhookDeliverySqliteTest extends WebhookDeliveryContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
