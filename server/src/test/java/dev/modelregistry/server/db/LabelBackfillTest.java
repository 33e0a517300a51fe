package dev.modelregistry.server.db;

import dev.modelregistry.server.testing.TestDatabases;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Migration V17 fills the label tables from the labels versions registered before it stored as JSON: a database that
 * upgrades finds its old versions by label at once, on both databases.
 */
class LabelBackfillTest {
    @TempDir
    Path dir;

    @Test
    void postgresqlBackfillsTheLabelsOfVersionsRegisteredBeforeV17() {
        String url = TestDatabases.freshPostgresSchemaUrl();
        try {
            assertBackfilled(url);
        } finally {
            TestDatabases.dropSchemaOf(url);
        }
    }

    @Test
    void sqliteBackfillsTheLabelsOfVersionsRegisteredBeforeV17() {
        assertBackfilled(TestDatabases.sqliteUrl(dir));
    }

    private void assertBackfilled(String url) {
        try (Database database = Database.open(url, dir, new SimpleMeterRegistry())) {
            Flyway.configure().dataSource(database.dataSource()).locations(database.dialect().migrationLocation())
                    .target("16").load().migrate();
            database.inTransaction(handle -> {
                long model = oneModel(handle);
                version(handle, model, "old@2026.01.01-r1", "{\"asset\":\"equities\",\"note\":\"a:b \\\"c\\\"\"}");
                version(handle, model, "old@2026.01.01-r2", "{\"asset\":\"equities\",\"region\":\"us\"}");
                version(handle, model, "old@2026.01.01-r3", "{}");
                return null;
            });

            new Migrations(database).migrate();

            List<String> versionLabels = database.withHandle(h -> h.createQuery("""
                            SELECT v.version_id || ' ' || l.key || '=' || l.value FROM version_labels l
                            JOIN model_versions v ON v.id = l.version_id ORDER BY v.version_id, l.key""")
                    .mapTo(String.class).list());
            List<String> modelLabels = database.withHandle(h -> h.createQuery(
                    "SELECT key || '=' || value FROM model_labels ORDER BY key, value").mapTo(String.class).list());

            assertThat(versionLabels).containsExactly("old@2026.01.01-r1 asset=equities",
                    "old@2026.01.01-r1 note=a:b \"c\"", "old@2026.01.01-r2 asset=equities",
                    "old@2026.01.01-r2 region=us");
            assertThat(modelLabels).containsExactly("asset=equities", "note=a:b \"c\"", "region=us");
        }
    }

    private static long oneModel(Handle handle) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        handle.createUpdate("INSERT INTO principals (name, kind, is_admin, created_at) VALUES ('quant', 'user', false, :at)")
                .bind("at", now).execute();
        handle.createUpdate("INSERT INTO teams (name, created_at) VALUES ('desk', :at)").bind("at", now).execute();
        handle.createUpdate("""
                        INSERT INTO models (name, owner_team_id, created_by, created_at, owner_activity_ms)
                        SELECT 'old', t.id, p.id, :at, 0 FROM teams t, principals p""").bind("at", now).execute();
        return handle.createQuery("SELECT id FROM models WHERE name = 'old'").mapTo(Long.class).one();
    }

    private static void version(Handle handle, long model, String versionId, String labels) {
        handle.createUpdate("""
                        INSERT INTO model_versions (model_id, version_id, lineage_hash, code_commit, feature_graph_hash,
                            data_window_start, data_window_end, hyperparams, labels, status, registered_by, registered_at)
                        SELECT :model, :versionId, :versionId, 'a13fce0', '8b2e9f01', '2018-01-01', '2026-04-30', '{}',
                            :labels, 'candidate', id, :at FROM principals""")
                .bind("model", model).bind("versionId", versionId).bind("labels", labels)
                .bind("at", Instant.parse("2026-01-01T00:00:00Z")).execute();
    }
}
