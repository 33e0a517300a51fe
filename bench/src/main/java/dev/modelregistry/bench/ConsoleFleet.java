package dev.modelregistry.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A fleet of models and versions the size SPEC promises, written straight into the run's PostgreSQL schema by
 * cloning rows the HTTP API wrote (so every column holds what the registry itself would write): {@code models}
 * models named {@code fleet-000001...}, each with {@code perModel} candidate versions, and every tenth model with its
 * first version in production (a deployment row at revision 1). Registering a million versions through the API would
 * take hours here; reading them is what the benchmark measures.
 */
final class ConsoleFleet {
    private ConsoleFleet() {
    }

    /** Clones model {@code templateModel} and one of its versions; returns how long it took, in seconds. */
    static double seed(BenchDatabase database, String templateModel, int models, int perModel) throws SQLException {
        return seed(database, templateModel, models, perModel, Map.of(), Map.of());
    }

    /**
     * The same, with some columns computed rather than cloned: {@code modelColumns} maps a column of {@code models} to
     * an SQL expression over {@code g} (the model's number, 1..models) and the template's columns;
     * {@code versionColumns} a column of {@code model_versions} to one over {@code m} (the new model's row),
     * {@code v} (the version's number, 1..perModel) and {@code t} (the template version).
     */
    static double seed(BenchDatabase database, String templateModel, int models, int perModel,
                       Map<String, String> modelColumns, Map<String, String> versionColumns) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            List<String> modelNames = columns(c, "models", List.of("id", "name"));
            s.execute("INSERT INTO models (name, " + String.join(", ", modelNames) + ")"
                    + " SELECT 'fleet-' || lpad(g::text, 6, '0'), " + expressions("", modelNames, modelColumns)
                    + " FROM models, generate_series(1, " + models + ") g WHERE name = '" + templateModel + "'");
            List<String> versionNames = columns(c, "model_versions",
                    List.of("id", "model_id", "version_id", "lineage_hash", "status"));
            s.execute("INSERT INTO model_versions (model_id, version_id, lineage_hash, status, "
                    + String.join(", ", versionNames) + ")"
                    + " SELECT m.id, m.name || '@2026.01.01-r' || v,"
                    + " md5(m.name || ':' || v) || md5(v || ':' || m.name),"
                    + " 'candidate', " + expressions("t.", versionNames, versionColumns)
                    + " FROM models m CROSS JOIN generate_series(1, " + perModel + ") v"
                    + " CROSS JOIN (SELECT * FROM model_versions WHERE model_id = (SELECT id FROM models WHERE name = '"
                    + templateModel + "') ORDER BY id LIMIT 1) t WHERE m.name LIKE 'fleet-%'");
            s.execute("UPDATE model_versions SET status = 'production' WHERE version_id LIKE 'fleet-%@2026.01.01-r1'"
                    + " AND right(split_part(version_id, '@', 1), 1) = '0'");
            s.execute("INSERT INTO deployments (model_id, revision, production_version_id, updated_at)"
                    + " SELECT model_id, 1, id, now() FROM model_versions WHERE version_id LIKE 'fleet-%'"
                    + " AND status = 'production'");
            c.commit();
            // Outside the transaction: an ANALYZE in one that is never committed leaves the planner no statistics.
            c.setAutoCommit(true);
            s.execute("ANALYZE");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Each column as its computed expression when it has one, else the template's column. */
    private static String expressions(String template, List<String> columns, Map<String, String> computed) {
        return String.join(", ", columns.stream().map(c -> computed.getOrDefault(c, template + c)).toList());
    }

    private static List<String> columns(Connection c, String table, List<String> except) throws SQLException {
        List<String> columns = new ArrayList<>();
        String sql = "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND table_name = '" + table + "' ORDER BY ordinal_position";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (!except.contains(rs.getString(1))) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }
}
