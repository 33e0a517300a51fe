package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link WebhookDeliveryContractTest} on PostgreSQL. */
class WebhookDeliveryPostgresTest extends WebhookDeliveryContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
