package dev.modelregistry.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The random fleet versions a run asks about, one per request, read back from the database after seeding (so that
 * a request's commit, hashes, registrant and time are those the fleet really holds, whatever {@link SearchFleet}
 * computed them from).
 */
final class SearchSamples {
    /** One fleet version: its model's number and name, and what the version filters match it by. */
    record Sample(int n, String model, String modelId, String codeCommit, String featureGraphHash, String lineageHash,
                  String registeredBy, Instant registeredAt) {
    }

    private SearchSamples() {
    }

    /** {@code count} versions of random fleet models (fixed seed: every run asks the same). */
    static List<Sample> pick(BenchDatabase database, int count, int models, int perModel) throws SQLException {
        Random random = new Random(11);
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = String.format("fleet-%06d@2026.01.01-r%d", 1 + random.nextInt(models),
                    1 + random.nextInt(perModel));
        }
        Map<String, Sample> found = new HashMap<>();
        try (Connection c = database.connect(); PreparedStatement query = c.prepareStatement("""
                SELECT m.name, v.version_id, v.code_commit, v.feature_graph_hash, v.lineage_hash, p.name AS registrant,
                       v.registered_at
                FROM model_versions v JOIN models m ON m.id = v.model_id JOIN principals p ON p.id = v.registered_by
                WHERE v.version_id = ANY (?)""")) {
            Array array = c.createArrayOf("text", ids);
            query.setArray(1, array);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    String model = rs.getString(1);
                    found.put(rs.getString(2), new Sample(Integer.parseInt(model.substring(model.length() - 6)), model,
                            rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return java.util.Arrays.stream(ids).map(id -> {
            Sample sample = found.get(id);
            if (sample == null) {
                throw new IllegalStateException("the fleet has no version " + id);
            }
            return sample;
        }).toList();
    }
}
