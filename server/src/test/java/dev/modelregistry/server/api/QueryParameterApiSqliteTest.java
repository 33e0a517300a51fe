package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link QueryParameterApiContractTest} on SQLite. */
class QueryParameterApiSqliteTest extends QueryParameterApiContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }
}
