package dev.modelregistry.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * The console benchmark's fleet ({@link ConsoleFleet}: {@code models} models of {@code perModel} versions, cloned from
 * rows the API wrote), with the columns the search filters read spread the way a real fleet spreads them, so that no
 * filter matches everything or nothing by accident. For model number n (fleet-00000n) and version number v:
 * <ul>
 * <li>owner: one of 100 teams {@code desk-001..100} ({@code (n-1) % 100}), each with a member; the owner's last
 *     activity 10 days ago for 85 % of the models, 100 (warning) for 7 %, 190 (expired) for 5 %, 220 (orphan) for 3 %;
 * <li>code_commit: shared by version v of 100 consecutive models (a monorepo commit); feature_graph_hash: shared by
 *     the versions of 10 consecutive models; lineage_hash: the fleet's own, one per version;
 * <li>labels asset (4 values by n % 4), desk (100), region (3) on every version, and {@code experiment:exp-n} on the
 *     versions of every 1000th model; all of them in {@code version_labels} and {@code model_labels} too;
 * <li>registered_by: one of 50 principals {@code quant-1..50} ({@code (n-1) % 50}); registered_at 30 s apart from
 *     2024-01-01, in fleet order;
 * <li>status: besides the console fleet's production r1 of every 10th model, r2 of those retired, r3 of every 100th
 *     model (n % 100 = 20) a canary, r10 of every 50th (n % 50 = 5) rejected;
 * <li>an evaluation report on every r1, failing for n % 10 = 3 and passing otherwise: verdict pass for 90 % of the
 *     first versions, fail for 10 %, none for every other version.
 * </ul>
 */
final class SearchFleet {
    static final int TEAMS = 100;
    static final int REGISTRANTS = 50;

    /** The model's number n of {@code m.name} ("fleet-000123" is 123). */
    private static final String N = "right(m.name, 6)::int";

    private SearchFleet() {
    }

    /** Seeds the fleet and its spread; returns how long it took, in seconds. */
    static double seed(BenchDatabase database, String templateModel, int models, int perModel) throws SQLException {
        long start = System.nanoTime();
        people(database);
        ConsoleFleet.seed(database, templateModel, models, perModel, modelColumns(), versionColumns(perModel));
        try (Connection c = database.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("UPDATE model_versions SET status = CASE"
                    + " WHEN version_id LIKE '%-r2' THEN 'retired' WHEN version_id LIKE '%-r3' THEN 'canary'"
                    + " ELSE 'rejected' END WHERE version_id LIKE 'fleet-%' AND ("
                    + " (version_id LIKE '%0@2026.01.01-r2') OR (version_id LIKE '%20@2026.01.01-r3')"
                    + " OR (version_id LIKE '%5@2026.01.01-r10'"
                    + " AND right(split_part(version_id, '@', 1), 6)::int % 50 = 5))");
            s.execute("INSERT INTO version_labels (version_id, key, value) SELECT v.id, l.key, l.value"
                    + " FROM model_versions v CROSS JOIN LATERAL jsonb_each_text(v.labels::jsonb) l"
                    + " WHERE v.version_id LIKE 'fleet-%'");
            s.execute("INSERT INTO model_labels (model_id, key, value) SELECT DISTINCT v.model_id, l.key, l.value"
                    + " FROM version_labels l JOIN model_versions v ON v.id = l.version_id"
                    + " WHERE v.version_id LIKE 'fleet-%'");
            reports(s);
            c.commit();
            // Outside the transaction: an ANALYZE in one that is never committed leaves the planner no statistics.
            c.setAutoCommit(true);
            s.execute("ANALYZE");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The 100 owner teams and the 50 registrants, each team with one of them as its member. */
    private static void people(BenchDatabase database) throws SQLException {
        database.execute("INSERT INTO principals (name, kind, is_admin, created_at)"
                + " SELECT 'quant-' || g, 'user', false, now() FROM generate_series(1, " + REGISTRANTS + ") g");
        database.execute("INSERT INTO teams (name, created_at)"
                + " SELECT 'desk-' || lpad(g::text, 3, '0'), now() FROM generate_series(1, " + TEAMS + ") g");
        database.execute("INSERT INTO team_members (team_id, principal_id, added_at)"
                + " SELECT t.id, p.id, now() FROM teams t JOIN principals p"
                + " ON p.name = 'quant-' || ((right(t.name, 3)::int - 1) % " + REGISTRANTS + " + 1)"
                + " WHERE t.name LIKE 'desk-%'");
    }

    private static Map<String, String> modelColumns() {
        String day = "86400000::bigint";
        return Map.of(
                "owner_team_id", "(SELECT id FROM teams WHERE name = 'desk-' || lpad(((g - 1) % " + TEAMS
                        + " + 1)::text, 3, '0'))",
                "owner_activity_ms", "(extract(epoch FROM now()) * 1000)::bigint - " + day + " * CASE"
                        + " WHEN g % 100 < 85 THEN 10 WHEN g % 100 < 92 THEN 100 WHEN g % 100 < 97 THEN 190"
                        + " ELSE 220 END");
    }

    private static Map<String, String> versionColumns(int perModel) {
        String asset = "(ARRAY['equities', 'fx', 'rates', 'commodities'])[" + N + " % 4 + 1]";
        String desk = "'desk-' || lpad(((" + N + " - 1) % " + TEAMS + " + 1)::text, 3, '0')";
        String region = "(ARRAY['us', 'eu', 'apac'])[" + N + " % 3 + 1]";
        String experiment = "CASE WHEN " + N + " % 1000 = 0 THEN ',\"experiment\":\"exp-' || " + N + " || '\"' ELSE ''"
                + " END";
        return Map.of(
                "code_commit", "md5('commit:' || (" + N + " / 100) || ':' || v) || left(md5('c' || (" + N
                        + " / 100) || ':' || v), 8)",
                "feature_graph_hash", "md5('fg:' || (" + N + " / 10)) || md5('graph:' || (" + N + " / 10))",
                // Keys in sorted order, as registration writes them.
                "labels", "'{\"asset\":\"' || " + asset + " || '\",\"desk\":\"' || " + desk + " || '\"' || "
                        + experiment + " || ',\"region\":\"' || " + region + " || '\"}'",
                "registered_by", "(SELECT id FROM principals WHERE name = 'quant-' || ((" + N + " - 1) % " + REGISTRANTS
                        + " + 1))",
                "registered_at", "timestamptz '2024-01-01 00:00:00Z' + ((" + N + " - 1) * " + perModel
                        + " + v) * interval '30 seconds'");
    }

    /** A report on every fleet model's r1, cloned from a report the API stored. */
    private static void reports(Statement s) throws SQLException {
        s.execute("INSERT INTO evaluation_reports (report_id, version_id, lineage_hash, evaluator_id, keyid, objective,"
                + " verdict, metrics, created_at, envelope, submitted_by, received_at)"
                + " SELECT 'fleet-rep-' || v.id, v.id, v.lineage_hash, t.evaluator_id, t.keyid, t.objective,"
                + " CASE WHEN right(split_part(v.version_id, '@', 1), 6)::int % 10 = 3 THEN 'fail' ELSE 'pass' END,"
                + " t.metrics, t.created_at, t.envelope, t.submitted_by, t.received_at"
                + " FROM model_versions v CROSS JOIN (SELECT * FROM evaluation_reports ORDER BY id LIMIT 1) t"
                + " WHERE v.version_id LIKE 'fleet-%@2026.01.01-r1'");
    }
}
