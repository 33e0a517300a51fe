package dev.modelregistry.server.artifact;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for artifact rows; the only writer of {@code artifacts}. {@code versionRowId} is the version's row id. */
public final class ArtifactStore {
    private static final String SELECT = """
            SELECT a.path, a.sha256, a.size, a.media_type, p.name AS uploaded_by, a.uploaded_at
            FROM artifacts a JOIN principals p ON p.id = a.uploaded_by
            """;

    private static final RowMapper<Artifact> ARTIFACT = (rs, ctx) -> new Artifact(rs.getString("path"),
            rs.getString("sha256"), rs.getLong("size"), rs.getString("media_type"), rs.getString("uploaded_by"),
            ctx.findColumnMapperFor(Instant.class).orElseThrow().map(rs, "uploaded_at", ctx));

    public Optional<Artifact> find(Handle handle, long versionRowId, String path) {
        return handle.createQuery(SELECT + "WHERE a.version_id = :versionId AND a.path = :path")
                .bind("versionId", versionRowId)
                .bind("path", path)
                .map(ARTIFACT)
                .findOne();
    }

    public List<Artifact> list(Handle handle, long versionRowId) {
        return handle.createQuery(SELECT + "WHERE a.version_id = :versionId ORDER BY a.path")
                .bind("versionId", versionRowId)
                .map(ARTIFACT)
                .list();
    }

    /** The artifacts of several versions in one statement, by version row id, each list sorted by path. */
    public Map<Long, List<Artifact>> listByVersion(Handle handle, Collection<Long> versionRowIds) {
        Map<Long, List<Artifact>> byVersion = new HashMap<>();
        versionRowIds.forEach(id -> byVersion.put(id, new ArrayList<>()));
        if (versionRowIds.isEmpty()) {
            return byVersion;
        }
        handle.createQuery("""
                        SELECT a.version_id, a.path, a.sha256, a.size, a.media_type, p.name AS uploaded_by,
                               a.uploaded_at
                        FROM artifacts a JOIN principals p ON p.id = a.uploaded_by
                        WHERE a.version_id IN (<ids>) ORDER BY a.version_id, a.path""")
                .bindList("ids", List.copyOf(versionRowIds))
                .map((rs, ctx) -> Map.entry(rs.getLong("version_id"), ARTIFACT.map(rs, ctx)))
                .forEach(e -> byVersion.get(e.getKey()).add(e.getValue()));
        return byVersion;
    }

    public void insert(Handle handle, long versionRowId, StoredBlob blob, String path, String mediaType, long uploadedByRowId,
                       Instant at) {
        handle.createUpdate("""
                        INSERT INTO artifacts (version_id, path, sha256, size, media_type, uploaded_by, uploaded_at)
                        VALUES (:versionId, :path, :sha256, :size, :mediaType, :uploadedBy, :at)""")
                .bind("versionId", versionRowId)
                .bind("path", path)
                .bind("sha256", blob.sha256())
                .bind("size", blob.size())
                .bind("mediaType", mediaType)
                .bind("uploadedBy", uploadedByRowId)
                .bind("at", at)
                .execute();
    }

    public void replace(Handle handle, long versionRowId, StoredBlob blob, String path, String mediaType, long uploadedByRowId,
                        Instant at) {
        handle.createUpdate("""
                        UPDATE artifacts SET sha256 = :sha256, size = :size, media_type = :mediaType,
                                             uploaded_by = :uploadedBy, uploaded_at = :at
                        WHERE version_id = :versionId AND path = :path""")
                .bind("versionId", versionRowId)
                .bind("path", path)
                .bind("sha256", blob.sha256())
                .bind("size", blob.size())
                .bind("mediaType", mediaType)
                .bind("uploadedBy", uploadedByRowId)
                .bind("at", at)
                .execute();
    }

    /** Up to {@code limit} distinct blobs the artifact rows name, with their recorded size, after {@code afterSha256}. */
    public List<StoredBlob> namedBlobs(Handle handle, String afterSha256, int limit) {
        return handle.createQuery("""
                        SELECT sha256, MAX(size) AS size FROM artifacts WHERE sha256 > :after
                        GROUP BY sha256 ORDER BY sha256 LIMIT :limit""")
                .bind("after", afterSha256)
                .bind("limit", limit)
                .map((rs, ctx) -> new StoredBlob(rs.getString("sha256"), rs.getLong("size")))
                .list();
    }
}
