package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link EvaluatorApiContractTest} on PostgreSQL. */
class EvaluatorApiPostgresTest extends EvaluatorApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
