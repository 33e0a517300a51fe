package dev.modelregistry.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The connection pool, JDBI and the dialect of one database, plus the one way services run a transaction:
 * {@link #inTransaction}, which retries serialization failures and busy errors a few times.
 */
public final class Database implements AutoCloseable {
    private static final int MAX_ATTEMPTS = 6;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final String jdbcUrl;
    private final Jdbi jdbi;
    private final Availability availability;

    private Database(HikariDataSource dataSource, Dialect dialect, String jdbcUrl) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
        this.jdbi = Jdbi.create(dataSource);
        this.availability = new Availability(dialect, jdbcUrl);
        dialect.registerTimeMapping(jdbi);
    }

    public static Database open(String jdbcUrl, Path dataDir, MeterRegistry meters) {
        Dialect dialect = Dialect.forUrl(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setPoolName("modelreg");
        config.setConnectionTimeout(5_000);
        config.setValidationTimeout(2_000);
        config.setMetricRegistry(meters);
        dialect.configurePool(config, jdbcUrl, dataDir);
        return new Database(new HikariDataSource(config), dialect, jdbcUrl);
    }

    /** For the migrations of this package: which folder of scripts applies. */
    Dialect dialect() {
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
            availability.check();
            try {
                return jdbi.inTransaction(callback);
            } catch (RuntimeException e) {
                availability.observe(e);
                Optional<SQLException> sql = sqlCause(e);
                if (attempt >= MAX_ATTEMPTS || sql.isEmpty() || !dialect.isRetryable(sql.get())) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /**
     * {@link #inTransaction} for bookkeeping whose loss in a crash only makes work be done again (a webhook delivery's
     * lease or its record of a 2xx: the delivery is then sent again, as at-least-once allows): on PostgreSQL the
     * commit does not wait for its log to be flushed, which is at most a fraction of a second later. Never for a
     * transaction that writes an audit entry: what others may already have read must survive a crash.
     */
    public <T> T inTransactionFlushedLater(HandleCallback<T, RuntimeException> callback) {
        return inTransaction(handle -> {
            dialect.commitWithoutFlushWait(handle);
            return callback.withHandle(handle);
        });
    }

    /**
     * Runs read-only work on one consistent snapshot, so that reads of several tables agree with each other.
     */
    public <T> T inSnapshot(HandleCallback<T, RuntimeException> callback) {
        availability.check();
        try {
            return dialect.inSnapshot(jdbi, callback);
        } catch (RuntimeException e) {
            availability.observe(e);
            throw e;
        }
    }

    /** See {@link Dialect#tryClusterLock}: true when this transaction now holds the cluster-wide lock {@code key}. */
    public boolean tryClusterLock(Handle handle, long key) {
        return dialect.tryClusterLock(handle, key);
    }

    /** How a SELECT that claims work locks its rows on this database; see {@link RowLocking}. */
    public RowLocking rowLocking() {
        return dialect::skipLocked;
    }

    /**
     * Runs {@code work} in a transaction holding the cluster-wide lock {@code key}, waiting up to 10 s for another
     * instance to release it (start-up checks that instances starting together must agree on, e.g. which key or
     * store the registry has). {@code what} names the lock in the error when the wait runs out.
     */
    public void inTransactionUnderClusterLock(long key, String what, Consumer<Handle> work) {
        for (int attempt = 1; ; attempt++) {
            boolean done = inTransaction(handle -> {
                if (!tryClusterLock(handle, key)) {
                    return false;
                }
                work.accept(handle);
                return true;
            });
            if (done) {
                return;
            }
            if (attempt == 100) {
                throw new IllegalStateException("another instance held the " + what + " lock for 10 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the " + what + " lock", e);
            }
        }
    }

    /** A feed of committed changes on {@code channel} (a fixed name chosen by the code), across every instance. */
    public ChangeFeed openChangeFeed(String channel) {
        return dialect.openChangeFeed(jdbcUrl, channel);
    }

    public <T> T withHandle(HandleCallback<T, RuntimeException> callback) {
        availability.check();
        try {
            return jdbi.withHandle(callback);
        } catch (RuntimeException e) {
            availability.observe(e);
            throw e;
        }
    }

    public boolean isUniqueViolation(Throwable e) {
        return sqlCause(e).map(dialect::isUniqueViolation).orElse(false);
    }

    public boolean isUnavailable(Throwable e) {
        return sqlCause(e).map(s -> dialect.isUnavailable(s) || dialect.isRetryable(s)).orElse(false);
    }

    /** True when the database answers a trivial query within two seconds. */
    public boolean isReachable() {
        if (availability.isDown()) {
            return false;
        }
        try (Handle handle = jdbi.open()) {
            return handle.getConnection().isValid(2);
        } catch (RuntimeException | SQLException e) {
            availability.observe(e);
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
        availability.close();
        dataSource.close();
    }
}
