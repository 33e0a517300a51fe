package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link EvaluatorApiContractTest} on SQLite. */
class EvaluatorApiSqliteTest extends EvaluatorApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
