package dev.modelregistry.server.repository;

import dev.modelregistry.server.testing.TestDatabases;
import org.jdbi.v3.core.Handle;

import java.nio.file.Path;

/** The repository contract on PostgreSQL. */
class PostgresRepositoryContractTest extends RepositoryContractTest {
    @Override
    String jdbcUrl(Path dataDir) {
        return TestDatabases.freshPostgresSchemaUrl();
    }

    /** A superuser can switch the append-only triggers off; the hash chain must still give the edit away. */
    @Override
    void tamperWithAudit(Handle handle, String sql) {
        handle.execute("ALTER TABLE audit_log DISABLE TRIGGER USER");
        handle.execute(sql);
        handle.execute("ALTER TABLE audit_log ENABLE TRIGGER USER");
    }
}
