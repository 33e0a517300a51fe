package dev.modelregistry.server.db;

import com.zaxxer.hikari.HikariConfig;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** PostgreSQL: timestamptz columns, LISTEN/NOTIFY, advisory locks; SQLState codes are reliable, so errors are classified by them. */
final class PostgresDialect implements Dialect {
    @Override
    public String migrationLocation() {
        return "classpath:db/migration/postgresql";
    }

    @Override
    public void configurePool(HikariConfig pool, String jdbcUrl, Path dataDir) {
        pool.setJdbcUrl(jdbcUrl);
        pool.setMaximumPoolSize(16);
        // Lets the driver send a JDBC batch of inserts as multi-row statements (bulk lineage ingest).
        pool.addDataSourceProperty("reWriteBatchedInserts", "true");
    }

    @Override
    public void registerTimeMapping(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
    }

    @Override
    public <T> T inSnapshot(Jdbi jdbi, HandleCallback<T, RuntimeException> callback) {
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, callback);
    }

    @Override
    public ChangeFeed openChangeFeed(String jdbcUrl, String channel) {
        return new PostgresChangeFeed(jdbcUrl, channel);
    }

    @Override
    public boolean tryClusterLock(Handle handle, long key) {
        return handle.createQuery("SELECT pg_try_advisory_xact_lock(:key)").bind("key", key).mapTo(Boolean.class).one();
    }

    @Override
    public void commitWithoutFlushWait(Handle handle) {
        handle.execute("SET LOCAL synchronous_commit = off");
    }

    @Override
    public String skipLocked(String alias) {
        return " FOR UPDATE OF " + alias + " SKIP LOCKED";
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    @Override
    public boolean isRetryable(SQLException e) {
        return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
    }

    /** Class 08 (connection exception), or the server shutting down or not yet accepting connections. */
    @Override
    public boolean isConnectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03"));
    }

    @Override
    public boolean isUnavailable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P03")));
    }
}
