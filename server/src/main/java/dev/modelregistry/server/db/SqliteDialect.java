package dev.modelregistry.server.db;

import com.zaxxer.hikari.HikariConfig;
import dev.modelregistry.server.files.PrivateFiles;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * SQLite, the embedded default: one writer at a time, times as sortable text, a single instance (so notification
 * is in-process and the cluster lock is always this instance's). The driver leaves SQLState empty, so errors are
 * classified by SQLite's extended result codes.
 */
final class SqliteDialect implements Dialect {
    private static final String JDBC_PREFIX = "jdbc:sqlite:";

    @Override
    public String migrationLocation() {
        return "classpath:db/migration/sqlite";
    }

    @Override
    public void configurePool(HikariConfig pool, String jdbcUrl, Path dataDir) {
        createPrivately(dataDir, jdbcUrl);
        pool.setDataSource(dataSource(jdbcUrl));
        // SQLite has one writer at a time; a few connections serve concurrent reads under WAL.
        pool.setMaximumPoolSize(4);
    }

    private static SQLiteDataSource dataSource(String jdbcUrl) {
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

    /**
     * The data directory (0700) and, before SQLite opens it, the database file (0600): SQLite gives the WAL and
     * shared-memory files the database file's mode, so all three stay private to the server's user.
     */
    private static void createPrivately(Path dataDir, String jdbcUrl) {
        try {
            PrivateFiles.directories(dataDir);
            Optional<Path> file = databaseFile(jdbcUrl);
            if (file.isPresent()) {
                PrivateFiles.fileIfAbsent(file.get());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir + " or the database in it", e);
        }
    }

    /** The file a plain {@code jdbc:sqlite:PATH[?options]} URL names; none for {@code :memory:} or {@code file:} URIs. */
    static Optional<Path> databaseFile(String jdbcUrl) {
        String rest = jdbcUrl.substring(JDBC_PREFIX.length());
        int options = rest.indexOf('?');
        String path = options < 0 ? rest : rest.substring(0, options);
        if (path.isEmpty() || path.startsWith(":") || path.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }

    /** Times are stored as {@link Times#format} text, which sorts like the instant. */
    @Override
    public void registerTimeMapping(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<Instant>(Types.VARCHAR) {
            @Override
            protected Argument build(Instant value, ConfigRegistry config) {
                return (position, statement, ctx) -> statement.setString(position, Times.format(value));
            }
        });
        jdbi.registerColumnMapper(Instant.class, (rs, column, ctx) -> Times.parse(rs.getString(column)));
    }

    /** A SQLite transaction is a snapshot by itself (WAL readers see the database as of their first read). */
    @Override
    public <T> T inSnapshot(Jdbi jdbi, HandleCallback<T, RuntimeException> callback) {
        return jdbi.inTransaction(callback);
    }

    @Override
    public ChangeFeed openChangeFeed(String jdbcUrl, String channel) {
        return new InProcessChangeFeed();
    }

    /** One instance serves a SQLite file, and BEGIN IMMEDIATE already orders writers: the lock is always ours. */
    @Override
    public boolean tryClusterLock(Handle handle, long key) {
        return true;
    }

    /** SQLite's synchronous mode is the connection's, not a transaction's: every commit waits for the disk. */
    @Override
    public void commitWithoutFlushWait(Handle handle) {
    }

    /** BEGIN IMMEDIATE lets one transaction at a time claim anything, and one instance serves the file: none needed. */
    @Override
    public String skipLocked(String alias) {
        return "";
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

    /** A file in this process: there is no connection to lose. */
    @Override
    public boolean isConnectionLost(SQLException e) {
        return false;
    }

    @Override
    public boolean isUnavailable(SQLException e) {
        return e instanceof SQLTransientConnectionException
                || (e instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_CANTOPEN
                || s.getResultCode() == SQLiteErrorCode.SQLITE_IOERR || s.getResultCode() == SQLiteErrorCode.SQLITE_FULL));
    }
}
