package dev.modelregistry.server.artifact;

import dev.modelregistry.server.db.Database;
import dev.modelregistry.server.db.Times;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Makes sure an instance serves the artifact store its database was written with. At first start a random id is
 * written into the store and recorded in the database; every later start reads both and refuses to go on when they
 * differ, or when the database names a store but this one carries no id (a second instance given its own empty
 * directory instead of the shared one). Without this, such an instance starts and answers 503 for every artifact
 * the first one stored.
 */
public final class BlobStoreIdentity {
    /** The cluster lock under which instances starting together on a new registry agree on one id ("blobs"). */
    private static final long IDENTITY_LOCK = 0x626c6f6273L;

    private final Database database;
    private final BlobStoreIdentityStore identities;
    private final BlobStore blobs;
    private final Clock clock;

    public BlobStoreIdentity(Database database, BlobStoreIdentityStore identities, BlobStore blobs, Clock clock) {
        this.database = database;
        this.identities = identities;
        this.blobs = blobs;
        this.clock = clock;
    }

    /** Records the store's identity on a new registry, or checks it; throws with what to do when it does not match. */
    public void checkOrRecord() {
        database.inTransactionUnderClusterLock(IDENTITY_LOCK, "artifact-store identity", handle -> {
            Optional<BlobStoreIdentityStore.Recorded> recorded = identities.find(handle);
            Optional<String> own = readOwn();
            if (recorded.isEmpty()) {
                String id = own.orElseGet(this::writeNewId);
                identities.record(handle, id, blobs.describe(), Times.truncate(clock.instant()));
            } else if (own.isEmpty() || !own.get().equals(recorded.get().storeId())) {
                throw new IllegalStateException(mismatch(recorded.get(), own));
            }
        });
    }

    private String mismatch(BlobStoreIdentityStore.Recorded recorded, Optional<String> own) {
        String found = own.map(id -> "carries store id " + id).orElse("carries no store id");
        return "the artifact store (" + blobs.describe() + ") is not the one this database was written with: it "
                + found + ", the database expects " + recorded.storeId() + " (" + recorded.describedAs() + "). "
                + "Give every instance the same artifact store (the same --artifacts bucket, or one shared <data-dir>/artifacts directory), or "
                + "restore the store's identity file if it was lost.";
    }

    private Optional<String> readOwn() {
        try {
            return blobs.readIdentity();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the artifact store's identity: " + e.getMessage(), e);
        }
    }

    private String writeNewId() {
        String id = UUID.randomUUID().toString();
        try {
            blobs.writeIdentity(id);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the artifact store's identity: " + e.getMessage(), e);
        }
        return id;
    }
}
