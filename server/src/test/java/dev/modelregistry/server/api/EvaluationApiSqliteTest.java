package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link EvaluationApiContractTest} on SQLite. */
class EvaluationApiSqliteTest extends EvaluationApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
