package dev.modelregistry.server.db;

import com.zaxxer.hikari.HikariConfig;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.sql.SQLException;

/**
 * Everything PostgreSQL and SQLite do differently, and the only place that knows which one is in use: pool
 * settings, how times are bound, snapshot reads, change notification, the cluster lock, error classification, and
 * the migration folder (which is also where partitioning lives: PostgreSQL's event tables are partitioned by year,
 * SQLite's are not). Everything else is shared SQL. Errors are classified by SQLState / vendor code, never by
 * message text.
 */
public interface Dialect {
    /** Flyway location of this dialect's migrations. */
    String migrationLocation();

    /** Points the pool at the database and sizes it for how this database handles concurrent writers. */
    void configurePool(HikariConfig pool, String jdbcUrl, Path dataDir);

    /** How an {@link java.time.Instant} is bound as a parameter and read from a column. */
    void registerTimeMapping(Jdbi jdbi);

    /** Runs read-only work on one consistent snapshot, so that reads of several tables agree with each other. */
    <T> T inSnapshot(Jdbi jdbi, HandleCallback<T, RuntimeException> callback);

    /** The feed through which a committed change reaches the watchers on every instance that serves this database. */
    ChangeFeed openChangeFeed(String jdbcUrl, String channel);

    /**
     * Tries to take the cluster-wide lock {@code key} for the rest of the transaction: true when this transaction
     * holds it, false when another instance does. Background jobs use it so that one instance at a time runs them.
     */
    boolean tryClusterLock(Handle handle, long key);

    /**
     * Lets the transaction on {@code handle} commit without waiting for its log to reach the disk, where the
     * database can (the commit is then durable a fraction of a second later, or lost in a crash).
     */
    void commitWithoutFlushWait(Handle handle);

    /**
     * The clause that makes a SELECT lock the rows it returns of the table {@code alias}, skipping rows another
     * transaction holds, so that instances claiming work from one table each get other rows.
     */
    String skipLocked(String alias);

    boolean isUniqueViolation(SQLException e);

    /** Serialization failures, deadlocks, busy databases: the whole transaction may simply be run again. */
    boolean isRetryable(SQLException e);

    /** The database cannot be reached or refused the connection: callers should see 503. */
    boolean isUnavailable(SQLException e);

    /**
     * The connection itself failed (the server is down or unreachable), as opposed to a busy pool or a failed
     * statement: the database is then marked down until a probe connects again.
     */
    boolean isConnectionLost(SQLException e);

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
