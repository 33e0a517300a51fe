package dev.modelregistry.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL database a run uses: created when missing, with a fresh schema per run (the server's tables and
 * the raw baseline's scratch table live in it), dropped at the end.
 */
final class BenchDatabase {
    private static final Pattern URL = Pattern.compile("^(jdbc:postgresql://[^/?]+/)([^?]*)(\\?.*)?$");
    private static final Pattern PLAIN_NAME = Pattern.compile("^[A-Za-z0-9_]{1,63}$");
    private static final String DUPLICATE_DATABASE = "42P04";

    private final String baseUrl;
    private final String schema;

    private BenchDatabase(String baseUrl, String schema) {
        this.baseUrl = baseUrl;
        this.schema = schema;
    }

    /** Creates the database of {@code baseUrl} if it does not exist, then a fresh schema in it. */
    static BenchDatabase prepare(String baseUrl) throws SQLException {
        Matcher url = URL.matcher(baseUrl);
        if (!url.matches()) {
            throw new IllegalArgumentException("--pg-url must look like jdbc:postgresql://host:port/database?user=...");
        }
        String database = url.group(2);
        if (!PLAIN_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("database name must be letters, digits and _: " + database);
        }
        createDatabaseIfMissing(url.group(1) + "postgres" + (url.group(3) == null ? "" : url.group(3)), database);
        String schema = "bench_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()).substring(0, 12);
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        return new BenchDatabase(baseUrl, schema);
    }

    private static void createDatabaseIfMissing(String maintenanceUrl, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(maintenanceUrl)) {
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rs = exists.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + database + "\"");
            } catch (SQLException e) {
                // Another run created it in the meantime.
                if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                    throw e;
                }
            }
        }
    }

    String schema() {
        return schema;
    }

    /** The URL whose connections see only this run's schema (what the server and the baseline use). */
    String schemaUrl() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(schemaUrl());
    }

    String queryText(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    long queryLong(String sql) throws SQLException {
        return Long.parseLong(queryText(sql));
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    void dropSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }
}
