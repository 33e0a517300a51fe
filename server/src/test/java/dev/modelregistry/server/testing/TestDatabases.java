package dev.modelregistry.server.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real databases for tests: a SQLite file in a temporary directory, or a fresh schema in the PostgreSQL that
 * {@code .ci/run} prepares ({@code MODELREG_TEST_PG_URL}, default the local test database). Each PostgreSQL
 * test class gets its own schema, so classes never see each other's rows, and drops it when done; a shutdown hook
 * drops whatever a test left behind.
 */
public final class TestDatabases {
    private static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final Pattern CURRENT_SCHEMA = Pattern.compile("[?&]currentSchema=(t_[0-9a-f]{16})(&|$)");
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(CREATED).forEach(TestDatabases::drop),
                "drop-test-schemas"));
    }

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

    /** Creates an empty schema and returns a URL whose connections use it; {@link #dropSchemaOf} removes it. */
    public static String freshPostgresSchemaUrl() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String base = postgresBaseUrl();
        try (Connection connection = DriverManager.getConnection(base); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable at " + base
                    + " (start it, or set MODELREG_TEST_PG_URL): " + e.getMessage(), e);
        }
        CREATED.add(schema);
        return base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Drops the schema of a URL from {@link #freshPostgresSchemaUrl} with everything in it, once nothing uses it any
     * more; any other URL (a SQLite file, a schema this class did not create) is left alone.
     */
    public static void dropSchemaOf(String url) {
        Matcher schema = CURRENT_SCHEMA.matcher(url);
        if (schema.find() && CREATED.contains(schema.group(1))) {
            drop(schema.group(1));
        }
    }

    private static void drop(String schema) {
        try (Connection connection = DriverManager.getConnection(postgresBaseUrl());
             Statement statement = connection.createStatement()) {
            // A connection some test forgot to close must not hang the build on the schema's locks.
            statement.execute("SET lock_timeout = '10s'");
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            CREATED.remove(schema);
        } catch (SQLException e) {
            System.err.println("could not drop the test schema " + schema + ": " + e.getMessage());
        }
    }
}
