package dev.modelregistry.server.db;

import java.sql.SQLException;

/**
 * The few things PostgreSQL and SQLite do differently; everything else is shared SQL.
 * Errors are classified by SQLState / vendor code, never by message text.
 */
public interface Dialect {
    /** Flyway location of this dialect's migrations. */
    String migrationLocation();

    boolean isUniqueViolation(SQLException e);

    /** Serialization failures, deadlocks, busy databases: the whole transaction may simply be run again. */
    boolean isRetryable(SQLException e);

    /** The database cannot be reached or refused the connection: callers should see 503. */
    boolean isUnavailable(SQLException e);

    static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return new PostgresDialect();
        }
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return new SqliteDialect();
        }
        throw new IllegalArgumentException("unsupported database URL (use jdbc:postgresql: or jdbc:sqlite:): "
                + jdbcUrl.replaceAll("password=[^&]*", "password=***"));
    }
}
