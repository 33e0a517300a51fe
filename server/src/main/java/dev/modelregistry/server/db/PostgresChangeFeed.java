package dev.modelregistry.server.db;

import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * Announcements across instances through PostgreSQL LISTEN/NOTIFY. NOTIFY is transactional, so watchers hear of a
 * change only once it is committed. One dedicated connection per instance listens and fans out to local
 * watchers; if it drops, it reconnects, and every local watcher is woken so that none misses a change made
 * while the connection was down (they re-read the revision anyway).
 */
final class PostgresChangeFeed implements ChangeFeed {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeFeed.class);

    private final String jdbcUrl;
    private final String channel;
    private final ChangeBus bus = new ChangeBus();
    private final Set<String> knownKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Thread listener;
    private volatile boolean running = true;

    /** {@code channel} is a fixed identifier chosen by the code (it is spliced into LISTEN), never user input. */
    PostgresChangeFeed(String jdbcUrl, String channel) {
        this.jdbcUrl = jdbcUrl;
        this.channel = channel;
        this.listener = Thread.ofPlatform().daemon().name("modelreg-listener-" + channel).start(this::listen);
    }

    @Override
    public void announce(Handle handle, String key) {
        handle.createQuery("SELECT pg_notify(:channel, :key)")
                .bind("channel", channel)
                .bind("key", key)
                .mapTo(String.class)
                .one();
    }

    @Override
    public Subscription subscribe(String key) {
        knownKeys.add(key);
        return bus.subscribe(key);
    }

    private void listen() {
        while (running) {
            try (Connection connection = DriverManager.getConnection(jdbcUrl)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + channel);
                }
                // Changes made while we were not listening: wake everyone, they re-read.
                knownKeys.forEach(bus::fire);
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            bus.fire(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("change listener lost its connection ({}); reconnecting", e.getMessage());
                    pause();
                }
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        bus.shutDown();
        listener.interrupt();
    }
}
