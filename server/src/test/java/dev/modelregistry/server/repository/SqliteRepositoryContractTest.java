package dev.modelregistry.server.repository;

import dev.modelregistry.server.testing.TestDatabases;
import org.jdbi.v3.core.Handle;

import java.nio.file.Path;

/** The repository contract on the embedded SQLite database. */
class SqliteRepositoryContractTest extends RepositoryContractTest {
    @Override
    String jdbcUrl(Path dataDir) {
        return TestDatabases.sqliteUrl(dataDir);
    }

    /** Someone with the database file drops the triggers first; nothing else stops them. */
    @Override
    void tamperWithAudit(Handle handle, String sql) {
        handle.execute("DROP TRIGGER IF EXISTS audit_log_no_update");
        handle.execute("DROP TRIGGER IF EXISTS audit_log_no_delete");
        handle.execute(sql);
    }
}
