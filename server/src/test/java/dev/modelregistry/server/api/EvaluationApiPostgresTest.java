package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link EvaluationApiContractTest} on PostgreSQL. */
class EvaluationApiPostgresTest extends EvaluationApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
