package dev.modelregistry.server.artifact;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/** SQL for {@code blob_store_identity}, the one row naming the artifact store this database was written with. */
public final class BlobStoreIdentityStore {
    /** The identity recorded at first start, with how the store was described then. */
    public record Recorded(String storeId, String describedAs) {
    }

    public Optional<Recorded> find(Handle handle) {
        return handle.createQuery("SELECT store_id, described_as FROM blob_store_identity")
                .map((rs, ctx) -> new Recorded(rs.getString("store_id"), rs.getString("described_as")))
                .findOne();
    }

    public void record(Handle handle, String storeId, String describedAs, Instant now) {
        handle.createUpdate("""
                        INSERT INTO blob_store_identity (store_id, described_as, recorded_at)
                        VALUES (:id, :described, :now)""")
                .bind("id", storeId)
                .bind("described", describedAs)
                .bind("now", now)
                .execute();
    }
}
