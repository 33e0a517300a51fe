package dev.modelregistry.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Real databases for tests: a SQLite file in a temporary directory, or a fresh schema in the PostgreSQL that
 * {@code .ci/run} prepares ({@code MODELREG_TEST_PG_URL}, default the local test database). Each PostgreSQL
 * test class gets its own schema, so classes never see each other's rows.
 */
public final class TestDatabases {
    private static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private TestDatabases() {
    }

    public static String sqliteUrl(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("registry.db").toAbsolutePath();
    }

    public static String postgresBaseUrl() {
        String fromProperty = System.getProperty("modelreg.test.pg.url");
        if (fromProperty != null && !fromProperty.isBlank() && !fromProperty.startsWith("${")) {
            return fromProperty;
        }
        String fromEnv = System.getenv("MODELREG_TEST_PG_URL");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : DEFAULT_PG;
    }

    /** Creates an empty schema and returns a URL whose connections use it. */
    public static String freshPostgresSchemaUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String base = postgresBaseUrl();
        try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + base
                    + " (start it, or set MODELREG_TEST_PG_URL): " + e.getMessage(), e);
        }
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
