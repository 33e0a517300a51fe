package dev.modelregistry.server.db;

import dev.modelregistry.core.error.ErrorCode;
import dev.modelregistry.core.error.RegistryException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether the database is known to be unreachable. Without this, while PostgreSQL is down every request waits the
 * pool's full connection timeout before its 503. Once a request sees the connection itself fail, requests are
 * refused at once, and a probe outside the pool tries a fresh connection every {@link #PROBE_INTERVAL} until one
 * succeeds; then requests go to the database again.
 */
final class Availability implements AutoCloseable {
    static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(Availability.class);

    private final Dialect dialect;
    private final String jdbcUrl;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("modelreg-db-probe").factory());
    /** 0 while the database is believed reachable; otherwise when it was found unreachable (System.nanoTime). */
    private volatile long downSince;

    Availability(Dialect dialect, String jdbcUrl) {
        this.dialect = dialect;
        this.jdbcUrl = jdbcUrl;
    }

    /** Refuses at once while the database is known to be down. */
    void check() {
        if (downSince != 0) {
            throw new RegistryException(ErrorCode.UNAVAILABLE, "the database is unreachable; retry later");
        }
    }

    boolean isDown() {
        return downSince != 0;
    }

    /** Looks at a failure: when it says the connection to the database failed, the database is marked down. */
    void observe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && dialect.isConnectionLost(sql)) {
                markDown(sql);
                return;
            }
        }
    }

    private synchronized void markDown(SQLException cause) {
        if (downSince != 0 || prober.isShutdown()) {
            return;
        }
        downSince = System.nanoTime();
        LOG.warn("database unreachable ({}); answering 503 at once until a probe connects", cause.getMessage());
        prober.schedule(this::probe, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void probe() {
        Properties properties = new Properties();
        properties.setProperty("connectTimeout", "1");
        properties.setProperty("socketTimeout", "2");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties)) {
            if (connection.isValid(1)) {
                LOG.warn("database reachable again after {} ms", (System.nanoTime() - downSince) / 1_000_000);
                downSince = 0;
                return;
            }
        } catch (SQLException e) {
            // still down: probe again
        }
        if (!prober.isShutdown()) {
            prober.schedule(this::probe, PROBE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
