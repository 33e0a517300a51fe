package dev.modelregistry.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The connection pool, JDBI and the dialect of one database, plus the one way services run a transaction:
 * {@link #inTransaction}, which retries serialization failures and busy errors a few times.
 */
public final class Database implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 6;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbi = Jdbi.create(dataSource);
        registerInstantMapping();
    }

    public static Database open(String jdbcUrl, Path dataDir, MeterRegistry meters) {
        Dialect dialect = Dialect.forUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("modelreg");
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setMetricRegistry(meters);
        if (dialect instanceof SqliteDialect) {
            createDirectories(dataDir);
            config.setDataSource(sqliteDataSource(jdbcUrl));
            // SQLite has one writer at a time; a few connections serve concurrent reads under WAL.
            config.setMaximumPoolSize(4);
        } else {
            config.setJdbcUrl(jdbcUrl);
            config.setMaximumPoolSize(16);
            // Lets the driver send a JDBC batch of inserts as multi-row statements (bulk lineage ingest).
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return new Database(new HikariDataSource(config), dialect);
    }

    private static SQLiteDataSource sqliteDataSource(String jdbcUrl) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // FULL: a commit that was acknowledged survives power loss, not only a process crash.
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(10_000);
        // Writers take the lock when the transaction begins, so two writers never deadlock on lock upgrade.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource source = new SQLiteDataSource(sqlite);
        source.setUrl(jdbcUrl);
        return source;
    }

    private static void createDirectories(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
    }

    private void registerInstantMapping() {
        boolean text = dialect instanceof SqliteDialect;
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(text ? Types.VARCHAR : Types.TIMESTAMP_WITH_TIMEZONE) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return text
                        ? (position, statement, ctx) -> statement.setString(position, Times.format(value))
                        : (position, statement, ctx) -> statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> {
            if (text) {
                return Times.parse(rs.getString(column));
            }
            OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        });
    }

    public Dialect dialect() {
        return dialect;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Runs the callback in one transaction, again from the start when the database says the conflict is transient. */
    public <T> T inTransaction(HandleCallback<T, RuntimeException> callback) {
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbi.inTransaction(callback);
            } catch (RuntimeException e) {
                Optional<SQLException> sql = sqlCause(e);
                if (attempt >= MAX_ATTEMPTS || sql.isEmpty() || !dialect.isRetryable(sql.get())) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * Runs read-only work on one consistent snapshot (PostgreSQL REPEATABLE READ; on SQLite the transaction
     * itself is the snapshot), so that reads of several tables agree with each other.
     */
    public <T> T inSnapshot(HandleCallback<T, RuntimeException> callback) {
        if (dialect instanceof PostgresDialect) {
            return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, callback);
        }
        return jdbi.inTransaction(callback);
    }

    public <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
        return jdbi.withHandle(callback);
    }

    public boolean isUniqueViolation(Throwable e) {
        return sqlCause(e).map(dialect::isUniqueViolation).orElse(false);
    }

    public boolean isUnavailable(Throwable e) {
        return sqlCause(e).map(s -> dialect.isUnavailable(s) || dialect.isRetryable(s)).orElse(false);
    }

    /** True when the database answers a trivial query within two seconds. */
    public boolean isReachable() {
        try (Handle handle = jdbi.open()) {
            return handle.getConnection().isValid(2);
        } catch (RuntimeException | SQLException e) {
            return false;
        }
    }

    public static Optional<SQLException> sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep((long) (Math.random() * 10 * attempt) + 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a transaction", e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
