package dev.modelregistry.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The baseline: what the same PostgreSQL does with the simplest durable write, one autocommitted single-row
 * INSERT per transaction, one JDBC connection per thread. Each row holds a registration body as text, so the
 * row is about the size of what a registration stores.
 */
final class RawInsertLoad implements ClosedLoop.WorkerFactory {
    static final String TABLE_DDL = """
            CREATE TABLE bench_raw (
                id          bigserial   PRIMARY KEY,
                payload     text        NOT NULL,
                created_at  timestamptz NOT NULL
            )""";

    private final BenchDatabase database;
    private final Supplier<String> payloads;

    RawInsertLoad(BenchDatabase database, Supplier<String> payloads) {
        this.database = database;
        this.payloads = payloads;
    }

    @Override
    public ClosedLoop.Worker create(int index) throws SQLException {
        Connection connection = database.connect();
        connection.setAutoCommit(true);
        PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO bench_raw (payload, created_at) VALUES (?, now())");
        return new ClosedLoop.Worker() {
            @Override
            public void runOnce() throws SQLException {
                insert.setString(1, payloads.get());
                if (insert.executeUpdate() != 1) {
                    throw new IllegalStateException("INSERT INTO bench_raw did not insert one row");
                }
            }

            @Override
            public void close() throws SQLException {
                insert.close();
                connection.close();
            }
        };
    }
}
