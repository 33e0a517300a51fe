package dev.modelregistry.server.db;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** SQLite: the driver leaves SQLState empty, so classification uses SQLite's extended result codes. */
public final class SqliteDialect implements Dialect {
    @Override
    public String migrationLocation() {
        return "classpath:db/migration/sqlite";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }

    @Override
    public boolean isRetryable(SQLException e) {
        return e instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_BUSY
                || s.getResultCode() == SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT
                || s.getResultCode() == SQLiteErrorCode.SQLITE_LOCKED);
    }

    @Override
    public boolean isUnavailable(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || (e instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_CANTOPEN
                || s.getResultCode() == SQLiteErrorCode.SQLITE_IOERR || s.getResultCode() == SQLiteErrorCode.SQLITE_FULL));
    }
}
