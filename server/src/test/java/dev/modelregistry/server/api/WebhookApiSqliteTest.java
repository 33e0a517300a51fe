package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link WebhookApiContractTest} on SQLite. */
class WebhookApiSqliteTest extends WebhookApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
