package dev.modelregistry.server.audit;

import dev.modelregistry.server.testing.Backend;
import org.jdbi.v3.core.Handle;

/** {@link AuditTamperContractTest} on SQLite: someone with the database file drops the triggers first. */
class AuditTamperSqliteTest extends AuditTamperContractTest {
    @Override
    Backend backend() {
        return Backend.SQLITE;
    }

    @Override
    void tamper(Handle handle, String sql) {
        handle.execute("DROP TRIGGER IF EXISTS audit_log_no_update");
        handle.execute("DROP TRIGGER IF EXISTS audit_log_no_delete");
        handle.execute(sql);
    }
}
