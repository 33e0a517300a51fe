package dev.modelregistry.server.testing;

import dev.modelregistry.server.config.ServerConfig;

/** The databases every API rule is proven on: a contract suite has one tiny subclass per backend. */
public enum Backend {
    /** The embedded SQLite file in the configuration's data directory. */
    SQLITE,
    /** A fresh schema in the test PostgreSQL, dropped when the registry closes. */
    POSTGRES;

    /** A registry server with this configuration on this database. */
    public TestRegistry start(ServerConfig config) {
        return this == POSTGRES ? TestRegistry.onFreshPostgresSchema(config) : TestRegistry.start(config);
    }
}
