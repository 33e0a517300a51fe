package dev.modelregistry.server.api;

import dev.modelregistry.server.testing.Backend;

/** {@link QueryParameterApiContractTest} on PostgreSQL. */
class QueryParameterApiPostgresTest extends QueryParameterApiContractTest {
    @Override
    Backend backend() {
        return Backend.POSTGRES;
    }
}
