package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link WebhookApiContractTest} on PostgreSQL. */
class WebhookApiPostgresTest extends WebhookApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
